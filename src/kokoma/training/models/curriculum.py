"""The curriculum of the training as municipal conflict manager: what it teaches, module by
module."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CurriculumModule(models.Model):
    """One module of the curriculum: what it teaches, in how many hours, with which methods."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    learning_goals = models.TextField(
        _("learning goals"), help_text=_("What participants can do afterwards; one per line.")
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Teaching hours (45 minutes each), at least 0.5."),
    )
    methods = models.TextField(_("methods"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("Where the module stands in the curriculum.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def learning_goal_list(self) -> list[str]:
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]
