from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kokoma.accounts.access import acting_user as _user
from kokoma.accounts.models import User
from kokoma.cases.access import case_permission
from kokoma.cases.models import Case
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from . import services
from .forms import CaseLinkForm, ContactPersonForm, DirectoryFilterForm, InstitutionForm
from .models import ContactPerson, Institution, InstitutionCase

VIEW = "directory.view_directory"
CHANGE = "directory.change_directory"
LINK = "directory.link_case"


def _institution(user: User, municipality: Municipality, institution_id: int) -> Institution:
    institution = get_object_or_404(
        Institution.objects.visible_to(user).filter(municipality=municipality),
        pk=institution_id,
    )
    institution.municipality = municipality
    return institution


def _contact(institution: Institution, contact_person_id: int) -> ContactPerson:
    contact = get_object_or_404(institution.contacts.all(), pk=contact_person_id)
    contact.institution = institution
    return contact


INSTITUTION_COLUMNS = [
    Column(gettext_lazy("Institution"), lambda institution: institution.name),
    Column(gettext_lazy("Kind"), lambda institution: institution.get_kind_display()),
    Column(
        gettext_lazy("Competences"),
        lambda institution: ", ".join(c.name for c in institution.competences.all()),
    ),
    Column(gettext_lazy("Contact persons"), lambda institution: institution.contact_count),
    Column(gettext_lazy("active"), lambda institution: institution.active),
]


