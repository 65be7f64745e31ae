"""Uploading documents to a case and downloading them through the permission check."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service

from .. import services
from ..forms.documents import DocumentForm
from ..models import (
    Case,
)
from .case import case_form_page


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            services.upload_document,
            case,
            by=_user(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if document is not None:
            messages.success(request, _("The document was uploaded."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(request, case, form, _("Upload document"), "cases/document_form.html")


@case_permission("cases.view_case")
def document_download(request: HttpRequest, case: Case, document_id: int) -> HttpResponseBase:
    document = get_object_or_404(case.documents.all(), pk=document_id)
    response = download(document.file, title=document.title, content_type=document.content_type)
    services.record_document_download(document, by=_user(request))
    return response
