"""The public pages of a municipality: the reporting form and the chronicle (no login)."""

from __future__ import annotations

from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from kokoma.core import ratelimit
from kokoma.core.access import public
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate
from kokoma.municipalities.models import Municipality, Phase

from . import services
from .forms import ChronicleFilterForm, PublicReportForm
from .models import ChronicleEntry, Observation

# At most this many reports per client and window; the window is also the cache timeout.
REPORT_LIMIT = 5
REPORT_WINDOW = 60 * 60
SESSION_KEY = "kokoma_public_report"


def _participating(ags: str, *, reporting: bool = False) -> Municipality:
    municipalities = Municipality.objects.with_register()
    if reporting:
        municipalities = municipalities.exclude(phase=Phase.COMPLETED)
    return get_object_or_404(municipalities, register__ags=ags)


@public
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, ags: str) -> HttpResponse:
    municipality = _participating(ags, reporting=True)
    form = PublicReportForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        if ratelimit.over_limit(
            request, scope="public-report", limit=REPORT_LIMIT, window=REPORT_WINDOW
        ):
            limited = True
        else:
            ratelimit.count(request, scope="public-report", window=REPORT_WINDOW)
            if form.is_bot:
                # Answer as if all went well, so that a bot learns nothing.
                request.session[SESSION_KEY] = {"ags": ags, "reference": ""}
                return redirect("public:report_thanks", ags=ags)
            data = dict(form.cleaned_data)
            data.pop("website", None)
            topics = data.pop("topics")
            observation = call_service(
                form,
                services.record_observation,
                municipality=municipality,
                by=None,
                source=Observation.Source.PUBLIC_FORM,
                topics=topics,
                **data,
            )
            if observation is not None:
                request.session[SESSION_KEY] = {"ags": ags, "reference": observation.reference}
                return redirect("public:report_thanks", ags=ags)
    response = render(
        request,
        "observations/public_report.html",
        {"municipality": municipality, "form": form, "limited": limited},
    )
    if limited:
        response.status_code = 429
        response["Retry-After"] = str(REPORT_WINDOW)
    return response


@public
def report_thanks(request: HttpRequest, ags: str) -> HttpResponse:
    municipality = _participating(ags)
    stored = request.session.get(SESSION_KEY) or {}
    reference = stored.get("reference", "") if stored.get("ags") == ags else ""
    return render(
        request,
        "observations/public_report_thanks.html",
        {"municipality": municipality, "reference": reference},
    )


CHRONICLE_COLUMNS = [
    Column(gettext_lazy("Date"), lambda entry: entry.occurred_on),
    Column(pgettext_lazy("city district", "District"), lambda entry: entry.district),
    Column(gettext_lazy("Motive"), lambda entry: entry.motive.name),
    Column(gettext_lazy("Incident type"), lambda entry: entry.incident_type.name),
    Column(gettext_lazy("What happened"), lambda entry: entry.text),
]


@public
def chronicle(request: HttpRequest, ags: str) -> HttpResponseBase:
    municipality = _participating(ags)
    entries = ChronicleEntry.objects.filter(municipality=municipality)
    years = sorted(
        {
            year
            for year in entries.annotate(year=ExtractYear("occurred_on"))
            .values_list("year", flat=True)
            .distinct()
        },
        reverse=True,
    )
    districts = sorted(set(entries.values_list("district", flat=True).distinct()))
    form = ChronicleFilterForm(request.GET or None, years=years, districts=districts)
    queryset = entries.select_related("motive", "incident_type")
    if form.is_valid():
        data = form.cleaned_data
        if data["year"]:
            queryset = queryset.filter(occurred_on__year=data["year"])
        if data["motive"]:
            queryset = queryset.filter(motive=data["motive"])
        if data["incident_type"]:
            queryset = queryset.filter(incident_type=data["incident_type"])
        if data["district"]:
            queryset = queryset.filter(district=data["district"])
    if kind := export_kind(request):
        return export(queryset, CHRONICLE_COLUMNS, kind=kind, filename=f"chronik-{ags}")
    page, query = paginate(request, queryset)
    return render(
        request,
        "observations/chronicleentry_list.html",
        {"municipality": municipality, "form": form, "page": page, "query": query},
    )
