"""Documents of a case: checked uploads and audited downloads."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import save_audited
from kokoma.core.uploads import accepted, check_upload, max_upload_bytes

from ..models import (
    Case,
    Document,
)
from .case import audit_case


@transaction.atomic
def upload_document(case: Case, *, by: User, title: str, upload: UploadedFile) -> Document:
    document = Document(case=case, title=title, uploaded_by=by, **accepted(upload))
    return save_audited(document, by=by, municipality=case.municipality)


__all__ = ["check_upload", "max_upload_bytes", "record_document_download", "upload_document"]


def record_document_download(document: Document, *, by: User) -> None:
    audit_case(by, AuditAction.VIEW, document, document.case)
