"""Forms of conflict processing: procedures, measures, agreements and closing a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import DateField, Form, ModelForm, PastDateField, set_choices
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from ..models import Agreement, Case, CaseOutcome, CaseProcedure, Measure

DATE_ERRORS = {"invalid": _("Please enter a valid date.")}


class ProcedureForm(ModelForm):
    class Meta:
        model = CaseProcedure
        fields = ["procedure", "goal", "participants", "status", "started_on", "ended_on"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.CheckboxSelectMultiple,
        }
        field_classes = {"started_on": DateField, "ended_on": DateField}
        error_messages = {
            "procedure": {"invalid_choice": _("Please choose a procedure from the catalogue.")},
            "participants": {"invalid_choice": _("Please choose only actors of this case.")},
            "started_on": DATE_ERRORS,
            "ended_on": DATE_ERRORS,
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = Term.objects.filter(kind=TermKind.PROCEDURE)
        current = self.instance.procedure_id if self.instance.pk else None
        set_choices(
            self,
            "procedure",
            terms.filter(
                pk__in=[
                    *terms.filter(active=True).values_list("pk", flat=True),
                    *([current] if current else []),
                ]
            ),
        )
        set_choices(self, "participants", case.actors.all())
        self.fields["participants"].help_text = _("Only actors of this case can take part.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date must not be before the start date."))
        return data


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return str(user)  # the display name, as everywhere else in KoKoMa


class MeasureForm(ModelForm):
    class Meta:
        model = Measure
        fields = ["title", "description", "owner", "due_on", "status", "result"]
        field_classes = {"owner": OwnerChoiceField, "due_on": DateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "owner": {
                "invalid_choice": _("The responsible person must be someone who can see this case.")
            },
            "due_on": DATE_ERRORS,
        }

    def __init__(self, *args: Any, case: Case, owners: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "owner",
            User.objects.filter(pk__in=[user.pk for user in owners]).order_by(
                "display_name", "email"
            ),
        )
        self.fields["owner"].help_text = _("Someone who can see this case.")


class AgreementForm(ModelForm):
    class Meta:
        model = Agreement
        fields = ["text", "parties", "agreed_on", "review_on", "status"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "parties": forms.CheckboxSelectMultiple,
        }
        field_classes = {"agreed_on": PastDateField, "review_on": DateField}
        error_messages = {
            "parties": {"invalid_choice": _("Please choose only actors of this case.")},
            "agreed_on": DATE_ERRORS,
            "review_on": DATE_ERRORS,
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "parties", case.actors.all())
        if self.instance.pk is None and not self.initial.get("agreed_on"):
            self.initial["agreed_on"] = timezone.localdate()  # usually recorded the same day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agreed, review = data.get("agreed_on"), data.get("review_on")
        if agreed and review and review < agreed:
            self.add_error(
                "review_on", _("The review date must not be before the date of the agreement.")
            )
        return data


class CloseCaseForm(Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=CaseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the outcome of the case.")},
    )
    lessons = forms.CharField(
        label=_("Lessons learned"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What worked, what did not, what should others know?"),
        error_messages={"required": _("Please write down the lessons learned.")},
    )
    to_step = forms.ModelChoiceField(
        label=_("Final step"),
        queryset=Step.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("Please choose a final step.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, final_steps: list[Step], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_step"]
        set_choices(self, "to_step", Step.objects.filter(pk__in=[step.pk for step in final_steps]))
        if len(final_steps) == 1:
            field.initial = final_steps[0].pk
