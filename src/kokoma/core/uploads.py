"""Uploaded documents: which files are accepted, under which name they are stored, and how
they are served (only ever as a download, after the caller's permission check)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

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
# What people share with others to work with (a library of methods and templates): the document
# types and the office formats for tables and slides.
SHARED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    **DOCUMENT_TYPES,
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP_MAGIC,)),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (ZIP_MAGIC,),
    ),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP_MAGIC,)),
    ".odp": ("application/vnd.oasis.opendocument.presentation", (ZIP_MAGIC,)),
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "KOKOMA_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def type_names(types: dict[str, tuple[str, tuple[bytes, ...]]]) -> str:
    """The accepted types as people name them: "PDF, PNG, JPEG, …" (JPG and JPEG as one)."""
    names = [extension.lstrip(".").upper() for extension in types if extension != ".jpg"]
    return ", ".join(names)


def check_upload(
    upload: UploadedFile, types: dict[str, tuple[str, tuple[bytes, ...]]] = DOCUMENT_TYPES
) -> str:
    """The content type of an acceptable upload (one of `types`); a ValidationError for any
    other."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in types:
        raise ValidationError(
            _("This type of file is not accepted. Allowed: %(types)s.")
            % {"types": type_names(types)}
        )
    content_type, magics = types[extension]
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


def rename_upload(upload: UploadedFile) -> None:
    """Give the upload our own file name: the original may reveal people or hold odd characters."""
    extension = PurePath(upload.name or "").suffix.lower()
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    upload.name = f"{stamp}-{timezone.now().microsecond:06d}{extension}"


def accepted(
    upload: UploadedFile, types: dict[str, tuple[str, tuple[bytes, ...]]] = DOCUMENT_TYPES
) -> dict[str, Any]:
    """The values of a `StoredDocument` for a checked upload (`file`, `content_type`, `size`),
    under our own file name; a ValidationError for an upload that is not accepted."""
    content_type = check_upload(upload, types)
    rename_upload(upload)
    return {"file": upload, "content_type": content_type, "size": upload.size or 0}


def download(file: Any, *, title: str, content_type: str) -> FileResponse:
    """A stored document as an attachment that no browser renders or keeps; 404 if it is gone."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    extension = PurePath(file.name).suffix.lower()
    filename = f"{slugify(title) or 'dokument'}{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
