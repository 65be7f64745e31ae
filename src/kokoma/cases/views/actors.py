"""The pages of actors and relations, and the actor map at any date."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import call_service

from .. import services
from ..actor_map import MapActor, MapRelation, actor_map_svg
from ..forms.actors import ActorForm, EndRelationForm, RelationForm
from ..models import (
    Actor,
    Case,
    Relation,
)
from .case import case_form_page


def _actor_form(request: HttpRequest, case: Case, actor: Actor | None, title: str) -> HttpResponse:
    user = _user(request)
    with_identity = user.has_perm("cases.view_identity", case)
    form = ActorForm(
        request.POST or None, instance=actor or Actor(case=case), with_identity=with_identity
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in ActorForm.Meta.fields}

        def save() -> Actor:
            if actor is None:
                saved = services.add_actor(case, by=user, **fields)
            else:
                saved = services.update_actor(actor, by=user, **fields)
            if with_identity:
                services.set_identity(
                    saved,
                    by=user,
                    real_name=data["real_name"],
                    contact=data["contact"],
                    notes=data["identity_notes"],
                )
            return saved

        if call_service(form, save) is not None:
            messages.success(request, _("The actor was saved."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(request, case, form, title, "cases/actor_form.html")


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def actor_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _actor_form(request, case, None, _("Add actor"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, case: Case, actor_id: int) -> HttpResponse:
    actor = get_object_or_404(case.actors.all(), pk=actor_id)
    return _actor_form(request, case, actor, _("Edit actor"))


def _relation_form(
    request: HttpRequest, case: Case, relation: Relation | None, title: str
) -> HttpResponse:
    initial = {}
    if relation is not None:
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
    form = RelationForm(request.POST or None, case=case, initial=initial, record=relation)
    if request.method == "POST" and form.is_valid():
        if relation is None:
            saved = call_service(
                form, services.add_relation, case, by=_user(request), **form.cleaned_data
            )
        else:
            saved = call_service(
                form, services.update_relation, relation, by=_user(request), **form.cleaned_data
            )
        if saved is not None:
            messages.success(request, _("The relation was saved."))
            return redirect("cases:detail", reference=case.reference)
    end_form = EndRelationForm(prefix="end") if relation and not relation.valid_to else None
    return case_form_page(
        request, case, form, title, "cases/relation_form.html", relation=relation, end_form=end_form
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def relation_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _relation_form(request, case, None, _("Add relation"))


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
            services.end_relation,
            relation,
            by=_user(request),
            valid_to=form.cleaned_data["valid_to"],
        )
        if ended is not None:
            messages.success(request, _("The relation was ended."))
            return redirect("cases:detail", reference=case.reference)
    relation_form = RelationForm(case=case, initial={"source": relation.source_id})
    return case_form_page(
        request,
        case,
        relation_form,
        _("Edit relation"),
        "cases/relation_form.html",
        relation=relation,
        end_form=form,
    )


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
        % {"reference": case.reference, "date": formats.date_format(day, "SHORT_DATE_FORMAT")},
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
