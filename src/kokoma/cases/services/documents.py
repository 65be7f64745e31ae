"""Documents of a case: checked uploads and audited downloads."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import save_audited

from ..models import (
    Case,
    Document,
)
from .case import audit_case

ZIP_MAGIC = b"PK\x03\x04"
# Allowed document types: extension → (content type, accepted leading bytes).
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP_MAGIC,)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP_MAGIC,),
    ),
    ".txt": ("text/plain", ()),
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "KOKOMA_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; a ValidationError for any other."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Allowed: PDF, PNG, JPEG, ODT, DOCX, TXT.")
        )
    content_type, magics = DOCUMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magics:
        ok = any(head.startswith(magic) for magic in magics)
    else:  # plain text: no NUL bytes, valid UTF-8 (a multibyte character may be cut off)
        try:
            head.decode("utf-8")
            ok = b"\x00" not in head
        except UnicodeDecodeError as error:
            ok = error.start >= len(head) - 3 and b"\x00" not in head
    if not ok:
        raise ValidationError(_("The content of the file does not match its type."))
    return content_type


@transaction.atomic
def upload_document(case: Case, *, by: User, title: str, upload: UploadedFile) -> Document:
    content_type = check_upload(upload)
    extension = PurePath(upload.name or "").suffix.lower()
    # Our own file name: the original one may reveal people or contain odd characters.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    upload.name = f"{stamp}-{timezone.now().microsecond:06d}{extension}"
    document = Document(
        case=case,
        title=title,
        file=upload,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    return save_audited(document, by=by, municipality=case.municipality)


def record_document_download(document: Document, *, by: User) -> None:
    audit_case(by, AuditAction.VIEW, document, document.case)
