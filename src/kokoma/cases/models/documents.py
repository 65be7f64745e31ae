"""Documents uploaded to a case, served only through permission checks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kokoma.core.models import StoredDocument


def document_path(document: Document, filename: str) -> str:
    return f"cases/{document.case_id}/{filename}"


class Document(StoredDocument):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=document_path)

    class Meta:
        ordering = ["-uploaded_at"]
