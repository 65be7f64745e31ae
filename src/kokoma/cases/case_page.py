"""The read model of the case page: everything it shows, assembled in a fixed number of queries.

The view only renders what `case_page` returns, so that tests can call it and pin its queries.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.core.svg import Series, line_chart
from kokoma.workflow import services as workflow

from .forms.case import TransitionForm
from .models import (
    GLASL_STAGES,
    Agreement,
    Case,
    CaseProcedure,
    EscalationAssessment,
    Measure,
    ThreatAssessment,
    ThreatDimension,
)
from .timeline import case_timeline


def case_page(case: Case, *, user: User) -> dict[str, Any]:
    """The template context of the case page for `user` (who may view the case)."""
    can_view_identity = user.has_perm("cases.view_identity", case)
    actors_qs = case.actors.all()
    if can_view_identity:
        actors_qs = actors_qs.select_related("identity")
    actors = list(actors_qs)
    relations = list(case.relations.select_related("source", "target"))
    escalations = list(case.escalations.select_related("actor", "assessor"))
    threats = list(case.threat_assessments.select_related("assessor"))
    step_changes = list(case.step_changes.select_related("from_step", "to_step", "changed_by"))
    procedures = list(
        CaseProcedure.objects.filter(case=case)
        .select_related("procedure")
        .prefetch_related("participants")
    )
    measures = list(Measure.objects.filter(case=case).select_related("owner"))
    agreements = list(Agreement.objects.filter(case=case).prefetch_related("parties"))
    latest_threats: dict[str, ThreatAssessment] = {}
    for threat in threats:  # newest first
        latest_threats.setdefault(threat.dimension, threat)
    chart = _escalation_chart(case, escalations)
    whole = [e for e in escalations if e.actor_id is None]
    allowed = workflow.allowed_targets(case.step)
    # Final steps are reached by closing the case (with its outcome), not by a plain move.
    moves = [step for step in allowed if not step.is_final]
    context: dict[str, Any] = {
        "case": case,
        "procedures": procedures,
        "measures": measures,
        "agreements": agreements,
        "topics": list(case.topics.all()),
        "due_at": case.due_at,
        "overdue": case.is_overdue(),
        "current_stage": whole[-1] if whole else None,
        "stage_name": GLASL_STAGES.get(whole[-1].stage) if whole else None,
        "threats": [(label, latest_threats.get(value)) for value, label in ThreatDimension.choices],
        "escalations": escalations,
        "chart": chart,
        "dividers": _lines(case.dividers),
        "connectors": _lines(case.connectors),
        "causes": _lines(case.tree_causes),
        "effects": _lines(case.tree_effects),
        "actors": actors,
        "relations": relations,
        "documents": list(case.documents.select_related("uploaded_by")),
        "team": list(case.team.select_related("user")),
        "step_changes": step_changes,
        "timeline": case_timeline(
            case, escalations=escalations, relations=relations, step_changes=step_changes
        ),
        "transition_form": TransitionForm(case=case, allowed=moves),
        "allowed_steps": moves,
        "closing": workflow.closing(case.step) if case.closed_at is None else None,
        "can_change": user.has_perm("cases.change_case", case),
        "can_manage_team": user.has_perm("cases.manage_team", case),
        "can_view_identity": can_view_identity,
        "can_transition": user.has_perm("cases.transition_case", case),
    }
    return context


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _escalation_chart(case: Case, assessments: list[EscalationAssessment]) -> str:
    """The trajectory chart: one line for the case as a whole, one per actor's perspective."""
    whole = Series(_("Case as a whole"))
    per_actor: dict[int, Series] = {}
    for assessment in assessments:
        point = (assessment.assessed_on, float(assessment.stage))
        if assessment.actor is None:
            whole.points.append(point)
        else:
            per_actor.setdefault(
                assessment.actor_id or 0,
                Series(_("Perspective of %(actor)s") % {"actor": assessment.actor.pseudonym}),
            ).points.append(point)
    series = [whole, *sorted(per_actor.values(), key=lambda s: s.name)]
    series = [line for line in series if line.points]
    svg = line_chart(
        series,
        title=_("Escalation trajectory of case %(reference)s") % {"reference": case.reference},
        description=_(
            "Glasl stages (1 to 9) over time, one line for the case as a whole and one per "
            "actor's perspective. The table below gives the same data."
        ),
        y_min=1,
        y_max=9,
        y_labels={stage: str(name) for stage, name in GLASL_STAGES.items()},
        chart_id="escalation-chart",
        empty_text=_("No escalation assessment yet."),
    )
    return mark_safe(svg)  # noqa: S308 - line_chart escapes every text
