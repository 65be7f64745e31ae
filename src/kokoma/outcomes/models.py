"""The pool of closed cases shared, anonymised, with the whole network: what the similar-case
finder searches and what the evidence figures may name.

A case enters the pool only when it is closed and only with the summary its team approved;
nothing else of the case is stored here or shown outside its municipality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from kokoma.cases.models import Case, CaseOutcome
from kokoma.cases.models.case import ConflictType
from kokoma.network.predicates import is_network_member
from kokoma.taxonomy.models import Term, TermKind

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class SharedStatus(models.TextChoices):
    DRAFT = "draft", _("draft, seen by the case team only")
    SHARED = "shared", _("shared with the network")
    WITHDRAWN = "withdrawn", _("withdrawn")


class SharedCaseQuerySet(models.QuerySet["SharedCase"]):
    def shared(self) -> SharedCaseQuerySet:
        return self.filter(status=SharedStatus.SHARED)

    def visible_to(self, user: User) -> SharedCaseQuerySet:
        """The network reads what is shared; a draft stays with its case (reached through the
        case's own pages, never through this)."""
        return self.shared() if is_network_member(user) else self.none()


class SharedCase(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="shared_summary")
    status = models.CharField(
        _("status"), max_length=16, choices=SharedStatus.choices, default=SharedStatus.DRAFT
    )
    # Anonymised texts, as the team approved them.
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=10000)
    lessons_learned = models.TextField(_("lessons learned"), max_length=5000)
    # Facts, copied when the summary is approved: none names anybody.
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    procedures = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.PROCEDURE},
        verbose_name=_("procedures used"),
    )
    conflict_type = models.CharField(
        _("conflict type"), max_length=16, choices=ConflictType.choices, blank=True
    )
    threat_dimensions = models.JSONField(_("threat dimensions"), default=list, blank=True)
    peak_stage = models.PositiveSmallIntegerField(_("peak Glasl stage"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CaseOutcome.choices)
    duration_days = models.PositiveIntegerField(_("duration in days"))
    closed_month = models.DateField(_("closed in"))
    land = models.CharField(_("Land"), max_length=2)
    size_class = models.CharField(_("size of the municipality"), max_length=40)
    # The stems of title, summary and lessons learned (outcomes.text.as_field).
    stems = models.TextField(editable=False, default="")
    # The same stems as a full-text vector on PostgreSQL (GIN-indexed, migration 0002) for the
    # finder's candidates; unused on SQLite.
    search = SearchVectorField(null=True, editable=False)
    drafted_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = SharedCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("shared closed case")
        verbose_name_plural = _("shared closed cases")
        indexes = [models.Index(fields=["status", "closed_month"], name="shared_status_month")]

    def __str__(self) -> str:
        return self.title

    @property
    def stage_band(self) -> int | None:
        return None if self.peak_stage is None else (self.peak_stage - 1) // 3 + 1


class PoolTerm(models.Model):
    """How many shared cases use a stem: the finder asks with the rarest stems of a case, whose
    few matches are cheap to rank and say the most. Counted when a summary is shared or
    withdrawn; two shares at the same moment may miss a count – a frequency, not a ledger."""

    stem = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("term of the pool")
        verbose_name_plural = _("terms of the pool")

    def __str__(self) -> str:
        return f"{self.stem} ({self.documents})"
