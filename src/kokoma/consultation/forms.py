from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, ModelForm

from .anonymise import AnonymisationContext, Excerpt, excerpts
from .models import ANSWER_LIMIT, TEXT_LIMIT, Consultation, Phase
from .services import leak_message, leaks_in


class ShareForm(Form):
    question = forms.CharField(
        label=_("Your question to the network"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What would you like colleagues from other municipalities to think about? The "
            "question is anonymised like the rest of the draft."
        ),
    )


class LeakCheckedForm(ModelForm):
    """A model form of texts that leave the municipality: a text that still names an actor or a
    person of the case is refused, with the places shown (`marked`, rendered by
    `consultation/_leaks.html`); the service checks the same again. The checked fields are the
    form's `Meta.fields`."""

    def __init__(self, *args: Any, context: AnonymisationContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context = context
        self.marked: dict[str, list[Excerpt]] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        texts = {
            name: cleaned.get(name) or ""
            for name in self._meta.fields or ()
            if isinstance(cleaned.get(name), str)
        }
        for name, leaks in leaks_in(texts, self.context).items():
            self.marked[name] = excerpts(texts[name], leaks)
            self.add_error(name, leak_message())
        return cleaned

    def marked_fields(self) -> list[tuple[str, list[Excerpt]]]:
        return [(str(self.fields[name].label), found) for name, found in self.marked.items()]


class DraftForm(LeakCheckedForm):
    """The team's edit of the consultation's draft."""

    class Meta:
        model = Consultation
        fields = ["title", "situation", "tried", "question"]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 14}),
            "tried": forms.Textarea(attrs={"rows": 6}),
            "question": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "situation": _("Markdown. What happened, who is involved (as labels), the analysis."),
            "tried": _("Markdown. Procedures and measures tried so far, and how they went."),
        }


class AnswerForm(Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    text = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Please do not guess at names or places of the case."),
    )
