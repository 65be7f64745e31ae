"""The case pages: analysis, actors and relations, documents, team and workflow."""

from __future__ import annotations

import datetime
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.core.access import case_permission
from kokoma.core.svg import Series, line_chart
from kokoma.core.viewutils import acting_user as _user
from kokoma.core.viewutils import add_validation_errors as _add_errors
from kokoma.core.viewutils import call_service
from kokoma.workflow import services as workflow

from . import services, services_analysis
from .actor_map import MapActor, MapRelation, actor_map_svg
from .forms import (
    CASE_FIELDS,
    ActorForm,
    CaseForm,
    DocumentForm,
    EndRelationForm,
    EscalationForm,
    RelationForm,
    TeamMemberForm,
    ThreatForm,
    TransitionForm,
)
from .models import (
    GLASL_STAGES,
    Actor,
    Agreement,
    Case,
    CaseProcedure,
    CaseTeamMember,
    EscalationAssessment,
    Measure,
    Relation,
    ThreatAssessment,
    ThreatDimension,
)
from .timeline import case_timeline


def _form_page(
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
        "due_at": workflow.due_at(case),
        "overdue": workflow.is_overdue(case),
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
    return _form_page(
        request, case, form, _("Edit case analysis"), "cases/case_edit.html", stale=stale
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def threat_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = ThreatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        threat = call_service(
            form, services_analysis.assess_threat, case, by=_user(request), **form.cleaned_data
        )
        if threat is not None:
            messages.success(request, _("The threat assessment was saved."))
            return redirect("cases:detail", reference=case.reference)
    return _form_page(request, case, form, _("Add threat assessment"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def escalation_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = EscalationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        escalation = call_service(
            form, services_analysis.assess_escalation, case, by=_user(request), **form.cleaned_data
        )
        if escalation is not None:
            messages.success(request, _("The escalation assessment was saved."))
            return redirect("cases:detail", reference=case.reference)
    return _form_page(
        request,
        case,
        form,
        _("Add escalation assessment"),
        "cases/escalation_form.html",
        stages=GLASL_STAGES.items(),
    )


def _actor_form(request: HttpRequest, case: Case, actor: Actor, title: str) -> HttpResponse:
    user = _user(request)
    with_identity = user.has_perm("cases.view_identity", case)
    form = ActorForm(request.POST or None, instance=actor, with_identity=with_identity)
    if request.method == "POST" and form.is_valid():
        try:
            services_analysis.save_actor(form.instance, by=user)
            if with_identity:
                services_analysis.save_identity(
                    form.instance,
                    by=user,
                    real_name=form.cleaned_data["real_name"],
                    contact=form.cleaned_data["contact"],
                    notes=form.cleaned_data["identity_notes"],
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The actor was saved."))
            return redirect("cases:detail", reference=case.reference)
    return _form_page(request, case, form, title, "cases/actor_form.html")


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def actor_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _actor_form(request, case, Actor(case=case), _("Add actor"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, case: Case, actor_id: int) -> HttpResponse:
    actor = get_object_or_404(case.actors.all(), pk=actor_id)
    return _actor_form(request, case, actor, _("Edit actor"))


def _relation_form(
    request: HttpRequest, case: Case, relation: Relation, title: str
) -> HttpResponse:
    initial = {}
    if relation.pk:
        initial = {
            "source": relation.source_id,
            "target": relation.target_id,
            "kind": relation.kind,
            "strength": relation.strength,
            "directed": relation.directed,
            "valid_from": relation.valid_from,
            "valid_to": relation.valid_to,
            "note": relation.note,
        }
    form = RelationForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(relation, name, value)
        saved = call_service(form, services_analysis.save_relation, relation, by=_user(request))
        if saved is not None:
            messages.success(request, _("The relation was saved."))
            return redirect("cases:detail", reference=case.reference)
    end_form = EndRelationForm(prefix="end") if relation.pk and not relation.valid_to else None
    return _form_page(
        request, case, form, title, "cases/relation_form.html", relation=relation, end_form=end_form
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def relation_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _relation_form(request, case, Relation(case=case), _("Add relation"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def relation_edit(request: HttpRequest, case: Case, relation_id: int) -> HttpResponse:
    relation = get_object_or_404(case.relations.all(), pk=relation_id)
    return _relation_form(request, case, relation, _("Edit relation"))


@case_permission("cases.change_case")
@require_POST
def relation_end(request: HttpRequest, case: Case, relation_id: int) -> HttpResponse:
    relation = get_object_or_404(case.relations.select_related("source", "target"), pk=relation_id)
    form = EndRelationForm(request.POST, prefix="end")
    if form.is_valid():
        ended = call_service(
            form,
            services_analysis.end_relation,
            relation,
            by=_user(request),
            valid_to=form.cleaned_data["valid_to"],
        )
        if ended is not None:
            messages.success(request, _("The relation was ended."))
            return redirect("cases:detail", reference=case.reference)
    relation_form = RelationForm(case=case, initial={"source": relation.source_id})
    return _form_page(
        request,
        case,
        relation_form,
        _("Edit relation"),
        "cases/relation_form.html",
        relation=relation,
        end_form=form,
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            services_analysis.upload_document,
            case,
            by=_user(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if document is not None:
            messages.success(request, _("The document was uploaded."))
            return redirect("cases:detail", reference=case.reference)
    return _form_page(request, case, form, _("Upload document"), "cases/document_form.html")


@case_permission("cases.view_case")
def document_download(request: HttpRequest, case: Case, document_id: int) -> HttpResponse:
    document = get_object_or_404(case.documents.all(), pk=document_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    services_analysis.record_document_download(document, by=_user(request))
    extension = PurePath(document.file.name).suffix.lower()
    filename = f"{slugify(document.title) or 'dokument'}{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # a streaming response, sent as it is


@case_permission("cases.manage_team")
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, case: Case) -> HttpResponse:
    form = TeamMemberForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        member = call_service(
            form, services.add_team_member, case, by=_user(request), user=form.cleaned_data["user"]
        )
        if member is not None:
            messages.success(
                request,
                _("%(name)s was added to the case team.") % {"name": form.cleaned_data["user"]},
            )
            return redirect("cases:team", reference=case.reference)
    members = case.team.select_related("user", "added_by")
    return _form_page(request, case, form, _("Case team"), "cases/team_list.html", members=members)


@case_permission("cases.manage_team")
@require_POST
def team_remove(request: HttpRequest, case: Case, member_id: int) -> HttpResponse:
    member = get_object_or_404(
        CaseTeamMember.objects.select_related("user", "case__municipality"),
        case=case,
        pk=member_id,
    )
    services.remove_team_member(member, by=_user(request))
    messages.success(request, _("%(name)s was removed from the case team.") % {"name": member.user})
    return redirect("cases:team", reference=case.reference)


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


@case_permission("cases.view_case")
def actor_map(request: HttpRequest, case: Case) -> HttpResponse:
    today = timezone.localdate()
    day = today
    raw = request.GET.get("stichtag", "").strip()
    if raw:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            messages.error(
                request,
                _("“%(value)s” is not a valid date; the map shows today.") % {"value": raw},
            )
            raw = ""
    actors = list(case.actors.all())
    relations = list(case.relations.valid_on(day).select_related("source", "target"))
    svg = actor_map_svg(
        [MapActor(a.pk, a.pseudonym, a.kind, a.influence, a.attitude) for a in actors],
        [MapRelation(r.source_id, r.target_id, r.kind, r.strength, r.directed) for r in relations],
        title=_("Actor map of case %(reference)s on %(date)s")
        % {"reference": case.reference, "date": day.strftime("%d.%m.%Y")},
        description=_(
            "%(actors)s actors and %(relations)s relations valid on that date. The tables "
            "below give the same information."
        )
        % {"actors": len(actors), "relations": len(relations)},
    )
    return render(
        request,
        "cases/actor_map.html",
        {
            "case": case,
            "day": day,
            "day_value": day.isoformat(),
            "map": mark_safe(svg),  # noqa: S308 - actor_map_svg escapes every text
            "actors": actors,
            "relations": relations,
        },
    )
