"""The case itself: its step in the procedure rules, its lifecycle and its step history."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import COMPANION_ROLES, Membership
from kokoma.taxonomy.models import Term, TermKind

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class ConflictType(models.TextChoices):
    FACTUAL = "factual", _("factual conflict")
    RELATIONSHIP = "relationship", _("relationship conflict")
    VALUES = "values", _("values conflict")
    DISTRIBUTION = "distribution", _("distribution conflict")
    STRUCTURAL = "structural", _("structural conflict")


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: User) -> CaseQuerySet:
        """Need-to-know: the case team and the municipality's tandem (its coordinators)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        tandem_of = Membership.objects.filter(user=user, role__in=COMPANION_ROLES).values(
            "municipality_id"
        )
        from .team import CaseTeamMember

        on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user)
        return self.filter(Q(municipality_id__in=tandem_of) | Exists(on_team))

    def open(self) -> CaseQuerySet:
        return self.filter(closed_at__isnull=True)


class CaseOutcome(models.TextChoices):
    RESOLVED = "resolved", _("resolved")
    DEESCALATED = "de-escalated", _("de-escalated")
    TRANSFORMED = "transformed", _("transformed")
    DORMANT = "dormant", _("dormant")
    ESCALATED = "escalated", _("escalated")


class Case(models.Model):
    """A conflict case (Konfliktfall)."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="cases"
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    conflict_type = models.CharField(
        _("conflict type"), max_length=16, choices=ConflictType.choices, blank=True
    )
    step = models.ForeignKey(
        "workflow.Step", on_delete=models.PROTECT, related_name="cases", verbose_name=_("step")
    )
    step_since = models.DateTimeField(_("in this step since"))
    dividers = models.TextField(
        _("dividers"), blank=True, help_text=_("What divides people locally; one item per line.")
    )
    connectors = models.TextField(
        _("connectors"),
        blank=True,
        help_text=_("What still connects people locally; one item per line."),
    )
    tree_causes = models.TextField(_("causes"), blank=True, help_text=_("One cause per line."))
    tree_core_problem = models.TextField(_("core problem"), blank=True)
    tree_effects = models.TextField(_("effects"), blank=True, help_text=_("One effect per line."))
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CaseOutcome.choices, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("conflict case")
        verbose_name_plural = _("conflict cases")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["municipality", "closed_at", "opened_on"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def due_at(self) -> datetime.datetime | None:
        """When the current step's response time runs out (None: no target, or closed)."""
        if self.step.response_days is None or self.closed_at is not None:
            return None
        return self.step_since + datetime.timedelta(days=self.step.response_days)

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        due = self.due_at
        return due is not None and due < (now or timezone.now())


class CaseStepChange(models.Model):
    """The workflow history of a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="step_changes")
    from_step = models.ForeignKey(
        "workflow.Step", on_delete=models.PROTECT, null=True, related_name="changes_from"
    )
    to_step = models.ForeignKey(
        "workflow.Step", on_delete=models.PROTECT, related_name="changes_to"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_step or '–'} → {self.to_step}"
