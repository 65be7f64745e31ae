from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import paginate
from kokoma.municipalities.access import municipality_permission

from .. import services
from ..forms import (
    WorkLogEntryForm,
)
from ..models import Municipality, WorkLogEntry
from .municipality import _delete_record, _record_page

WORK_LOG_COLUMNS = [
    Column(gettext_lazy("Date"), lambda entry: entry.date),
    Column(gettext_lazy("Step"), lambda entry: str(entry.step or "")),
    Column(gettext_lazy("Participants"), lambda entry: entry.participants),
    Column(gettext_lazy("Topic"), lambda entry: entry.topic),
    Column(gettext_lazy("Notes"), lambda entry: entry.notes),
    Column(gettext_lazy("Agreed next steps"), lambda entry: entry.next_steps),
    Column(gettext_lazy("Author"), lambda entry: str(entry.author or "")),
]


@municipality_permission("municipalities.view_work_log")
def work_log(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    entries = municipality.work_log.select_related("author", "step")
    if kind := export_kind(request):
        return export(
            entries, WORK_LOG_COLUMNS, kind=kind, filename=f"arbeitsprotokoll-{municipality.ags}"
        )
    page = paginate(request, entries)[0]
    return render(
        request,
        "municipalities/worklogentry_list.html",
        {"municipality": municipality, "page": page},
    )


@municipality_permission("municipalities.change_work_log")
@require_http_methods(["GET", "POST"])
def work_log_add(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _record_page(
        request,
        municipality,
        WorkLogEntryForm(request.POST or None, instance=WorkLogEntry(municipality=municipality)),
        partial(services.add_work_log_entry, municipality),
        _("New work log entry"),
        "municipalities:work_log",
    )


@municipality_permission("municipalities.change_work_log")
@require_http_methods(["GET", "POST"])
def work_log_edit(request: HttpRequest, municipality: Municipality, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(municipality.work_log, pk=entry_id)
    return _record_page(
        request,
        municipality,
        WorkLogEntryForm(request.POST or None, instance=entry),
        partial(services.change_work_log_entry, entry),
        _("Edit work log entry"),
        "municipalities:work_log",
        reverse("municipalities:work_log_delete", args=[municipality.ags, entry.pk]),
    )


@municipality_permission("municipalities.change_work_log")
@require_POST
def work_log_delete(
    request: HttpRequest, municipality: Municipality, entry_id: int
) -> HttpResponse:
    entry = get_object_or_404(municipality.work_log, pk=entry_id)
    return _delete_record(
        request, municipality, entry, services.delete_work_log_entry, "municipalities:work_log"
    )
