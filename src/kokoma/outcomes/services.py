"""The pool of shared closed cases: a draft made when a case closes, the team's review, the
approval that puts it into the pool, and its withdrawal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Max, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.services import assign, save_audited, stored
from kokoma.cases.models import Case, EscalationAssessment, ThreatAssessment
from kokoma.consultation.anonymise import Anonymiser, size_class
from kokoma.consultation.drafting import context_for_case
from kokoma.consultation.services import check_no_leaks
from kokoma.core.messages import message
from kokoma.notifications.services import notify
from kokoma.taxonomy.models import Term

from . import texts
from .models import PoolTerm, SharedCase, SharedStatus
from .text import as_field, from_field, stems

TEXT_FIELDS = ("title", "summary", "lessons_learned")
# A threat dimension counts as a feature of the case from this score on (0–3 scale).
THREAT_FEATURE_SCORE = 2


def _link(case: Case) -> str:
    return reverse("outcomes:share", kwargs={"reference": case.reference})


def peak_stage(case: Case) -> int | None:
    """The highest Glasl stage assessed for the case as a whole."""
    found = EscalationAssessment.objects.filter(case=case, actor__isnull=True)
    peak: int | None = found.aggregate(peak=Max("stage"))["peak"]
    return peak


def threat_features(case: Case) -> set[str]:
    """The threat dimensions whose latest score reaches THREAT_FEATURE_SCORE."""
    latest: dict[str, int] = {}
    for dimension, score in (
        ThreatAssessment.objects.filter(case=case)
        .order_by("assessed_on", "pk")
        .values_list("dimension", "score")
    ):
        latest[dimension] = score
    return {dimension for dimension, score in latest.items() if score >= THREAT_FEATURE_SCORE}


def facts_of(case: Case) -> dict[str, Any]:
    """What the pool keeps of a closed case beside the approved texts: nothing that names
    anybody – topics, procedures, conflict type, threat dimensions, peak stage, outcome,
    duration, month of closing, Land and size class of the municipality."""
    register = case.municipality.register
    closed = timezone.localdate(case.closed_at) if case.closed_at else timezone.localdate()
    return {
        "conflict_type": case.conflict_type,
        "threat_dimensions": sorted(threat_features(case)),
        "peak_stage": peak_stage(case),
        "outcome": case.outcome,
        "duration_days": max((closed - case.opened_on).days, 0),
        "closed_month": closed.replace(day=1),
        "land": register.land,
        "size_class": size_class(register.population),
    }


def _terms(case: Case) -> dict[str, list[Term]]:
    procedures = Term.objects.filter(pk__in=case.procedures.values("procedure_id")).order_by(
        "position", "name"
    )
    return {"topics": list(case.topics.all()), "procedures": list(procedures)}


def team_of(case: Case) -> list[User]:
    """Who is asked to review the draft: the municipality's tandem and the case team."""
    companions = Membership.objects.companions().filter(municipality=case.municipality)
    return list(
        User.objects.filter(pk__in=companions.values("user_id"))
        | User.objects.filter(pk__in=case.team.values("user_id"))
    )


@transaction.atomic
def draft_shared(case: Case, *, by: User | None = None) -> SharedCase | None:
    """The anonymised draft of a closed case for the pool (once; None if the case is open or a
    draft exists). Its team is notified to review it."""
    case = Case.objects.select_related("municipality__register").get(pk=case.pk)
    if case.closed_at is None or SharedCase.objects.filter(case=case).exists():
        return None
    clean = Anonymiser(context_for_case(case)).anonymise
    summary = "\n\n".join(
        part for part in (case.summary.strip(), case.tree_core_problem.strip()) if part
    )
    shared = SharedCase(
        case=case,
        title=clean(case.title)[:200],
        summary=clean(summary),
        lessons_learned=clean(case.lessons_learned),
        **facts_of(case),
    )
    save_audited(shared, by=by, municipality=case.municipality, related=_terms(case))
    notify(
        team_of(case),
        message=message(texts.DRAFT_READY, reference=case.reference),
        link=_link(case),
    )
    return shared


def _check_draft(shared: SharedCase) -> None:
    if shared.status == SharedStatus.SHARED:
        raise ValidationError(_("The summary is shared already; withdraw it to change it."))


@transaction.atomic
def change_shared(shared: SharedCase, *, by: User, **changes: str) -> SharedCase:
    locked = SharedCase.objects.select_for_update().select_related("case").get(pk=shared.pk)
    _check_draft(locked)
    check_no_leaks(locked.case, {name: changes[name] for name in TEXT_FIELDS if name in changes})
    return save_audited(
        assign(stored(locked), changes), by=by, municipality=locked.case.municipality
    )


@transaction.atomic
def share(shared: SharedCase, *, by: User) -> SharedCase:
    """Approve the summary for the pool: checked once more for names, its facts and stems read
    afresh from the case."""
    locked = SharedCase.objects.select_for_update().select_related("case").get(pk=shared.pk)
    _check_draft(locked)
    case = locked.case
    check_no_leaks(case, {name: getattr(locked, name) for name in TEXT_FIELDS})
    values: dict[str, Any] = {
        **facts_of(case),
        "status": SharedStatus.SHARED,
        "approved_by": by,
        "approved_at": timezone.now(),
        "stems": as_field(stems(getattr(locked, name) for name in TEXT_FIELDS)),
    }
    saved = save_audited(
        assign(stored(locked), values), by=by, municipality=case.municipality, related=_terms(case)
    )
    index(saved)
    count_terms(from_field(saved.stems), 1)
    return saved


def count_terms(found: set[str], change: int) -> None:
    """Add `change` to the document count of each stem (new stems start at 1)."""
    if not found:
        return
    known = set(PoolTerm.objects.filter(stem__in=found).values_list("stem", flat=True))
    PoolTerm.objects.filter(stem__in=known).update(documents=F("documents") + change)
    if change > 0:
        PoolTerm.objects.bulk_create(
            (PoolTerm(stem=stem[:100], documents=change) for stem in found - known),
            ignore_conflicts=True,
        )


def index(shared: SharedCase) -> None:
    """Write the full-text vector of the stems (PostgreSQL; SQLite matches the stems text)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        SharedCase.objects.filter(pk=shared.pk).update(
            search=SearchVector(Value(shared.stems), config="simple")
        )


@transaction.atomic
def withdraw(shared: SharedCase, *, by: User) -> SharedCase:
    """Take the summary out of the pool (back to a draft the team may change and share again)."""
    locked = SharedCase.objects.select_for_update().select_related("case").get(pk=shared.pk)
    values = {"status": SharedStatus.DRAFT, "approved_by": None, "approved_at": None}
    return save_audited(
        assign(stored(locked), values), by=by, municipality=locked.case.municipality
    )
