from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"invalid": _("Please enter a valid date.")},
        **kwargs,
    )


def set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer `queryset` as the choices of the form's model choice field `name`."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def set_options(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Offer `choices` as the options of the form's choice field `name`."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)
