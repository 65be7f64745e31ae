from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kokoma.accounts.models import User
from kokoma.core.access import municipality_permission
from kokoma.core.pdf import pdf_response
from kokoma.core.viewutils import acting_user as _user
from kokoma.core.viewutils import call_service
from kokoma.municipalities.models import Municipality

from . import services
from .forms import PeriodForm, PreventionMeasureForm
from .indicators import Period
from .models import PreventionMeasure
from .picture import build_picture


def _period(request: HttpRequest) -> tuple[PeriodForm, Period]:
    form = PeriodForm(request.GET or None)
    return form, form.period(timezone.localdate())


def _period_query(period: Period) -> str:
    return urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()})


def _picture_context(
    municipality: Municipality, period: Period, user: User, *, pdf: bool
) -> dict[str, Any]:
    return {
        "municipality": municipality,
        "picture": build_picture(municipality, period, user),
        "pdf": pdf,
        "may_manage": user.has_perm("situation.manage_prevention_measures", municipality),
    }


@municipality_permission("situation.view_situation")
@require_safe
def situation_picture(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    form, period = _period(request)
    context = _picture_context(municipality, period, user, pdf=False)
    context.update(
        {
            "form": form,
            "period_invalid": form.is_bound and not form.is_valid(),
            "pdf_query": _period_query(period),
        }
    )
    return render(request, "situation/situation_picture.html", context)


def render_report_html(municipality: Municipality, period: Period, user: User) -> str:
    """The HTML that the PDF report is made of (tests read it: no PDF-to-text tool needed)."""
    return render_to_string(
        "situation/situation_report_pdf.html",
        _picture_context(municipality, period, user, pdf=True),
    )


def report_filename(municipality: Municipality, period: Period) -> str:
    return f"lagebild-{municipality.ags}-{period.start.isoformat()}-{period.end.isoformat()}.pdf"


@municipality_permission("situation.view_situation")
@require_safe
def situation_report_pdf(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    _form, period = _period(request)
    html = render_report_html(municipality, period, _user(request))
    return pdf_response(request, html, filename=report_filename(municipality, period))


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
        "situation/preventionmeasure_list.html",
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
        data = form.cleaned_data
        measure = call_service(
            form,
            services.create_prevention_measure,
            municipality=municipality,
            by=user,
            title=data["title"],
            description=data["description"],
            topics=data["topics"],
            target_group=data["target_group"],
            responsible=data["responsible"],
            organisation=data["organisation"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            status=data["status"],
            result=data["result"],
        )
        if measure is not None:
            messages.success(request, _("The prevention measure has been created."))
            return redirect(services.measure_url(measure))
    return render(
        request,
        "situation/preventionmeasure_form.html",
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
        "situation/preventionmeasure_detail.html",
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
            form.save(commit=False),
            by=_user(request),
            topics=form.cleaned_data["topics"],
        )
        if saved is not None:
            messages.success(request, _("The prevention measure has been saved."))
            return redirect(services.measure_url(measure))
    return render(
        request,
        "situation/preventionmeasure_form.html",
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
        return redirect(reverse("situation:measure_list", kwargs={"ags": municipality.ags}))
    return render(
        request,
        "situation/preventionmeasure_confirm_delete.html",
        {"municipality": municipality, "measure": measure},
    )
