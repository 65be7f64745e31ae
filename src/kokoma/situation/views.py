from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.accounts.models import User
from kokoma.core.pdf import pdf_response
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from .forms import PeriodForm
from .indicators import Period
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
