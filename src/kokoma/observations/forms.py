"""Forms for observations, triage, the chronicle and the taxonomies."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kokoma.cases.models import Case
from kokoma.core.forms import Form, ModelForm, PastDateField, set_choices, set_options
from kokoma.taxonomy.forms import TermChoiceField
from kokoma.taxonomy.models import Term, TermKind

from .models import ChronicleEntry, Observation, Severity


class _IncidentFieldsMixin(forms.Form):
    """The incident part shared by the public and the internal form."""

    def _setup_terms(self, instance: Observation | None = None) -> None:
        chosen_topics = list(instance.topics.all()) if instance and instance.pk else []
        set_choices(self, "topics", Term.objects.choices_for(TermKind.TOPIC, include=chosen_topics))
        motive = [instance.motive_id] if instance and instance.motive_id else []
        kind = [instance.incident_type_id] if instance and instance.incident_type_id else []
        set_choices(self, "motive", Term.objects.choices_for(TermKind.MOTIVE, include=motive))
        set_choices(
            self, "incident_type", Term.objects.choices_for(TermKind.INCIDENT_TYPE, include=kind)
        )

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data["occurred_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("is_incident"):
            data["motive"] = None
            data["incident_type"] = None
        return data


class PublicReportForm(_IncidentFieldsMixin, Form):
    occurred_on = PastDateField(label=_("When did it happen?"))
    place = forms.CharField(label=_("Place or district"), max_length=200)
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Please do not name any private persons."),
    )
    is_incident = forms.BooleanField(
        label=_("It was a hostile act (e.g. insult, threat, attack, graffiti)"), required=False
    )
    motive = TermChoiceField(
        label=_("Motive, as far as recognisable"),
        queryset=Term.objects.none(),
        required=False,
        empty_label=_("– not known –"),
    )
    incident_type = TermChoiceField(
        label=_("Kind of incident"),
        queryset=Term.objects.none(),
        required=False,
        empty_label=_("– not known –"),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics (optional)"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reporter_contact = forms.CharField(
        label=_("Contact for questions (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "E-mail or telephone, only if you want us to be able to ask back. "
            "You may report anonymously."
        ),
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup_terms()

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ObservationForm(_IncidentFieldsMixin, ModelForm):
    class Meta:
        model = Observation
        fields = [
            "occurred_on",
            "place",
            "description",
            "source",
            "topics",
            "severity",
            "is_incident",
            "motive",
            "incident_type",
            "reporter_contact",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"reporter_contact": _("Contact of the reporting person (optional)")}
        field_classes = {
            "occurred_on": PastDateField,
            "motive": TermChoiceField,
            "incident_type": TermChoiceField,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_options(
            self,
            "source",
            (c for c in Observation.Source.choices if c[0] != Observation.Source.PUBLIC_FORM),
        )
        self.fields["source"].initial = Observation.Source.INTERNAL
        self.fields["severity"].initial = Severity.MEDIUM
        self._setup_terms(self.instance)


STATUS_FILTERS = [
    (Observation.Status.NEW, _("new")),
    (Observation.Status.VERIFIED, _("verified")),
    (Observation.Status.MERGED, _("assigned to a case")),
    (Observation.Status.DISMISSED, _("dismissed")),
    ("all", _("all")),
]


class TriageFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)
    incidents = forms.BooleanField(label=_("incidents only"), required=False)


class NewCaseForm(Form):
    title = forms.CharField(label=_("Title of the case"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} – {obj.title}"


class AttachCaseForm(Form):
    case = CaseChoiceField(
        label=_("Open case"),
        queryset=Case.objects.none(),
        empty_label=_("– please choose –"),
        error_messages={"invalid_choice": _("Please choose one of the open cases.")},
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "case", cases)


class DismissForm(Form):
    reason = forms.CharField(
        label=_("Reason for dismissal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: duplicate, not within the municipality, no conflict."),
        error_messages={"required": _("Please give a reason for dismissing the observation.")},
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Please give a reason for dismissing the observation."))
        return reason


class ChronicleForm(ModelForm):
    class Meta:
        model = ChronicleEntry
        fields = ["district", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "district": _("Only the district, no street or house number."),
            "text": _(
                "Written for the public: no names, no details that identify persons affected "
                "or reporting."
            ),
        }


class ChronicleFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    motive = TermChoiceField(
        label=_("Motive"), queryset=Term.objects.none(), required=False, empty_label=_("all")
    )
    incident_type = TermChoiceField(
        label=_("Kind of incident"),
        queryset=Term.objects.none(),
        required=False,
        empty_label=_("all"),
    )
    district = forms.ChoiceField(label=pgettext_lazy("city district", "District"), required=False)

    def __init__(self, *args: Any, years: list[int], districts: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_options(self, "year", [("", _("all")), *((y, str(y)) for y in years)])
        set_options(self, "district", [("", _("all")), *((d, d) for d in districts)])
        set_choices(self, "motive", Term.objects.filter(kind=TermKind.MOTIVE))
        set_choices(self, "incident_type", Term.objects.filter(kind=TermKind.INCIDENT_TYPE))
