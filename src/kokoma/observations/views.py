"""Internal observations, the tandem's triage inbox and publishing to the chronicle."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.models import Case
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from . import services
from .forms import (
    AttachCaseForm,
    ChronicleForm,
    DismissForm,
    NewCaseForm,
    ObservationForm,
    TriageFilterForm,
)
from .models import ChronicleEntry, Observation


def _observation(request: HttpRequest, municipality: Municipality, reference: str) -> Observation:
    return get_object_or_404(
        Observation.objects.visible_to(_user(request))
        .filter(municipality=municipality)
        .select_related("motive", "incident_type", "case", "reporter", "triaged_by")
        .prefetch_related("topics"),
        reference=reference,
    )


@municipality_permission("cases.report_observation")
@require_http_methods(["GET", "POST"])
def observation_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        observation = call_service(
            form,
            services.record_observation,
            municipality=municipality,
            by=_user(request),
            topics=topics,
            **data,
        )
        if observation is not None:
            messages.success(
                request,
                _("The observation was recorded under the reference number %(reference)s.")
                % {"reference": observation.reference},
            )
            if _user(request).has_perm("cases.triage_observations", municipality):
                return redirect(
                    "observations:detail",
                    ags=municipality.ags,
                    observation_ref=observation.reference,
                )
            return redirect("municipalities:detail", ags=municipality.ags)
    return render(
        request,
        "observations/observation_form.html",
        {"municipality": municipality, "form": form, "title": _("Record an observation")},
    )


OBSERVATION_COLUMNS = [
    Column(gettext_lazy("Reference number"), lambda o: o.reference),
    Column(gettext_lazy("Date"), lambda o: o.occurred_on),
    Column(gettext_lazy("Place"), lambda o: o.place),
    Column(gettext_lazy("What happened"), lambda o: o.description),
    Column(gettext_lazy("Source"), lambda o: o.get_source_display()),
    Column(gettext_lazy("Severity"), lambda o: o.get_severity_display()),
    Column(gettext_lazy("Incident"), lambda o: o.is_incident),
    Column(
        gettext_lazy("Incident type"), lambda o: o.incident_type.name if o.incident_type else ""
    ),
    Column(gettext_lazy("Motive"), lambda o: o.motive.name if o.motive else ""),
    Column(gettext_lazy("Status"), lambda o: o.get_status_display()),
    Column(gettext_lazy("Case"), lambda o: o.case.reference if o.case else ""),
    Column(gettext_lazy("Received"), lambda o: o.created_at),
]


@municipality_permission("cases.triage_observations")
def observation_list(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    form = TriageFilterForm(request.GET or None)
    status = Observation.Status.NEW.value
    incidents = False
    if form.is_valid():
        status = form.cleaned_data["status"] or status
        incidents = form.cleaned_data["incidents"]
    queryset = (
        Observation.objects.visible_to(_user(request))
        .filter(municipality=municipality)
        .select_related("motive", "incident_type", "case")
    )
    if status != "all":
        queryset = queryset.filter(status=status)
    if incidents:
        queryset = queryset.filter(is_incident=True)
    if kind := export_kind(request):
        return export(queryset, OBSERVATION_COLUMNS, kind=kind, filename="meldungen")
    page, query = paginate(request, queryset)
    return render(
        request,
        "observations/observation_list.html",
        {
            "municipality": municipality,
            "form": form,
            "page": page,
            "query": query,
            "status": status,
            "can_report": _user(request).has_perm("cases.report_observation", municipality),
        },
    )


@municipality_permission("cases.triage_observations")
def observation_detail(
    request: HttpRequest, municipality: Municipality, observation_ref: str
) -> HttpResponse:
    observation = _observation(request, municipality, observation_ref)
    entry = ChronicleEntry.objects.filter(observation=observation).first()
    user = _user(request)
    return render(
        request,
        "observations/observation_detail.html",
        {
            "municipality": municipality,
            "observation": observation,
            "chronicle_entry": entry,
            "can_triage": observation.status in services.TRIAGEABLE,
            "can_publish": entry is None
            and services.can_publish(observation)
            and user.has_perm("cases.publish_chronicle", municipality),
        },
    )


@municipality_permission("cases.triage_observations")
@require_POST
def observation_verify(
    request: HttpRequest, municipality: Municipality, observation_ref: str
) -> HttpResponse:
    observation = _observation(request, municipality, observation_ref)
    try:
        services.verify_observation(observation, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The observation was marked as verified."))
    return redirect("observations:detail", ags=municipality.ags, observation_ref=observation_ref)


def _action_page(
    request: HttpRequest,
    municipality: Municipality,
    observation: Observation,
    form: BaseForm | None,
    title: str,
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        "observations/observation_triage.html",
        {
            "municipality": municipality,
            "observation": observation,
            "form": form,
            "title": title,
            "can_triage": observation.status in services.TRIAGEABLE,
            **extra,
        },
    )


@municipality_permission("cases.triage_observations")
@require_http_methods(["GET", "POST"])
def observation_new_case(
    request: HttpRequest, municipality: Municipality, observation_ref: str
) -> HttpResponse:
    observation = _observation(request, municipality, observation_ref)
    form = NewCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = call_service(
            form,
            services.merge_into_new_case,
            observation,
            by=_user(request),
            **form.cleaned_data,
        )
        if case is not None:
            messages.success(
                request,
                _("Case %(reference)s was opened from the observation.")
                % {"reference": case.reference},
            )
            return redirect("cases:detail", reference=case.reference)
    return _action_page(request, municipality, observation, form, _("Open a new case"))


@municipality_permission("cases.triage_observations")
@require_http_methods(["GET", "POST"])
def observation_attach(
    request: HttpRequest, municipality: Municipality, observation_ref: str
) -> HttpResponse:
    observation = _observation(request, municipality, observation_ref)
    cases = (
        Case.objects.visible_to(_user(request))
        .filter(municipality=municipality)
        .open()
        .order_by("-opened_on", "-id")
    )
    form = AttachCaseForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        case = call_service(
            form,
            services.merge_into_case,
            observation,
            by=_user(request),
            case=form.cleaned_data["case"],
        )
        if case is not None:
            messages.success(
                request,
                _("The observation was assigned to case %(reference)s.")
                % {"reference": case.reference},
            )
            return redirect("cases:detail", reference=case.reference)
    return _action_page(
        request,
        municipality,
        observation,
        form,
        _("Assign to an existing case"),
        no_cases=not cases.exists(),
    )


@municipality_permission("cases.triage_observations")
@require_http_methods(["GET", "POST"])
def observation_dismiss(
    request: HttpRequest, municipality: Municipality, observation_ref: str
) -> HttpResponse:
    observation = _observation(request, municipality, observation_ref)
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dismissed = call_service(
            form,
            services.dismiss_observation,
            observation,
            by=_user(request),
            reason=form.cleaned_data["reason"],
        )
        if dismissed is not None:
            messages.success(request, _("The observation was dismissed."))
            return redirect("observations:list", ags=municipality.ags)
    return _action_page(request, municipality, observation, form, _("Dismiss the observation"))


@municipality_permission("cases.publish_chronicle")
@require_http_methods(["GET", "POST"])
def chronicle_publish(
    request: HttpRequest, municipality: Municipality, observation_ref: str
) -> HttpResponse:
    observation = _observation(request, municipality, observation_ref)
    published = ChronicleEntry.objects.filter(observation=observation).exists()
    publishable = services.can_publish(observation) and not published
    form = ChronicleForm(request.POST or None, initial={"district": observation.place})
    if request.method == "POST" and form.is_valid():
        entry = call_service(
            form,
            services.publish_to_chronicle,
            observation,
            by=_user(request),
            **form.cleaned_data,
        )
        if entry is not None:
            messages.success(request, _("The incident was published in the chronicle."))
            return redirect(
                "observations:detail", ags=municipality.ags, observation_ref=observation_ref
            )
    return render(
        request,
        "observations/chronicleentry_form.html",
        {
            "municipality": municipality,
            "observation": observation,
            "form": form if publishable else None,
            "published": published,
            "title": _("Publish in the chronicle"),
        },
    )


@municipality_permission("cases.publish_chronicle")
@require_POST
def chronicle_withdraw(
    request: HttpRequest, municipality: Municipality, chronicle_id: int
) -> HttpResponse:
    entry = get_object_or_404(
        ChronicleEntry.objects.filter(municipality=municipality).select_related("observation"),
        pk=chronicle_id,
    )
    reference = entry.observation.reference
    services.withdraw_chronicle_entry(entry, by=_user(request))
    messages.success(request, _("The entry was withdrawn from the chronicle."))
    return redirect("observations:detail", ags=municipality.ags, observation_ref=reference)
