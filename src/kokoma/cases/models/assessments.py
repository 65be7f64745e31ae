"""Assessments of a case: threat to coexistence and democratic order, Glasl escalation stages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


class ThreatDimension(models.TextChoices):
    ENMITY = "enmity", _("group-focused enmity")
    MOBILISATION = "mobilisation", _("extremist mobilisation")
    VIOLENCE = "violence", _("violence or threats")
    POLARISATION = "polarisation", _("polarisation")
    TRUST = "trust", _("loss of trust in institutions")


class ThreatAssessment(models.Model):
    """One dimension of the threat to coexistence and democratic order, scored 0–3."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="threat_assessments"
    )
    dimension = models.CharField(_("dimension"), max_length=16, choices=ThreatDimension.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    rationale = models.TextField(_("rationale"))
    assessed_on = models.DateField(_("date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.score}"


GLASL_STAGES = {
    1: _("Hardening"),
    2: _("Debate and polemics"),
    3: _("Actions instead of words"),
    4: _("Images and coalitions"),
    5: _("Loss of face"),
    6: _("Strategies of threat"),
    7: _("Limited destructive blows"),
    8: _("Fragmentation of the enemy"),
    9: _("Together into the abyss"),
}


class EscalationAssessment(models.Model):
    """A Glasl stage (1–9) for the case as a whole or from one actor's perspective."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="escalations")
    actor = models.ForeignKey(
        "cases.Actor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("from the perspective of"),
        help_text=_("Empty: the case as a whole."),
    )
    stage = models.PositiveSmallIntegerField(
        _("Glasl stage"),
        choices=[
            (stage, format_lazy("{} – {}", stage, name)) for stage, name in GLASL_STAGES.items()
        ],
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    assessed_on = models.DateField(_("date"))
    rationale = models.TextField(_("rationale"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        verbose_name = _("escalation assessment")
        verbose_name_plural = _("escalation assessments")
        ordering = ["assessed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__gte=1) & Q(stage__lte=9), name="escalation_stage_1_to_9"
            )
        ]

    def __str__(self) -> str:
        day = date_format(self.assessed_on, "SHORT_DATE_FORMAT")
        return f"{self.case.reference}: {self.stage} ({day})"
