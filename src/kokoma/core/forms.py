from typing import Any

from django import forms
from django.db.models import QuerySet

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


def set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer `queryset` as the choices of the form's model choice field `name`."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset
