from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Model, Q, Value, When
from django.forms import BaseForm, ModelForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.accounts.models import COMPANION_ROLES, Membership
from kokoma.audit.models import AuditEntry
from kokoma.core.access import login_only, programme_permission
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import add_validation_errors as _add_errors
from kokoma.core.viewutils import call_service, paginate
from kokoma.municipalities.access import municipality_permission

from .. import services
from ..forms import (
    AuditFilterForm,
    ContactForm,
    CounsellingStructureForm,
    MemberForm,
    MunicipalityFilterForm,
    MunicipalityProfileForm,
    OnboardingForm,
    PhaseChangeForm,
    TandemForm,
)
from ..models import Contact, CounsellingStructure, Municipality, RegisterEntry
from ..queries import with_tandem

SORT_FIELDS = {
    "name": "register__name",
    "-population": "-register__population",
    "phase": "phase",
    "-joined_on": "-joined_on",
}


def _form_page(
    request: HttpRequest,
    municipality: Municipality,
    form: BaseForm,
    title: str,
    back: str = "municipalities:detail",
    delete_url: str = "",
) -> HttpResponse:
    return render(
        request,
        "municipalities/record_form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": title,
            "back": back,
            "delete_url": delete_url,
        },
    )


MUNICIPALITY_COLUMNS = [
    Column(gettext_lazy("Municipality"), lambda m: m.register.name),
    Column(gettext_lazy("AGS"), lambda m: m.register.ags),
    Column(gettext_lazy("Land"), lambda m: m.register.get_land_display()),
    Column(gettext_lazy("Population"), lambda m: m.register.population),
    Column(gettext_lazy("Phase"), lambda m: m.get_phase_display()),
    Column(gettext_lazy("Phase since"), lambda m: m.phase_since),
    Column(
        gettext_lazy("Tandem"),
        lambda m: ", ".join(str(membership.user) for membership in m.memberships.all()),
    ),
]


@login_only
def municipality_list(request: HttpRequest) -> HttpResponseBase:
    form = MunicipalityFilterForm(request.GET or None)
    queryset = Municipality.objects.listed_for(_user(request))
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            queryset = queryset.filter(
                Q(register__name__icontains=data["q"]) | Q(register__ags__startswith=data["q"])
            )
        if data["land"]:
            queryset = queryset.filter(register__land=data["land"])
        if data["phase"]:
            queryset = queryset.filter(phase=data["phase"])
        sort = data["sort"] or "name"
    queryset = with_tandem(queryset.order_by(SORT_FIELDS[sort], "register__name"))
    if kind := export_kind(request):
        return export(queryset, MUNICIPALITY_COLUMNS, kind=kind, filename="kommunen")
    page, query = paginate(request, queryset)
    return render(
        request,
        "municipalities/municipality_list.html",
        {"form": form, "page": page, "query": query},
    )


def _register_candidates(query: str) -> list[RegisterEntry]:
    query = query.strip()
    if len(query) < 2:
        return []
    entries = RegisterEntry.objects.filter(participation__isnull=True)
    if query.isdigit():
        return list(entries.filter(ags__startswith=query).order_by("ags")[:20])
    # Names that start with the query first, then the larger municipalities.
    entries = entries.filter(name__icontains=query).annotate(
        prefix=Case(When(name__istartswith=query, then=Value(0)), default=Value(1))
    )
    return list(entries.order_by("prefix", F("population").desc(nulls_last=True), "name")[:20])


@programme_permission("municipalities.search_register")
def register_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    form = OnboardingForm(candidates=_register_candidates(query))
    return render(
        request,
        "municipalities/_register_results.html",
        {"form": form, "candidates": form.candidates, "q": query},
    )


