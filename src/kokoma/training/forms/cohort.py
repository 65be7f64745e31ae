from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import ProgrammeRole, User
from kokoma.core.forms import DateField, DocumentForm, ModelForm, datetime_field, set_choices

from ..models import Cohort, CurriculumModule, TrainingSession


class CohortForm(ModelForm):
    modules = forms.ModelMultipleChoiceField(
        label=_("Modules of the curriculum"),
        queryset=CurriculumModule.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The certificate lists them with their hours."),
    )

    class Meta:
        model = Cohort
        fields = [
            "title",
            "description",
            "capacity",
            "accepts_applications",
            "application_deadline",
            "requires_consent",
            "min_attendance_percent",
            "requires_project",
        ]
        field_classes = {"application_deadline": DateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "modules", CurriculumModule.objects.all())
        if self.instance.pk:
            self.initial["modules"] = list(self.instance.modules.all())


class SessionForm(ModelForm):
    starts_at = datetime_field(_("Starts at"))
    ends_at = datetime_field(_("Ends at"))
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online session."),
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrainingSession
        fields = ["title", "module", "starts_at", "ends_at", "format", "place", "online_link"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "trainers",
            User.objects.filter(programme_role=ProgrammeRole.TRAINER, is_active=True),
        )
        set_choices(self, "module", CurriculumModule.objects.all())
        if self.instance.pk:
            self.initial["trainers"] = list(self.instance.trainers.all())


class MaterialForm(DocumentForm):
    """The case documents' upload form and checks, for the material of a session."""
