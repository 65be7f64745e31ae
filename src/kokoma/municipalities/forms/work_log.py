from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import (
    DateField,
    ModelForm,
    PastDateField,
    set_choices,
)

from ..models import (
    WorkLogEntry,
)


class WorkLogEntryForm(ModelForm):
    class Meta:
        model = WorkLogEntry
        fields = [
            "date",
            "step",
            "participants",
            "topic",
            "notes",
            "next_steps",
            "next_steps_due",
            "next_steps_done",
        ]
        field_classes = {"date": PastDateField, "next_steps_due": DateField}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "step", self.instance.municipality.process_steps.all())
        self.fields["step"].empty_label = _("– no particular step –")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        due, date = data.get("next_steps_due"), data.get("date")
        if due and not data.get("next_steps"):
            self.add_error("next_steps", _("Please describe the next steps that are due."))
        if due and date and due < date:
            self.add_error("next_steps_due", _("The due date cannot lie before the meeting."))
        return data