@programme_permission("municipalities.onboard_municipality")
@require_http_methods(["GET", "POST"])
def municipality_create(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("q") or request.GET.get("q", "")
    candidates = _register_candidates(query)
    form = OnboardingForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["ags"] not in candidates:
            form.candidates = [data["ags"], *candidates]
        municipality = call_service(
            form,
            services.onboard_municipality,
            by=_user(request),
            register=data["ags"],
            joined_on=data["joined_on"],
            phase=data["phase"],
            pfd_name=data["pfd_name"],
            external_companion=data["external_companion"],
            local_companion_email=data["local_companion_email"],
            local_companion_name=data["local_companion_name"],
        )
        if municipality is not None:
            messages.success(
                request, _("%(name)s now takes part in the programme.") % {"name": municipality}
            )
            return redirect("municipalities:detail", ags=municipality.ags)
    elif request.method == "POST":
        chosen = RegisterEntry.objects.filter(ags=request.POST.get("ags", "")).first()
        if chosen and chosen not in candidates:
            form.candidates.insert(0, chosen)
    return render(
        request,
        "municipalities/municipality_create.html",
        {"form": form, "candidates": form.candidates, "q": query},
    )


@municipality_permission("municipalities.view_municipality")
def municipality_detail(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    memberships = municipality.memberships.select_related("user").order_by(
        "role", "user__display_name"
    )
    context: dict[str, Any] = {
        "municipality": municipality,
        "register": municipality.register,
        "tandem": [m for m in memberships if m.role in COMPANION_ROLES],
        "member_count": sum(1 for m in memberships if m.role not in COMPANION_ROLES),
        "phase_changes": municipality.phase_changes.select_related("changed_by")[:20],
        "structures": municipality.counselling_structures.all(),
        "contacts": municipality.contacts.all(),
        "can_view_work_log": user.has_perm("municipalities.view_work_log", municipality),
        # `perms` in templates asks without the object, which object-level rules cannot answer.
        "can_change_profile": user.has_perm("municipalities.change_profile", municipality),
        "can": {
            "list_cases": user.has_perm("cases.list_cases", municipality),
            "triage": user.has_perm("cases.triage_observations", municipality),
            "report": user.has_perm("cases.report_observation", municipality),
            "audit": user.has_perm("cases.view_audit_log", municipality),
            "tasks": user.has_perm("tasks.view_tasks", municipality),
            "directory": user.has_perm("directory.view_directory", municipality),
            "alerts": user.has_perm("prevention.view_alerts", municipality),
            "situation": user.has_perm("situation.view_situation", municipality),
            "prevention_measures": user.has_perm(
                "situation.view_prevention_measures", municipality
            ),
            "own_guidance": user.has_perm("guidance.manage_own_guidance", municipality),
            "dialogues": user.has_perm("dialogue.list_dialogues", municipality),
        },
    }
    if user.has_perm("municipalities.view_process", municipality):
        steps = list(municipality.process_steps.order_by("position"))
        context["process_steps"] = steps
        context["current_step"] = next((step for step in steps if not step.is_closed), None)
    if context["can_view_work_log"]:
        context["work_log"] = municipality.work_log.select_related("author")[:5]
    else:
        context["work_log_count"] = municipality.work_log.count()
    return render(request, "municipalities/municipality_detail.html", context)


@municipality_permission("municipalities.change_profile")
@require_http_methods(["GET", "POST"])
def municipality_edit(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = MunicipalityProfileForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_profile, municipality, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The profile was saved."))
            return redirect("municipalities:detail", ags=municipality.ags)
    return _form_page(request, municipality, form, _("Edit profile"))


@municipality_permission("municipalities.change_phase")
@require_http_methods(["GET", "POST"])
def phase_change(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = PhaseChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = call_service(
            form, services.change_phase, municipality, by=_user(request), **form.cleaned_data
        )
        if change is not None:
            messages.success(request, _("The programme phase was changed."))
            return redirect("municipalities:detail", ags=municipality.ags)
    return _form_page(request, municipality, form, _("Change programme phase"))


@municipality_permission("municipalities.assign_tandem")
@require_http_methods(["GET", "POST"])
def tandem_edit(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    local = municipality.local_companion
    initial = {
        "external_companion": municipality.external_companion,
        "local_companion_email": local.email if local else "",
    }
    form = TandemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:  # not call_service: assign_tandem returns nothing to tell success by
            services.assign_tandem(municipality, by=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The tandem was saved."))
            return redirect("municipalities:detail", ags=municipality.ags)
    return _form_page(request, municipality, form, _("Assign tandem"))


@municipality_permission("municipalities.view_members")
def member_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    memberships = municipality.memberships.select_related("user").order_by(
        "role", "user__display_name"
    )
    return render(
        request,
        "municipalities/membership_list.html",
        {
            "municipality": municipality,
            "memberships": memberships,
            "can_manage": _user(request).has_perm("municipalities.manage_members", municipality),
        },
    )


@municipality_permission("municipalities.manage_members")
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = call_service(
            form, services.add_member, municipality, by=_user(request), **form.cleaned_data
        )
        if member is not None:
            messages.success(request, _("The person was added."))
            return redirect("municipalities:members", ags=municipality.ags)
    return _form_page(request, municipality, form, _("Add a person"), back="municipalities:members")


@municipality_permission("municipalities.manage_members")
@require_POST
def member_remove(
    request: HttpRequest, municipality: Municipality, membership_id: int
) -> HttpResponse:
    membership = get_object_or_404(Membership, municipality=municipality, pk=membership_id)
    try:
        services.remove_member(membership, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": membership.user})
    return redirect("municipalities:members", ags=municipality.ags)


def _record_page(
    request: HttpRequest,
    municipality: Municipality,
    form: ModelForm,
    save: Callable[..., Model],
    title: str,
    back: str,
    delete_url: str = "",
) -> HttpResponse:
    """GET: the form; POST: `save(by=…, **the form's data)`, then back to the page `back`."""
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, save, by=_user(request), **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(back, ags=municipality.ags)
    return _form_page(request, municipality, form, title, back, delete_url)


def _delete_record(
    request: HttpRequest,
    municipality: Municipality,
    instance: Model,
    delete: Callable[..., None],
    back: str,
) -> HttpResponse:
    delete(instance, by=_user(request))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": instance})
    return redirect(back, ags=municipality.ags)


@municipality_permission("municipalities.change_profile")
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _record_page(
        request,
        municipality,
        ContactForm(request.POST or None, instance=Contact(municipality=municipality)),
        partial(services.add_contact, municipality),
        _("Add contact"),
        "municipalities:detail",
    )


@municipality_permission("municipalities.change_profile")
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, municipality: Municipality, contact_id: int) -> HttpResponse:
    contact = get_object_or_404(municipality.contacts, pk=contact_id)
    return _record_page(
        request,
        municipality,
        ContactForm(request.POST or None, instance=contact),
        partial(services.change_contact, contact),
        _("Edit contact"),
        "municipalities:detail",
        reverse("municipalities:contact_delete", args=[municipality.ags, contact.pk]),
    )


@municipality_permission("municipalities.change_profile")
@require_POST
def contact_delete(
    request: HttpRequest, municipality: Municipality, contact_id: int
) -> HttpResponse:
    contact = get_object_or_404(municipality.contacts, pk=contact_id)
    return _delete_record(
        request, municipality, contact, services.delete_contact, "municipalities:detail"
    )


@municipality_permission("municipalities.change_profile")
@require_http_methods(["GET", "POST"])
def structure_add(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _record_page(
        request,
        municipality,
        CounsellingStructureForm(
            request.POST or None, instance=CounsellingStructure(municipality=municipality)
        ),
        partial(services.add_counselling_structure, municipality),
        _("Add counselling structure"),
        "municipalities:detail",
    )


@municipality_permission("municipalities.change_profile")
@require_http_methods(["GET", "POST"])
def structure_edit(
    request: HttpRequest, municipality: Municipality, structure_id: int
) -> HttpResponse:
    structure = get_object_or_404(municipality.counselling_structures, pk=structure_id)
    return _record_page(
        request,
        municipality,
        CounsellingStructureForm(request.POST or None, instance=structure),
        partial(services.change_counselling_structure, structure),
        _("Edit counselling structure"),
        "municipalities:detail",
        reverse("municipalities:structure_delete", args=[municipality.ags, structure.pk]),
    )


@municipality_permission("municipalities.change_profile")
@require_POST
def structure_delete(
    request: HttpRequest, municipality: Municipality, structure_id: int
) -> HttpResponse:
    structure = get_object_or_404(municipality.counselling_structures, pk=structure_id)
    return _delete_record(
        request,
        municipality,
        structure,
        services.delete_counselling_structure,
        "municipalities:detail",
    )


def _changes(entry: AuditEntry) -> str:
    return "; ".join(
        f"{row.label}: {row.before if row.before is not None else '–'} → {row.after}"
        if row.is_change
        else f"{row.label}: {row.after}"
        for row in entry.change_rows()
    )


AUDIT_COLUMNS = [
    Column(gettext_lazy("Time"), lambda entry: entry.at),
    Column(gettext_lazy("Person"), lambda entry: entry.actor_name or _("system")),
    Column(gettext_lazy("Action"), lambda entry: entry.get_action_display()),
    Column(gettext_lazy("Object type"), lambda entry: entry.object_type_label),
    Column(gettext_lazy("Object"), lambda entry: entry.object_repr),
    Column(gettext_lazy("Changes"), _changes),
]


@municipality_permission("cases.view_audit_log")
@require_safe
def audit_log(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    """The municipality's audit log, read-only, newest first."""
    entries = AuditEntry.objects.filter(municipality=municipality)
    form = AuditFilterForm(request.GET or None, entries=entries)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["person"]:
            entries = entries.filter(actor=data["person"])
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
    elif form.is_bound:
        entries = entries.none()
    if kind := export_kind(request):
        return export(entries, AUDIT_COLUMNS, kind=kind, filename=f"audit-{municipality.ags}")
    page, query = paginate(request, entries)
    return render(
        request,
        "municipalities/auditentry_list.html",
        {"municipality": municipality, "form": form, "page": page, "query": query},
    )
