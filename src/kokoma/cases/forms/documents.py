"""The document upload form, checked like the service checks it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form

from ..services import documents


class DocumentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, ODT, DOCX or TXT, at most %(limit)s MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = documents.max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = str(self.fields["file"].help_text) % {"limit": limit}
        self.fields["file"].widget.attrs["accept"] = ",".join(documents.DOCUMENT_TYPES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            documents.check_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return upload
