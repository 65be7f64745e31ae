from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.consultation.forms import LeakCheckedForm
from kokoma.core.forms import DateField
from kokoma.municipalities.models import Land

from .evidence import SIZES
from .models import SharedCase


class SharedCaseForm(LeakCheckedForm):
    """The team's review of the summary for the pool (names refused, places marked)."""

    class Meta:
        model = SharedCase
        fields = ["title", "summary", "lessons_learned"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 10}),
            "lessons_learned": forms.Textarea(attrs={"rows": 6}),
        }


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
