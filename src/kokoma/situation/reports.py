"""The situation report as PDF, made in the background (core.files) for the person who asks."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_noop

from kokoma.accounts.models import User
from kokoma.core.files import Progress
from kokoma.core.models import GeneratedFile
from kokoma.core.pdf import render_pdf
from kokoma.municipalities.models import Municipality

from .indicators import Period
from .picture import build_picture

GENERATOR = "kokoma.situation.reports.situation_report"


def picture_context(
    municipality: Municipality, period: Period, user: User, *, pdf: bool
) -> dict[str, Any]:
    return {
        "municipality": municipality,
        "picture": build_picture(municipality, period, user),
        "pdf": pdf,
        "may_manage": user.has_perm("situation.manage_prevention_measures", municipality),
    }


def render_report_html(municipality: Municipality, period: Period, user: User) -> str:
    """The HTML that the PDF report is made of (tests read it: no PDF-to-text tool needed)."""
    return render_to_string(
        "situation/situation_report_pdf.html", picture_context(municipality, period, user, pdf=True)
    )


def report_filename(municipality: Municipality, period: Period) -> str:
    return f"lagebild-{municipality.ags}-{period.start.isoformat()}-{period.end.isoformat()}.pdf"


def report_params(municipality: Municipality, period: Period, language: str) -> dict[str, Any]:
    return {
        "municipality": municipality.pk,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "language": language,
    }


def situation_report(generated: GeneratedFile, progress: Progress) -> bytes:
    """The generator: checks the permission again (it may have changed since the order)."""
    params = generated.params
    municipality = Municipality.objects.get(pk=params["municipality"])
    owner = User.objects.get(pk=generated.owner_id)
    if not owner.has_perm("situation.view_situation", municipality):
        raise PermissionDenied
    period = Period(
        datetime.date.fromisoformat(params["start"]), datetime.date.fromisoformat(params["end"])
    )
    progress(10, gettext_noop("Counting observations, cases and alerts"))
    with translation.override(params.get("language") or "de"):
        html = render_report_html(municipality, period, owner)
    progress(60, gettext_noop("Laying out the PDF"))
    return render_pdf(html)
