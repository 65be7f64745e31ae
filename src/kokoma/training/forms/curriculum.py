from __future__ import annotations

from django import forms

from kokoma.core.forms import ModelForm

from ..models import CurriculumModule


class CurriculumModuleForm(ModelForm):
    class Meta:
        model = CurriculumModule
        fields = ["title", "learning_goals", "hours", "methods", "position"]
        widgets = {
            "learning_goals": forms.Textarea(attrs={"rows": 5}),
            "methods": forms.Textarea(attrs={"rows": 3}),
        }
