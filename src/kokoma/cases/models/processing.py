"""Conflict processing: procedures used in a case, measures and agreements."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kokoma.taxonomy.models import Term, TermKind

if TYPE_CHECKING:
    pass


class CaseProcedure(models.Model):
    """A procedure of conflict processing (mediation, round table, …) used in a case."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="procedures")
    procedure = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": TermKind.PROCEDURE},
        verbose_name=_("procedure"),
    )
    goal = models.TextField(_("goal"))
    participants = models.ManyToManyField(
        "cases.Actor", blank=True, related_name="procedures", verbose_name=_("participants")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="procedure_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure} ({self.get_status_display()})"


class MeasureQuerySet(models.QuerySet["Measure"]):
    def overdue(self, day: datetime.date | None = None) -> MeasureQuerySet:
        """Open or running measures of open cases whose due date has passed.

        Closing a case ends its measures' deadlines: what was left open is history, not overdue.
        """
        from django.utils import timezone

        day = day or timezone.localdate()
        return self.filter(
            due_on__lt=day,
            status__in=[Measure.Status.OPEN, Measure.Status.IN_PROGRESS],
            case__closed_at__isnull=True,
        )


class Measure(models.Model):
    """A concrete step someone has taken on (Maßnahme), with a due date and a result."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return (
            self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
        )


class Agreement(models.Model):
    """An agreement reached between parties of the conflict (Vereinbarung)."""

    class Status(models.TextChoices):
        # e.g. taken from a statement that bridged the groups of a dialogue, not yet agreed
        DRAFT = "draft", _("draft")
        IN_FORCE = "in_force", _("in force")
        KEPT = "kept", _("kept")
        BROKEN = "broken", _("broken")
        RENEGOTIATED = "renegotiated", _("renegotiated")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="agreements")
    text = models.TextField(_("agreement"))
    parties = models.ManyToManyField(
        "cases.Actor", blank=True, related_name="agreements", verbose_name=_("parties")
    )
    agreed_on = models.DateField(_("agreed on"))
    review_on = models.DateField(_("review on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_FORCE
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"{date_format(self.agreed_on, 'SHORT_DATE_FORMAT')}: {self.text[:40]}"
