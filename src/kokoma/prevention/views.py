from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.models import Case
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.forms import ListForm
from kokoma.core.viewutils import call_service, paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality
from kokoma.tasks.models import Task

from . import services
from .forms import (
    AcknowledgeForm,
    AlertFilterForm,
    PreventionMeasureForm,
    ResponseStepFormSet,
    SettingsForm,
    topics_for_settings,
)
from .models import Alert, AlertKind, PreventionMeasure, ResponseStep

ALERT_COLUMNS = [
    Column(gettext_lazy("Alert"), lambda alert: alert.display_summary),
    Column(gettext_lazy("Type"), lambda alert: alert.get_kind_display()),
    Column(gettext_lazy("Triggered on"), lambda alert: alert.triggered_on),
    Column(gettext_lazy("Raised"), lambda alert: alert.raised_at),
    Column(gettext_lazy("Acknowledged at"), lambda alert: alert.acknowledged_at),
]


@municipality_permission("prevention.view_alerts")
@require_GET
def alert_list(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    user = _user(request)
    alerts = Alert.objects.visible_to(user).filter(municipality=municipality)
    form = AlertFilterForm(request.GET or None)
    status = kind = ""
    if form.is_valid():
        status, kind = form.cleaned_data["status"], form.cleaned_data["kind"]
    if status == "acknowledged":
        alerts = alerts.acknowledged().order_by("-acknowledged_at", "-id")
    elif status != "all":
        alerts = alerts.open()
    if kind:
        alerts = alerts.filter(kind=kind)
    alerts = alerts.select_related("case", "topic", "acknowledged_by")
    if export_as := export_kind(request):
        return export(alerts, ALERT_COLUMNS, kind=export_as, filename="warnungen")
    page = paginate(request, alerts)[0]
    query = urlencode({key: value for key, value in (("status", status), ("kind", kind)) if value})
    return render(
        request,
        "prevention/alert_list.html",
        {
            "municipality": municipality,
            "page": page,
            "filter_form": form,
            "query": query,
            "may_configure": user.has_perm("prevention.change_warning_settings", municipality),
        },
    )


@municipality_permission("prevention.view_alerts")
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, municipality: Municipality, alert_id: int) -> HttpResponse:
    user = _user(request)
    alert = get_object_or_404(
        Alert.objects.visible_to(user)
        .filter(municipality=municipality)
        .select_related("case", "topic", "acknowledged_by"),
        pk=alert_id,
    )
    alert.municipality = municipality
    may_acknowledge = not alert.is_acknowledged and user.has_perm(
        "prevention.acknowledge_alert", alert
    )
    form = AcknowledgeForm(request.POST or None) if may_acknowledge else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            acknowledged = call_service(
                form,
                services.acknowledge_alert,
                alert,
                by=user,
                comment=form.cleaned_data["comment"],
            )
            if acknowledged is not None:
                messages.success(request, _("The alert has been acknowledged."))
                return redirect(services.alert_url(alert))
    tasks = (
        Task.objects.visible_to(user)
        .filter(pk__in=alert.tasks.values("pk"))
        .select_related("assignee", "municipality__register")
    )
    case_visible = (
        alert.case is not None and Case.objects.visible_to(user).filter(pk=alert.case.pk).exists()
    )
    return render(
        request,
        "prevention/alert_detail.html",
        {
            "municipality": municipality,
            "alert": alert,
            "form": form,
            "tasks": tasks,
            "case_visible": case_visible,
        },
    )


@municipality_permission("prevention.change_warning_settings")
@require_http_methods(["GET", "POST"])
def warning_settings(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    current = services.settings_for(municipality)
    form = SettingsForm(request.POST or None, current=current, topics=topics_for_settings())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            services.update_settings,
            municipality,
            by=user,
            observations_per_week=data["observations_per_week"],
            climb_stages=data["climb_stages"],
            climb_window_days=data["climb_window_days"],
            topic_thresholds=form.topic_thresholds(),
        )
        if saved is not None:
            messages.success(request, _("The thresholds have been saved."))
            return redirect("prevention:settings", ags=municipality.ags)
    return render(
        request,
        "prevention/warningsettings_form.html",
        {"municipality": municipality, "form": form, "title": _("Early-warning thresholds")},
    )


