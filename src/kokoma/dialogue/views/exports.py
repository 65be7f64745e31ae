"""The results as CSV and PDF, and the Pol.is exchange format out and in."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kokoma.accounts.access import acting_user
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record
from kokoma.core.pdf import pdf_response
from kokoma.core.viewutils import form_page
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from .. import exchange
from ..access import dialogue_permission
from ..forms import PolisImportForm
from ..models import Dialogue, StatementStatus
from ..opinion_map import current_map
from ..results import build_results, result_rows
from .manage import BREADCRUMBS


def _audit_export(request: HttpRequest, dialogue: Dialogue, kind: str) -> None:
    record(
        by=acting_user(request),
        action=AuditAction.VIEW,
        obj=dialogue,
        municipality=dialogue.municipality,
        changes={"export": kind},
    )


def _filename(dialogue: Dialogue, extension: str) -> str:
    return f"dialog-{dialogue.pk}-{timezone.localdate().isoformat()}.{extension}"


@dialogue_permission("dialogue.facilitate")
@require_safe
def results_csv(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    """Every statement with its votes overall and per group, whether it sets a group apart, and
    its bridging score."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(dialogue, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    csv.writer(response, delimiter=";").writerows(result_rows(dialogue, current_map(dialogue)))
    _audit_export(request, dialogue, "csv")
    return response


@dialogue_permission("dialogue.facilitate")
@require_safe
def results_pdf(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    analysis = current_map(dialogue)
    results = build_results(dialogue, analysis, me=None) if analysis is not None else None
    html = render_to_string(
        "dialogue/dialogue_results_pdf.html",
        {
            "dialogue": dialogue,
            "results": results,
            "statements": dialogue.statements.filter(status=StatementStatus.ACCEPTED).order_by(
                "number"
            ),
            "created": timezone.now(),
        },
        request=request,
    )
    _audit_export(request, dialogue, "pdf")
    return pdf_response(request, html, filename=_filename(dialogue, "pdf"))


@dialogue_permission("dialogue.facilitate")
@require_safe
def polis_export(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    response = HttpResponse(
        exchange.export_zip(dialogue, by=acting_user(request)), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(dialogue, "polis.zip")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@municipality_permission("dialogue.open_dialogue")
@require_http_methods(["GET", "POST"])
def polis_import(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = PolisImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        export = exchange.read_files(form.files_by_name())
        try:
            report = exchange.import_export(
                export,
                municipality=municipality,
                by=acting_user(request),
                question=form.cleaned_data["question"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The Pol.is export was imported as a new dialogue."))
            return render(
                request,
                "dialogue/dialogue_import_report.html",
                {"report": report, "municipality": municipality},
            )
    return form_page(
        request,
        form,
        title=_("Import a Pol.is export"),
        back_url=reverse("dialogue_municipality:list", kwargs={"ags": municipality.ags}),
        breadcrumbs=BREADCRUMBS,
        multipart=True,
        intro=_(
            "The files of a Pol.is export (comments.csv and votes.csv; participants-votes.csv and "
            "summary.csv may come along) become a new public dialogue with its statements, "
            "participants and votes. Lines that cannot be read are listed afterwards; all "
            "others are kept."
        ),
        municipality=municipality,
    )
