from __future__ import annotations

from typing import Any

from django import forms

from kokoma.core.forms import ModelForm

from .models import Term


class TermForm(ModelForm):
    class Meta:
        model = Term
        fields = ["kind", "name", "description", "active", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A term keeps its kind: observations and cases refer to it as what it is.
            self.fields["kind"].disabled = True


class TermChoiceField(forms.ModelChoiceField):
    """A choice of one term, offered by its name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)
