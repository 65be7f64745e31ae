from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import ModelForm, set_choices, set_options

from .models import EscalationLevel, ResponsibleRole, Step, Workflow


class WorkflowForm(ModelForm):
    class Meta:
        model = Workflow
        fields = ["title", "preamble"]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 5})}


class StepForm(ModelForm):
    targets = forms.ModelMultipleChoiceField(
        label=_("Allowed next steps"),
        queryset=Step.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every step that is not final needs at least one allowed next step."),
    )

    class Meta:
        model = Step
        fields = [
            "name",
            "description",
            "position",
            "responsible",
            "response_days",
            "is_initial",
            "is_final",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, workflow: Workflow, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.workflow = workflow
        others = workflow.steps.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["targets"].initial = [t.target_id for t in self.instance.outgoing.all()]
        else:
            self.fields["position"].initial = workflow.steps.count() + 1
        set_choices(self, "targets", others)
        self.fields["position"].help_text = _("1 is the first step; the others move along.")


class EscalationLevelForm(ModelForm):
    class Meta:
        model = EscalationLevel
        fields = ["days_overdue", "notify", "action"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_options(self, "notify", ResponsibleRole.choices)


EscalationFormSet = forms.modelformset_factory(
    EscalationLevel, form=EscalationLevelForm, extra=1, can_delete=True
)