@municipality_permission(VIEW)
@require_GET
def institution_list(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    user = _user(request)
    form = DirectoryFilterForm(request.GET or None, municipality=municipality)
    institutions = Institution.objects.visible_to(user).filter(municipality=municipality)
    query: dict[str, str] = {}
    if form.is_bound:
        form.is_valid()  # an unknown filter value is dropped, the valid ones still apply
        data = form.cleaned_data
        if data.get("q"):
            institutions = institutions.search(data["q"])
            query["q"] = data["q"]
        if data.get("kind"):
            institutions = institutions.filter(kind=data["kind"])
            query["kind"] = data["kind"]
        if data.get("competence"):
            institutions = institutions.filter(competences=data["competence"])
            query["competence"] = data["competence"].name
    if export_as := export_kind(request):
        rows = institutions.for_list()
        return export(rows, INSTITUTION_COLUMNS, kind=export_as, filename="akteurslandschaft")
    page = paginate(request, institutions.for_list())[0]
    return render(
        request,
        "directory/institution_list.html",
        {
            "municipality": municipality,
            "page": page,
            "filter_form": form,
            "filtered": bool(query),
            "query": urlencode(query),
            "may_change": user.has_perm(CHANGE, municipality),
        },
    )


@municipality_permission(VIEW)
@require_GET
def institution_detail(
    request: HttpRequest, municipality: Municipality, institution_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    # Need-to-know: only the cases the viewer may see, the others as a bare count.
    visible_cases = Case.objects.visible_to(user).values("pk")
    links = list(
        institution.case_links.filter(case_id__in=visible_cases)
        .select_related("case")
        .order_by("case__reference")
    )
    for link in links:
        link.case.municipality = municipality
        link.may_unlink = user.has_perm("cases.change_case", link.case)  # type: ignore[attr-defined]
    hidden = institution.case_links.exclude(case_id__in=visible_cases).count()
    return render(
        request,
        "directory/institution_detail.html",
        {
            "municipality": municipality,
            "institution": institution,
            "competences": institution.competences.all(),
            "contacts": institution.contacts.all(),
            "links": links,
            "hidden_cases": hidden,
            "may_change": user.has_perm(CHANGE, municipality),
            "may_link": user.has_perm(LINK, municipality),
        },
    )


@municipality_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    form = InstitutionForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        institution = call_service(
            form,
            services.create_institution,
            municipality=municipality,
            by=user,
            **form.cleaned_data,
        )
        if institution is not None:
            messages.success(request, _("The institution has been added to the directory."))
            return redirect(services.institution_url(institution))
    return render(
        request,
        "directory/institution_form.html",
        {"municipality": municipality, "form": form, "title": _("New institution")},
    )


@municipality_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def institution_edit(
    request: HttpRequest, municipality: Municipality, institution_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    if request.method == "POST":
        form = InstitutionForm(request.POST, instance=institution, municipality=municipality)
        if form.is_valid():
            saved = call_service(
                form, services.update_institution, institution, by=user, **form.cleaned_data
            )
            if saved is not None:
                messages.success(request, _("The institution has been saved."))
                return redirect(services.institution_url(institution))
    else:
        form = InstitutionForm(
            instance=institution,
            municipality=municipality,
            initial={"competences": services.competence_text(institution)},
        )
    return render(
        request,
        "directory/institution_form.html",
        {
            "municipality": municipality,
            "institution": institution,
            "form": form,
            "title": _("Edit institution"),
        },
    )


@municipality_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def institution_delete(
    request: HttpRequest, municipality: Municipality, institution_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    if request.method == "POST":
        services.delete_institution(institution, by=user)
        messages.success(
            request,
            _("“%(name)s” has been deleted from the directory.") % {"name": institution.name},
        )
        return redirect("directory:list", ags=municipality.ags)
    return render(
        request,
        "directory/institution_confirm_delete.html",
        {
            "municipality": municipality,
            "institution": institution,
            "contact_count": institution.contacts.count(),
            "case_count": institution.case_links.count(),
        },
    )


@municipality_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def contact_add(
    request: HttpRequest, municipality: Municipality, institution_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = call_service(
            form,
            services.add_contact,
            institution,
            by=user,
            name=data["name"],
            function=data["function"],
            email=data["email"],
            phone=data["phone"],
            note=data["note"],
            consent_given=data["consent_given"],
        )
        if contact is not None:
            messages.success(request, _("The contact person has been added."))
            return redirect(services.institution_url(institution))
    return render(
        request,
        "directory/contact_form.html",
        {
            "municipality": municipality,
            "institution": institution,
            "form": form,
            "title": _("New contact person"),
        },
    )


@municipality_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def contact_edit(
    request: HttpRequest, municipality: Municipality, institution_id: int, contact_person_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    contact = _contact(institution, contact_person_id)
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, services.update_contact, contact, by=user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("The contact person has been saved."))
            return redirect(services.institution_url(institution))
    return render(
        request,
        "directory/contact_form.html",
        {
            "municipality": municipality,
            "institution": institution,
            "contact": contact,
            "form": form,
            "title": _("Edit contact person"),
        },
    )


@municipality_permission(CHANGE)
@require_http_methods(["GET", "POST"])
def contact_delete(
    request: HttpRequest, municipality: Municipality, institution_id: int, contact_person_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    contact = _contact(institution, contact_person_id)
    if request.method == "POST":
        services.delete_contact(contact, by=user)
        messages.success(request, _("The contact person has been deleted."))
        return redirect(services.institution_url(institution))
    return render(
        request,
        "directory/contact_confirm_delete.html",
        {"municipality": municipality, "institution": institution, "contact": contact},
    )


@municipality_permission(LINK)
@require_http_methods(["GET", "POST"])
def case_link(
    request: HttpRequest, municipality: Municipality, institution_id: int
) -> HttpResponse:
    user = _user(request)
    institution = _institution(user, municipality, institution_id)
    cases = (
        Case.objects.visible_to(user)
        .filter(municipality=municipality)
        .exclude(institution_links__institution=institution)
        .order_by("closed_at", "reference")
    )
    form = CaseLinkForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        link = call_service(
            form,
            services.link_case,
            institution,
            by=user,
            case=form.cleaned_data["case"],
            role=form.cleaned_data["role"],
        )
        if link is not None:
            messages.success(request, _("The case has been linked to the institution."))
            return redirect(services.institution_url(institution))
    return render(
        request,
        "directory/institutioncase_form.html",
        {
            "municipality": municipality,
            "institution": institution,
            "form": form,
            "has_cases": cases.exists(),
            "title": _("Link a case"),
        },
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def case_unlink(request: HttpRequest, case: Case, ags: str, institution_id: int) -> HttpResponse:
    """Unlinking is a change of the case: whoever may change the case may do it."""
    user = _user(request)
    municipality = case.municipality
    if municipality.ags != ags:
        raise Http404
    link = get_object_or_404(
        InstitutionCase.objects.select_related("institution"),
        institution_id=institution_id,
        institution__municipality=municipality,
        case=case,
    )
    link.institution.municipality = municipality
    link.case = case
    if request.method == "POST":
        services.unlink_case(link, by=user)
        messages.success(request, _("The case is no longer linked to the institution."))
        return redirect(services.institution_url(link.institution))
    return render(
        request,
        "directory/institutioncase_confirm_delete.html",
        {"municipality": municipality, "institution": link.institution, "link": link},
    )
