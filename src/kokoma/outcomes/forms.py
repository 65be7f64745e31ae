from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.consultation.anonymise import AnonymisationContext, Excerpt, excerpts
from kokoma.consultation.services import leak_message, leaks_in
from kokoma.core.forms import DateField, ModelForm
from kokoma.municipalities.models import Land

from .evidence import SIZES
from .models import SharedCase


class SharedCaseForm(ModelForm):
    """The team's review of the summary for the pool; a text that still names an actor or a
    person of the case is refused with the places shown (`marked`)."""

    class Meta:
        model = SharedCase
        fields = ["title", "summary", "lessons_learned"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 10}),
            "lessons_learned": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, context: AnonymisationContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context = context
        self.marked: dict[str, list[Excerpt]] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        texts = {name: cleaned.get(name) or "" for name in self.Meta.fields}
        for name, leaks in leaks_in(texts, self.context).items():
            self.marked[name] = excerpts(texts[name], leaks)
            self.add_error(name, leak_message())
        return cleaned

    def marked_fields(self) -> list[tuple[str, list[Excerpt]]]:
        return [(str(self.fields[name].label), found) for name, found in self.marked.items()]


SIZE_LABELS = {
    "big": _("big city (100,000 inhabitants and more)"),
    "medium": _("medium-sized town (20,000 to 99,999)"),
    "small": _("small town (5,000 to 19,999)"),
    "rural": _("rural municipality (under 5,000)"),
}


class EvidenceFilter(forms.Form):
    """The evidence page's filter (sent with GET)."""

    land = forms.ChoiceField(
        label=_("Land"), choices=[("", _("all")), *Land.choices], required=False
    )
    size = forms.ChoiceField(
        label=_("Size of the municipality"),
        choices=[("", _("all")), *((key, SIZE_LABELS[key]) for key in SIZES)],
        required=False,
    )
    closed_from = DateField(label=_("Closed from"), required=False)
    closed_until = DateField(label=_("Closed until"), required=False)
