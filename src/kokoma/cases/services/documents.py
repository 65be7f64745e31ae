"""Documents of a case: checked uploads and audited downloads."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import save_audited
from kokoma.core.uploads import check_upload, max_upload_bytes, rename_upload

from ..models import (
    Case,
    Document,
)
from .case import audit_case


@transaction.atomic
def upload_document(case: Case, *, by: User, title: str, upload: UploadedFile) -> Document:
    content_type = check_upload(upload)
    rename_upload(upload)
    document = Document(
        case=case,
        title=title,
        file=upload,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    return save_audited(document, by=by, municipality=case.municipality)


__all__ = ["check_upload", "max_upload_bytes", "record_document_download", "upload_document"]


def record_document_download(document: Document, *, by: User) -> None:
    audit_case(by, AuditAction.VIEW, document, document.case)
