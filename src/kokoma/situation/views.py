from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.files import order_file
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from . import reports
from .forms import PeriodForm
from .indicators import Period
from .services import record_situation_read


def _period_from(data: QueryDict) -> tuple[PeriodForm, Period]:
    form = PeriodForm(data or None)
    return form, form.period(timezone.localdate())


def _period_query(period: Period) -> str:
    return urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()})


@municipality_permission("situation.view_situation")
@require_safe
def situation_picture(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    form, period = _period_from(request.GET)
    context = reports.picture_context(municipality, period, user, pdf=False)
    record_situation_read(municipality, by=user, path=request.get_full_path())
    context.update(
        {
            "form": form,
            "period_invalid": form.is_bound and not form.is_valid(),
            "period": period,
        }
    )
    return render(request, "situation/situation_picture.html", context)


@municipality_permission("situation.view_situation")
@require_POST
def situation_report(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Order the situation report as PDF for the period shown; it is made in the background."""
    _form, period = _period_from(request.POST)
    path = reverse("situation:report", kwargs={"ags": municipality.ags})
    record_situation_read(municipality, by=_user(request), path=f"{path}?{_period_query(period)}")
    generated = order_file(
        _user(request),
        title=gettext("Situation report %(municipality)s, %(start)s to %(end)s")
        % {
            "municipality": municipality.name,
            "start": date_format(period.start, "SHORT_DATE_FORMAT"),
            "end": date_format(period.end, "SHORT_DATE_FORMAT"),
        },
        generator=reports.GENERATOR,
        params=reports.report_params(municipality, period, get_language()),
        filename=reports.report_filename(municipality, period),
        content_type="application/pdf",
        back_url=reverse("situation:picture", kwargs={"ags": municipality.ags})
        + "?"
        + _period_query(period),
    )
    return redirect("core:generated_file", file_id=generated.pk)
