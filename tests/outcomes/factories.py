"""Closed cases and their shared summaries for the pool's tests, through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases import services
from kokoma.cases.models import Case, CaseProcedure
from kokoma.municipalities.models import Municipality
from kokoma.outcomes import services as pool
from kokoma.outcomes.models import SharedCase
from kokoma.taxonomy.models import Term, TermKind


def term(kind: str, name: str) -> Term:
    return Term.objects.get(kind=kind, name=name)


def closed_case(
    municipality: Municipality,
    by: User,
    *,
    title: str,
    summary: str,
    topic: str,
    stage: int,
    procedure: str = "Mediation",
    outcome: str = "resolved",
    days: int = 60,
    conflict_type: str = "values",
    lessons: str = "Früh mit allen sprechen.",
) -> Case:
    opened = timezone.localdate() - datetime.timedelta(days=days + 10)
    case = services.open_case(
        municipality=municipality, by=by, title=title, summary=summary, opened_on=opened
    )
    services.update_case(
        case,
        by=by,
        version=case.version,
        topics=[term(TermKind.TOPIC, topic)],
        conflict_type=conflict_type,
    )
    services.assess_escalation(
        case, by=by, stage=stage, assessed_on=opened, rationale="Einschätzung im Tandem."
    )
    services.add_procedure(
        case,
        by=by,
        procedure=term(TermKind.PROCEDURE, procedure),
        goal="Gespräch",
        status=CaseProcedure.Status.COMPLETED,
        started_on=opened + datetime.timedelta(days=2),
    )
    steps = {step.name: step for step in case.step.workflow.steps.all()}
    for name in ("Ersteinschätzung", "Analyse", "Bearbeitung", "Nachsorge"):
        services.transition_case(case, by=by, to_step=steps[name])
    final = next(step for step in steps.values() if step.is_final)
    return services.close_case(case, by=by, outcome=outcome, lessons=lessons, to_step=final)


def shared(case: Case, by: User) -> SharedCase:
    draft = pool.draft_shared(case, by=by)
    assert draft is not None
    return pool.share(draft, by=by)
