"""Forms for threat and escalation assessments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, date_field, set_choices

from ..models import GLASL_STAGES, Actor, Case, ThreatDimension


class ThreatForm(Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=ThreatDimension.choices)
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[
            (0, _("0 – none")),
            (1, _("1 – low")),
            (2, _("2 – considerable")),
            (3, _("3 – high")),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("The score must be between 0 and 3.")},
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    assessed_on = date_field(_("Date"), past=True, initial=timezone.localdate)


class EscalationForm(Form):
    stage = forms.IntegerField(
        label=_("Glasl stage"),
        min_value=1,
        max_value=9,
        widget=forms.Select(
            choices=[
                ("", "–"),
                *((k, format_lazy("{} – {}", k, v)) for k, v in GLASL_STAGES.items()),
            ]
        ),
        error_messages={
            "min_value": _("The Glasl stage must be between 1 and 9."),
            "max_value": _("The Glasl stage must be between 1 and 9."),
            "invalid": _("The Glasl stage must be between 1 and 9."),
        },
    )
    assessed_on = date_field(_("Date"), past=True, initial=timezone.localdate)
    actor = forms.ModelChoiceField(
        label=_("From the perspective of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("– the case as a whole –"),
        help_text=_("Parties often see the conflict at different stages."),
        error_messages={"invalid_choice": _("Please choose an actor of this case.")},
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "actor", case.actors.all())
