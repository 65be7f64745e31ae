from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.cases.models import Case
from kokoma.core.forms import DateField, ModelForm, set_choices
from kokoma.municipalities.models import Municipality

from .models import Task


class TaskForm(ModelForm):
    class Meta:
        model = Task
        fields = ["title", "description", "assignee", "case", "due_on"]
        field_classes = {"due_on": DateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "case": _("Optional. Only people who can see the case may be assigned."),
            "due_on": _("Optional. Tasks with a due date appear in the personal calendar feed."),
        }

    def __init__(self, *args: Any, municipality: Municipality, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "assignee",
            User.objects.filter(memberships__municipality=municipality, is_active=True).distinct(),
        )
        set_choices(
            self, "case", (Case.objects.visible_to(user).filter(municipality=municipality).open())
        )


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("open tasks")), ("done", _("done tasks"))],
    )
