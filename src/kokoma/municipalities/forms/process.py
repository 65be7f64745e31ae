"""Forms of the accompaniment process: a step, a milestone, a document, the overview's filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import DateField, ModelForm, PastDateField, set_choices

from ..models import Land, Milestone, Phase, ProcessStep, StepKind


class StepForm(ModelForm):
    class Meta:
        model = ProcessStep
        fields = [
            "status",
            "skip_reason",
            "planned_start",
            "planned_end",
            "started_on",
            "finished_on",
            "participants",
            "external_participants",
            "notes",
        ]
        field_classes = {
            "planned_start": DateField,
            "planned_end": DateField,
            "started_on": PastDateField,
            "finished_on": PastDateField,
        }
        widgets = {
            "participants": forms.CheckboxSelectMultiple,
            "skip_reason": forms.Textarea(attrs={"rows": 2}),
            "external_participants": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "started_on": _("Left empty, the day you set the step in progress."),
            "finished_on": _("Left empty, the day you mark the step done."),
            "skip_reason": _("Needed when the step is skipped."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "participants",
            User.objects.filter(
                memberships__municipality_id=self.instance.municipality_id, is_active=True
            )
            .distinct()
            .order_by("display_name"),
        )


class MilestoneForm(ModelForm):
    """When an existing milestone was reached, and the document that proves it."""

    class Meta:
        model = Milestone
        fields = ["reached_on", "document", "note"]
        field_classes = {"reached_on": PastDateField}
        help_texts = {"reached_on": _("Leave empty if the milestone is not reached yet.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "document", self.instance.step.documents.all())
        self.fields["document"].required = False
        if self.instance.needs_document:
            self.fields["document"].help_text = _(
                "This milestone needs a document. Upload it to the step first."
            )


class NewMilestoneForm(ModelForm):
    """An own milestone the tandem adds to a step."""

    class Meta:
        model = Milestone
        fields = ["title", "needs_document"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True


class ProcessFilterForm(forms.Form):
    SORTS = [
        ("name", _("name")),
        ("land", _("Land")),
        ("-progress", _("progress (furthest first)")),
        ("progress", _("progress (least first)")),
        ("quiet", _("longest without progress first")),
    ]
    land = forms.ChoiceField(
        label=_("Land"), choices=[("", _("all Länder")), *Land.choices], required=False
    )
    phase = forms.ChoiceField(
        label=_("Programme phase"), choices=[("", _("all phases")), *Phase.choices], required=False
    )
    current = forms.ChoiceField(
        label=_("Current step"),
        choices=[("", _("all steps")), *StepKind.choices],
        required=False,
    )
    stalled = forms.BooleanField(label=_("only stalled processes"), required=False)
    weeks = forms.IntegerField(
        label=_("Stalled after (weeks without progress)"),
        min_value=1,
        max_value=104,
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weeks"].widget.attrs["placeholder"] = str(
            settings.KOKOMA_PROCESS_STALLED_WEEKS
        )
