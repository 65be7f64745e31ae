from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kokoma.cases.models import Case
from kokoma.core.forms import Form, ModelForm, set_choices
from kokoma.municipalities.models import Municipality

from .models import Competence, ContactPerson, Institution, InstitutionKind


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class InstitutionForm(ModelForm):
    competences = forms.CharField(
        label=_("Competences"),
        required=False,
        max_length=2000,
        help_text=_(
            "Separate with commas, e.g. “Mediation, youth work, Arabic”. "
            "New competences are added to the municipality's list."
        ),
    )

    field_order = [
        "name",
        "kind",
        "description",
        "competences",
        "address",
        "phone",
        "email",
        "website",
    ]

    class Meta:
        model = Institution
        fields = [
            "name",
            "kind",
            "description",
            "address",
            "phone",
            "email",
            "website",
            "notes",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        formfield_callback = _formfield
        help_texts = {
            "website": _("A full address, e.g. https://www.example.org"),
            "notes": _("Internal notes for the people working with the directory."),
            "active": _("Inactive institutions stay in the directory but are marked as such."),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = list(
            Competence.objects.filter(municipality=municipality, institutions__isnull=False)
            .distinct()
            .values_list("name", flat=True)[:30]
        )
        if known:
            self.fields["competences"].help_text = _(
                "Separate with commas. Already in use: %(names)s."
            ) % {"names": ", ".join(known)}


class ContactPersonForm(ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "function", "email", "phone", "note", "consent_given"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        labels = {"consent_given": _("The person has agreed to be listed here.")}
        help_texts = {
            "function": _("E.g. head of office, youth worker, imam."),
            "consent_given": _(
                "Required. Ask the person first; they may withdraw their consent at any time, "
                "then delete the entry."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The service gives the German explanation; the browser must not block the submit.
        self.fields["consent_given"].required = False


class CaseLinkForm(Form):
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"invalid_choice": _("Please choose one of the listed cases.")},
    )
    role = forms.CharField(
        label=_("Role in the case"),
        required=False,
        max_length=200,
        help_text=_("Optional, e.g. “moderates the round table”."),
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "case", cases)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, competence or contact person"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("all kinds")), *InstitutionKind.choices],
    )
    competence = forms.ModelChoiceField(
        label=_("Competence"),
        required=False,
        queryset=Competence.objects.none(),
        empty_label=_("all competences"),
        to_field_name="name",
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "competence",
            (
                Competence.objects.filter(municipality=municipality, institutions__isnull=False)
                .distinct()
                .order_by("name")
            ),
        )
