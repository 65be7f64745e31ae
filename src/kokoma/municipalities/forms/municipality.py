from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import MembershipRole, ProgrammeRole, User
from kokoma.audit.models import RECORD_ACTIONS, type_label
from kokoma.core.forms import (
    DateField,
    Form,
    ModelForm,
    PastDateField,
    set_choices,
    set_options,
)

from ..models import (
    Contact,
    CounsellingStructure,
    Land,
    Municipality,
    Phase,
    RegisterEntry,
)


def external_companion_field(required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("External process companion"),
        queryset=User.objects.filter(
            programme_role=ProgrammeRole.EXTERNAL_COMPANION, is_active=True
        ),
        required=required,
        empty_label=_("– not yet assigned –"),
    )


class MunicipalityFilterForm(forms.Form):
    SORTS = [
        ("name", _("name")),
        ("-population", _("population (largest first)")),
        ("phase", _("programme phase")),
        ("-joined_on", _("joined (newest first)")),
    ]
    q = forms.CharField(label=_("Name or AGS"), required=False)
    land = forms.ChoiceField(
        label=_("Land"), choices=[("", _("all Länder")), *Land.choices], required=False
    )
    phase = forms.ChoiceField(
        label=_("Programme phase"), choices=[("", _("all phases")), *Phase.choices], required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)


class OnboardingForm(Form):
    ags = forms.CharField(
        label=_("Municipality from the register"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a municipality from the register.")},
    )
    joined_on = PastDateField(label=_("Joined the programme on"))
    phase = forms.ChoiceField(
        label=_("Programme phase"), choices=Phase.choices, initial=Phase.INTERESTED
    )
    pfd_name = forms.CharField(label=_("Partnership for Democracy"), max_length=200, required=False)
    external_companion = external_companion_field(required=False)
    local_companion_name = forms.CharField(
        label=_("Name of the local process companion"), max_length=150, required=False
    )
    local_companion_email = forms.EmailField(
        label=_("E-mail of the local process companion"),
        required=False,
        help_text=_("A person without an account receives an invitation to set a password."),
    )

    def __init__(
        self, *args: Any, candidates: list[RegisterEntry] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["joined_on"].initial = timezone.localdate()
        self.candidates = candidates or []
        self.fields["ags"].widget.choices = [(entry.ags, entry.ags) for entry in self.candidates]

    def clean_ags(self) -> RegisterEntry:
        ags = self.cleaned_data["ags"].strip()
        entry = RegisterEntry.objects.filter(ags=ags).first()
        if entry is None:
            raise forms.ValidationError(
                _("There is no municipality with the AGS %(ags)s.") % {"ags": ags}
            )
        if Municipality.objects.filter(register=entry).exists():
            raise forms.ValidationError(
                _("%(name)s already takes part in the programme.") % {"name": entry.name}
            )
        return entry

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("local_companion_name") and not data.get("local_companion_email"):
            self.add_error("local_companion_email", _("Please give the e-mail address as well."))
        return data


class PhaseChangeForm(Form):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=Phase.choices)
    effective_on = DateField(label=_("Effective from"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TandemForm(Form):
    external_companion = external_companion_field(required=False)
    local_companion_name = forms.CharField(
        label=_("Name of the local process companion"),
        max_length=150,
        required=False,
        help_text=_("Only needed for a person who has no account yet."),
    )
    local_companion_email = forms.EmailField(
        label=_("E-mail of the local process companion"),
        required=False,
        help_text=_("Leave empty to remove the local process companion."),
    )


class MunicipalityProfileForm(ModelForm):
    class Meta:
        model = Municipality
        fields = ["pfd_name", "pfd_coordination", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class ContactForm(ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "function", "organisation", "email", "phone"]


class CounsellingStructureForm(ModelForm):
    class Meta:
        model = CounsellingStructure
        fields = ["name", "kind", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MemberForm(Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (role.value, role.label)
            for role in (MembershipRole.ACTOR, MembershipRole.BOARD_MEMBER, MembershipRole.TRAINEE)
        ],
    )
    function = forms.CharField(
        label=_("Function"),
        max_length=200,
        required=False,
        help_text=_("For example: youth office, mayor's office, police liaison."),
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    person = forms.ModelChoiceField(label=_("Person"), required=False, queryset=User.objects.none())
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("Until"), required=False)

    def __init__(self, *args: Any, entries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = [(action.value, action.label) for action in RECORD_ACTIONS]
        set_options(self, "action", [("", _("all")), *actions])
        types = entries.order_by("object_type").values_list("object_type", flat=True).distinct()
        named = sorted(((t, type_label(t)) for t in types), key=lambda choice: choice[1])
        set_options(self, "object_type", [("", _("all")), *named])
        set_choices(
            self,
            "person",
            User.objects.filter(
                pk__in=entries.filter(actor__isnull=False).order_by().values("actor_id")
            ).order_by("display_name"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data
