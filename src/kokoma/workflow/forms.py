from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, ModelForm, set_choices

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


def _label(name: str) -> Any:
    return capfirst(getattr(EscalationLevel._meta.get_field(name), "verbose_name", name))


class EscalationLevelForm(Form):
    """One level of the escalation chain. The chain is saved as a whole (its `ListForm` guards
    it), so a level is no record of its own here: a refused save can be sent again as it is."""

    days_overdue = forms.IntegerField(label=_label("days_overdue"), min_value=0, max_value=32767)
    # The empty level at the end offers no role until one is chosen: sent as the browser shows
    # it, it stays empty and adds no level.
    notify = forms.ChoiceField(
        label=_label("notify"), choices=[("", "–"), *ResponsibleRole.choices]
    )
    action = forms.CharField(label=_label("action"), max_length=300)


EscalationFormSet = forms.formset_factory(EscalationLevelForm, extra=1, can_delete=True)
