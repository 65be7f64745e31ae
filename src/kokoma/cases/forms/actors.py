"""Forms for actors under pseudonyms and their relations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, ModelForm, date_field, set_choices

from ..models import Actor, Case, RelationKind


class ActorForm(ModelForm):
    real_name = forms.CharField(
        label=_("Real name"),
        required=False,
        max_length=200,
        help_text=_("Only if needed at all; visible only to the coordinators of the case."),
    )
    contact = forms.CharField(label=_("Contact"), required=False, max_length=300)
    identity_notes = forms.CharField(
        label=_("Notes on the identity"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Actor
        fields = [
            "pseudonym",
            "kind",
            "role",
            "interests",
            "needs",
            "positions",
            "influence",
            "attitude",
        ]
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "positions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, with_identity: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_identity = with_identity
        if not with_identity:
            for name in ("real_name", "contact", "identity_notes"):
                del self.fields[name]
        elif not self.is_bound and self.instance.pk:
            identity = getattr(self.instance, "identity", None)
            if identity is not None:
                self.initial.update(
                    real_name=identity.real_name,
                    contact=identity.contact,
                    identity_notes=identity.notes,
                )


class RelationForm(Form):
    source = forms.ModelChoiceField(
        label=_("First actor"),
        queryset=Actor.objects.none(),
        error_messages={"invalid_choice": _("Please choose an actor of this case.")},
    )
    kind = forms.ChoiceField(label=_("Kind of relation"), choices=RelationKind.choices)
    target = forms.ModelChoiceField(
        label=_("Second actor"),
        queryset=Actor.objects.none(),
        error_messages={"invalid_choice": _("Please choose an actor of this case.")},
    )
    strength = forms.TypedChoiceField(
        label=_("Strength"),
        coerce=int,
        initial=2,
        choices=[(1, _("1 – weak")), (2, _("2 – medium")), (3, _("3 – strong"))],
    )
    directed = forms.BooleanField(
        label=_("Directed (from the first to the second actor)"), required=False
    )
    valid_from = date_field(_("Valid from"), required=False)
    valid_to = date_field(_("Valid until"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            set_choices(self, name, case.actors.all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("A relation needs two different actors."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not be before the start date."))
        return data


class EndRelationForm(Form):
    valid_to = date_field(_("Ended on"), past=True, initial=timezone.localdate)
