"""The case itself: its step in the procedure rules, its lifecycle and its step history."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import Membership
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from .actors import Actor
from .assessments import EscalationAssessment
from .team import CaseTeamMember

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
        tandem_of = Membership.objects.tandem_municipalities(user)
        on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user)
        return self.filter(Q(municipality_id__in=tandem_of) | Exists(on_team))

    def open(self) -> CaseQuerySet:
        return self.filter(closed_at__isnull=True)

    def with_latest_stage(self) -> CaseQuerySet:
        """Annotate `latest_stage`: the Glasl stage of the latest whole-case assessment."""
        latest = (
            EscalationAssessment.objects.filter(case=OuterRef("pk"), actor__isnull=True)
            .order_by("-assessed_on", "-id")
            .values("stage")[:1]
        )
        return self.annotate(latest_stage=Subquery(latest))

    def with_team_size(self) -> CaseQuerySet:
        """Annotate `team_size`: how many people are on the case team (None for nobody)."""
        size = (
            CaseTeamMember.objects.filter(case=OuterRef("pk"))
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return self.annotate(team_size=Subquery(size))

    def overdue(self, now: datetime.datetime) -> CaseQuerySet:
        """Open cases whose step's response-time target has passed at `now`.

        One condition per distinct target in use, so the database can narrow the cases down;
        `Case.is_overdue` is the same rule for one case in memory.
        """
        targets = (
            Step.objects.filter(response_days__isnull=False)
            .order_by()
            .values_list("response_days", flat=True)
            .distinct()
        )
        condition = Q(pk__in=[])
        for days in targets:
            if days is not None:
                since = now - datetime.timedelta(days=days)
                condition |= Q(step__response_days=days, step_since__lt=since)
        return self.open().filter(condition)

    def with_topic(self, topic: Term) -> CaseQuerySet:
        return self.filter(
            Exists(Case.topics.through.objects.filter(case=OuterRef("pk"), term=topic))
        )

    def with_member(self, user: User) -> CaseQuerySet:
        """Cases that have `user` on their case team."""
        return self.filter(Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user)))

    def in_glasl_band(self, low: int, high: int) -> CaseQuerySet:
        """Cases whose latest whole-case stage lies in [low, high] (needs `with_latest_stage`)."""
        return self.filter(Q(latest_stage__gte=low) & Q(latest_stage__lte=high))

    def search(self, text: str) -> CaseQuerySet:
        """German full-text search on PostgreSQL (GIN-indexed), a substring search elsewhere."""
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            # A union of ids rather than OR, so that the GIN index on the text can be used.
            matching = (
                Case.objects.annotate(search=SearchVector("title", "summary", config="german"))
                .filter(search=SearchQuery(text, config="german", search_type="websearch"))
                .values("pk")
                .union(Actor.objects.filter(pseudonym__icontains=text).values("case_id"))
            )
            return self.filter(pk__in=matching)
        actors = Actor.objects.filter(case=OuterRef("pk"), pseudonym__icontains=text)
        return self.filter(Q(title__icontains=text) | Q(summary__icontains=text) | Exists(actors))

    def counts_by_step(self) -> list[dict[str, Any]]:
        """How many cases per municipality and step: numbers only, no case details."""
        return list(
            self.values("municipality__register__name", "municipality__register__ags", "step__name")
            .annotate(count=Count("pk"))
            .order_by("municipality__register__name", "step__position")
        )


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