@municipality_permission("prevention.change_warning_settings")
@require_GET
def response_plans(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    services.settings_for(municipality)
    steps = ResponseStep.objects.filter(municipality=municipality).select_related("member")
    plans = [
        (kind, label, [step for step in steps if step.kind == kind])
        for kind, label in AlertKind.choices
    ]
    return render(
        request,
        "prevention/responsestep_list.html",
        {"municipality": municipality, "plans": plans},
    )


@municipality_permission("prevention.change_warning_settings")
@require_http_methods(["GET", "POST"])
def response_plan_edit(
    request: HttpRequest, municipality: Municipality, alert_kind: str
) -> HttpResponse:
    if alert_kind not in AlertKind.values:
        raise Http404
    user = _user(request)
    services.settings_for(municipality)
    label = AlertKind(alert_kind).label
    initial = [
        {
            "responsible": step.responsible,
            "member": step.member_id,
            "action": step.display_action,
            "due_days": step.due_days,
        }
        for step in ResponseStep.objects.filter(municipality=municipality, kind=alert_kind)
    ]
    formset = ResponseStepFormSet(
        request.POST or None,
        initial=None if request.method == "POST" else initial,
        prefix="schritt",
        form_kwargs={"municipality": municipality},
    )
    list_form = ListForm(
        request.POST or None,
        rows=ResponseStep.objects.filter(municipality=municipality, kind=alert_kind).order_by(
            "position"
        ),
        fields=["responsible", "member_id", "action", "due_days"],
        prefix="liste",
    )
    if request.method == "POST" and formset.is_valid() and list_form.is_valid():
        steps = [
            form.planned()
            for form in formset.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]
        saved = call_service(
            list_form,
            services.set_response_plan,
            municipality,
            by=user,
            kind=alert_kind,
            steps=steps,
        )
        if saved is not None:
            messages.success(request, _("The pre-planned response has been saved."))
            return redirect("prevention:responses", ags=municipality.ags)
    return render(
        request,
        "prevention/responsestep_form.html",
        {
            "municipality": municipality,
            "formset": formset,
            "kind_label": label,
            "list_form": list_form,
        },
    )


# --- Prevention measures ---------------------------------------------------------------------


def _measure(
    request: HttpRequest, municipality: Municipality, measure_id: int
) -> PreventionMeasure:
    return get_object_or_404(
        PreventionMeasure.objects.visible_to(_user(request))
        .filter(municipality=municipality)
        .select_related("responsible", "created_by")
        .prefetch_related("topics"),
        pk=measure_id,
    )


@municipality_permission("situation.view_prevention_measures")
@require_safe
def measure_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    measures = (
        PreventionMeasure.objects.visible_to(user)
        .filter(municipality=municipality)
        .select_related("responsible")
        .prefetch_related("topics")
    )
    return render(
        request,
        "prevention/preventionmeasure_list.html",
        {
            "municipality": municipality,
            "measures": measures,
            "may_manage": user.has_perm("situation.manage_prevention_measures", municipality),
        },
    )


@municipality_permission("situation.manage_prevention_measures")
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    form = PreventionMeasureForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        measure = call_service(
            form,
            services.create_prevention_measure,
            municipality=municipality,
            by=user,
            **form.cleaned_data,
        )
        if measure is not None:
            messages.success(request, _("The prevention measure has been created."))
            return redirect(services.measure_url(measure))
    return render(
        request,
        "prevention/preventionmeasure_form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("New prevention measure"),
        },
    )


@municipality_permission("situation.view_prevention_measures")
@require_safe
def measure_detail(
    request: HttpRequest, municipality: Municipality, prevention_measure_id: int
) -> HttpResponse:
    user = _user(request)
    measure = _measure(request, municipality, prevention_measure_id)
    return render(
        request,
        "prevention/preventionmeasure_detail.html",
        {
            "municipality": municipality,
            "measure": measure,
            "may_manage": user.has_perm("situation.manage_prevention_measures", municipality),
        },
    )


@municipality_permission("situation.manage_prevention_measures")
@require_http_methods(["GET", "POST"])
def measure_edit(
    request: HttpRequest, municipality: Municipality, prevention_measure_id: int
) -> HttpResponse:
    measure = _measure(request, municipality, prevention_measure_id)
    form = PreventionMeasureForm(request.POST or None, instance=measure, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.update_prevention_measure,
            measure,
            by=_user(request),
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("The prevention measure has been saved."))
            return redirect(services.measure_url(measure))
    return render(
        request,
        "prevention/preventionmeasure_form.html",
        {
            "municipality": municipality,
            "form": form,
            "measure": measure,
            "title": _("Edit prevention measure"),
        },
    )


@municipality_permission("situation.manage_prevention_measures")
@require_http_methods(["GET", "POST"])
def measure_delete(
    request: HttpRequest, municipality: Municipality, prevention_measure_id: int
) -> HttpResponse:
    measure = _measure(request, municipality, prevention_measure_id)
    if request.method == "POST":
        services.delete_prevention_measure(measure, by=_user(request))
        messages.success(request, _("The prevention measure has been deleted."))
        return redirect(reverse("prevention_measures:list", kwargs={"ags": municipality.ags}))
    return render(
        request,
        "prevention/preventionmeasure_confirm_delete.html",
        {"municipality": municipality, "measure": measure},
    )
