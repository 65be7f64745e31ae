from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import ProgrammeRole, User
from kokoma.core.forms import DateField, DocumentForm, ModelForm, datetime_field, set_choices

from ..models import Event, EventRegistration


class EventForm(ModelForm):
    starts_at = datetime_field(_("Starts at"))
    ends_at = datetime_field(_("Ends at"))
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online format."),
    )
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They keep the event and see who registered. Without a choice: you."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "summary",
            "programme",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "capacity",
            "registration_open",
            "registration_deadline",
        ]
        field_classes = {"registration_deadline": DateField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "programme": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = list(self.instance.organisers.all()) if self.instance.pk else []
        # The programme's staff and experts organise; whoever organises already stays choosable.
        staff = Q(
            programme_role__in=[
                ProgrammeRole.OFFICE,
                ProgrammeRole.EXPERT,
                ProgrammeRole.EXTERNAL_COMPANION,
                ProgrammeRole.TRAINER,
            ],
            is_active=True,
        )
        set_choices(
            self,
            "organisers",
            User.objects.filter(staff | Q(pk__in=[user.pk for user in chosen])).order_by(
                "display_name"
            ),
        )
        if self.instance.pk:
            self.initial["organisers"] = chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it begins."))
        if not data.get("place") and not data.get("online_link"):
            self.add_error("place", _("Please give a place or an online link."))
        return data


class RegistrationForm(ModelForm):
    class Meta:
        model = EventRegistration
        fields = ["note"]


class DocumentationForm(ModelForm):
    class Meta:
        model = Event
        fields = ["documentation"]
        widgets = {"documentation": forms.Textarea(attrs={"rows": 12})}


class EventDocumentForm(DocumentForm):
    """The case documents' upload form and checks, for the record of an event."""
