from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kokoma.core.viewutils import call_service


class _NameForm(forms.Form):
    name = forms.CharField()


def _valid_form() -> _NameForm:
    form = _NameForm({"name": "Quartiersrat"})
    assert form.is_valid()
    return form


def _refuse(error: ValidationError) -> str:
    raise error


def test_call_service_returns_the_result_and_leaves_the_form_valid() -> None:
    form = _valid_form()
    assert call_service(form, lambda: "gespeichert") == "gespeichert"
    assert form.is_valid()


def test_call_service_puts_a_field_error_on_its_field() -> None:
    form = _valid_form()
    result = call_service(form, lambda: _refuse(ValidationError({"name": "Schon vergeben."})))
    assert result is None
    assert form.errors == {"name": ["Schon vergeben."]}


def test_call_service_shows_other_errors_above_the_form() -> None:
    form = _valid_form()
    error = ValidationError({"unknown": "Passt nicht.", "name": "Zu kurz."})
    assert call_service(form, lambda: _refuse(error)) is None
    assert form.non_field_errors() == ["Passt nicht."]
    assert form.errors["name"] == ["Zu kurz."]


def test_call_service_shows_a_plain_error_above_the_form() -> None:
    form = _valid_form()
    assert call_service(form, lambda: _refuse(ValidationError("Gesperrt."))) is None
    assert form.non_field_errors() == ["Gesperrt."]
