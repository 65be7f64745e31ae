from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import DateField, Form, ModelForm, datetime_field

from .models import PoolRules, SessionNote, Slot
from .services import MAX_OCCURRENCES, Repeat


class SlotFields(ModelForm):
    starts_at = datetime_field(_("Starts at"))
    ends_at = datetime_field(_("Ends at"))
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For a session by video call."),
    )


class SlotForm(SlotFields):
    """A new slot, or a series of them."""

    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (Repeat.NONE, _("once")),
            (Repeat.WEEKLY, _("weekly")),
            (Repeat.FORTNIGHTLY, _("every two weeks")),
        ],
        required=False,
    )
    occurrences = forms.IntegerField(
        label=_("Number of dates"),
        min_value=1,
        max_value=MAX_OCCURRENCES,
        initial=1,
        help_text=_("For a series: how many slots are offered (at most 26)."),
    )

    class Meta:
        model = Slot
        fields = ["kind", "starts_at", "ends_at", "capacity", "place", "online_link", "topic"]


class SlotEditForm(SlotFields):
    class Meta:
        model = Slot
        fields = ["starts_at", "ends_at", "capacity", "place", "online_link", "topic"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.kind == Slot.Kind.INDIVIDUAL:
            del self.fields["capacity"]


class NoteForm(ModelForm):
    class Meta:
        model = SessionNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "text": _(
                "Visible only to you and the people booked into this session; stored encrypted."
            )
        }


class PoolRulesForm(ModelForm):
    class Meta:
        model = PoolRules
        fields = ["cancellation_hours", "note_for_supervisees"]
        widgets = {"note_for_supervisees": forms.Textarea(attrs={"rows": 4})}


class CancelForm(Form):
    """A confirmation that sends nothing but its guard."""


class OpenSlotFilter(forms.Form):
    """The filter of the open slots (sent with GET)."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *Slot.Kind.choices], required=False
    )
    since = DateField(label=_("From"), required=False)
