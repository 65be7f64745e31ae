from __future__ import annotations

from typing import Any

import rules
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core import uploads
from kokoma.core.forms import ModelForm, set_choices, set_options
from kokoma.taxonomy.models import Term, TermKind

from .models import Resource, ResourceKind, Visibility


class ResourceForm(ModelForm):
    """An item of the library: a file to upload or a link (one of them), described and tagged.

    The upload is checked here and again by the service; a refused upload keeps everything else
    the person typed in the form.
    """

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("%(types)s, at most %(limit)s MB. Or give a link instead."),
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("An address beginning with https://, instead of a file."),
    )

    field_order = ["title", "kind", "description", "upload", "link", "topics", "visibility"]

    class Meta:
        model = Resource
        fields = ["title", "kind", "description", "link", "topics", "visibility"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "description": _(
                "Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."
            ),
        }

    def __init__(self, *args: Any, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = uploads.max_upload_bytes() // (1024 * 1024)
        upload = self.fields["upload"]
        upload.help_text = str(upload.help_text) % {
            "types": uploads.type_names(uploads.SHARED_TYPES),
            "limit": limit,
        }
        upload.widget.attrs["accept"] = ",".join(uploads.SHARED_TYPES)
        chosen = list(self.instance.topics.all()) if self.instance.pk else []
        set_choices(self, "topics", Term.objects.choices_for(TermKind.TOPIC, include=chosen))
        offered = list(Visibility.choices)
        may_keep_to_staff = rules.has_perm("library.share_with_staff", by)
        if not may_keep_to_staff and self.instance.visibility != Visibility.PROGRAMME:
            offered = [choice for choice in offered if choice[0] != Visibility.PROGRAMME]
        set_options(self, "visibility", offered)
        set_options(self, "kind", ResourceKind.choices)
        if self.instance.pk and self.instance.file:
            upload.help_text = _("Upload a file only to replace the stored one. %(rest)s") % {
                "rest": upload.help_text
            }

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                uploads.check_upload(upload, uploads.SHARED_TYPES)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return upload or None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        upload, link = cleaned.get("upload"), cleaned.get("link")
        if "upload" in self.errors or "link" in self.errors:
            return cleaned
        has_file = bool(self.instance.pk and self.instance.file)
        if upload and self.instance.pk and link == self.instance.link:
            # A file uploaded in place of the stored link replaces it.
            cleaned["link"] = link = ""
        if upload and link:
            raise ValidationError(_("Please either upload a file or give a link, not both."))
        if not upload and not link and not has_file:
            raise ValidationError(_("Please either upload a file or give a link."))
        return cleaned


class FilterForm(forms.Form):
    """The list's search and filters (sent with GET)."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Term.objects.none(), required=False, empty_label=_("all")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all")), *ResourceKind.choices]  # type: ignore[attr-defined]
        self.fields["topic"].queryset = Term.objects.choices_for(TermKind.TOPIC)  # type: ignore[attr-defined]
