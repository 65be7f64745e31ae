from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, ModelForm, datetime_field
from kokoma.core.uploads import check_upload

from .models import STATEMENT_MAX_LENGTH, Dialogue, StatementStatus


class DialogueForm(ModelForm):
    opens_at = datetime_field(_("Opens"))
    closes_at = datetime_field(
        _("Closes"), required=False, help_text=_("Without a date it stays open until you close it.")
    )

    class Meta:
        model = Dialogue
        fields = ["question", "introduction", "opens_at", "closes_at", "allow_submissions"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The dialogue must close after it opens."))
        return data


class NewDialogueForm(DialogueForm):
    seeds = forms.CharField(
        label=_("Seed statements"),
        required=False,
        max_length=30_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One statement per line, each a short sentence people can agree or disagree with "
            "(at most %(limit)d characters)."
        )
        % {"limit": STATEMENT_MAX_LENGTH},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.initial.get("opens_at"):
            self.initial["opens_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean_seeds(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["seeds"].splitlines()]
        lines = [line for line in lines if line]
        too_long = [n for n, line in enumerate(lines, 1) if len(line) > STATEMENT_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Line %(lines)s is longer than %(limit)d characters.")
                % {"lines": ", ".join(map(str, too_long)), "limit": STATEMENT_MAX_LENGTH}
            )
        if len({line.casefold() for line in lines}) < len(lines):
            raise forms.ValidationError(_("A statement appears twice."))
        return lines


class StatementForm(Form):
    """A statement: a facilitator's (accepted at once) or a participant's (moderated)."""

    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
        help_text=_(
            "One short sentence that others can agree or disagree with; at most %(limit)d "
            "characters."
        )
        % {"limit": STATEMENT_MAX_LENGTH},
    )


class SeedForm(StatementForm):
    is_meta = forms.BooleanField(
        label=_("Meta statement"),
        required=False,
        help_text=_("About the dialogue itself, not the question: shown, but left out of the map."),
    )


class ModerationForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (StatementStatus.ACCEPTED, _("Accept")),
            (StatementStatus.REJECTED, _("Reject")),
            ("meta", _("Mark as meta statement")),
            ("not_meta", _("No meta statement")),
        ],
    )
    reason = forms.CharField(label=_("Reason for rejecting"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == StatementStatus.REJECTED and not data.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason for rejecting it."))
        return data


CSV_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {".csv": ("text/csv", ())}


class PolisImportForm(Form):
    question = forms.CharField(
        label=_("Question of the dialogue"),
        max_length=300,
        help_text=_("Usually the topic of the Pol.is conversation."),
    )
    comments = forms.FileField(label="comments.csv")
    votes = forms.FileField(label="votes.csv")
    participants = forms.FileField(label="participants-votes.csv", required=False)
    summary = forms.FileField(label="summary.csv", required=False)

    FILE_NAMES = {
        "comments": "comments.csv",
        "votes": "votes.csv",
        "participants": "participants-votes.csv",
        "summary": "summary.csv",
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field in self.FILE_NAMES:
            upload = data.get(field)
            if upload:
                try:
                    check_upload(upload, CSV_TYPES)
                except forms.ValidationError as error:
                    self.add_error(field, error)
        return data

    def files_by_name(self) -> dict[str, bytes]:
        """The uploaded files' contents under the names the Pol.is reader knows."""
        found = {}
        for field, name in self.FILE_NAMES.items():
            upload = self.cleaned_data.get(field)
            if upload:
                upload.seek(0)
                found[name] = upload.read()
        return found
