"""The case page, the analysis form with optimistic locking, and moving a case to a step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.svg import Series, line_chart
from kokoma.workflow import services as workflow

from .. import services
from ..forms.case import CASE_FIELDS, CaseForm, TransitionForm
from ..models import (
    GLASL_STAGES,
    Agreement,
    Case,
    CaseProcedure,
    EscalationAssessment,
    Measure,
    ThreatAssessment,
    ThreatDimension,
)
from ..timeline import case_timeline


def case_form_page(
    request: HttpRequest,
    case: Case,
    form: BaseForm,
    title: str,
    template: str = "cases/case_form.html",
    **extra: Any,
) -> HttpResponse:
    return render(request, template, {"case": case, "form": form, "title": title, **extra})


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


@case_permission("cases.view_case")
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
    user = _user(request)
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
        "transition_form": TransitionForm(case=case, allowed=allowed),
        "allowed_steps": allowed,
        "can_change": user.has_perm("cases.change_case", case),
        "can_manage_team": user.has_perm("cases.manage_team", case),
        "can_view_identity": can_view_identity,
        "can_transition": user.has_perm("cases.transition_case", case),
    }
    return render(request, "cases/case_detail.html", context)


def _stale_rows(form: CaseForm, current: Case) -> list[tuple[str, str, str]]:
    """(label, theirs, yours) for every field where the two versions differ."""
    rows = []
    current_topics = {term.pk: str(term) for term in current.topics.all()}
    for name in CASE_FIELDS:
        field = form.fields[name]
        if name == "topics":
            chosen = form.cleaned_data.get("topics") or []
            theirs = ", ".join(sorted(current_topics.values()))
            yours = ", ".join(sorted(str(term) for term in chosen))
        elif name == "conflict_type":
            theirs = current.get_conflict_type_display()
            yours = dict(field.choices).get(form.cleaned_data.get(name, ""), "")  # type: ignore[attr-defined]
        else:
            theirs = getattr(current, name)
            yours = form.cleaned_data.get(name, "")
        if str(theirs) != str(yours):
            rows.append((str(field.label), str(theirs), str(yours)))
    return rows


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case: Case) -> HttpResponse:
    form = CaseForm(request.POST or None, instance=case)
    stale: list[tuple[str, str, str]] | None = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CASE_FIELDS}
        try:
            services.update_case(
                case, by=_user(request), version=form.cleaned_data["version"], **data
            )
        except services.StaleEdit as stale_edit:
            current = stale_edit.current
            stale = _stale_rows(form, current)
            # Keep what the user typed, but let a second save apply it over the newer version.
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = CaseForm(posted, instance=current)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone else saved this case while you were editing it. Nothing was "
                    "overwritten. Compare both versions below; save again to apply yours."
                ),
            )
        else:
            messages.success(request, _("The case was saved."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(
        request, case, form, _("Edit case analysis"), "cases/case_edit.html", stale=stale
    )


@case_permission("cases.transition_case")
@require_POST
def case_transition(request: HttpRequest, case: Case) -> HttpResponse:
    allowed = workflow.allowed_targets(case.step)
    form = TransitionForm(request.POST, case=case, allowed=allowed)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the allowed next steps."))
        return redirect("cases:detail", reference=case.reference)
    try:
        services.transition_case(
            case,
            by=_user(request),
            to_step=form.cleaned_data["to_step"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The case is now in the step “%(step)s”.") % {"step": form.cleaned_data["to_step"]},
        )
    return redirect("cases:detail", reference=case.reference)
