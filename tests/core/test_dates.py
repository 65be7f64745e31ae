"""Implausible dates are refused with a message (issue 10, item 6): before 1900 in every date field,
more than a year ahead in a date about the past, more than a century ahead anywhere."""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import kokoma
from kokoma.core.forms import DateField, PastDateField
from kokoma.observations.models import Observation

from ..conftest import COTTBUS
from ..observations.test_public_report import report

TODAY = timezone.localdate()


def _days(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        (DateField(), datetime.date(1899, 12, 31), "Bitte geben Sie ein Datum ab 1900 an."),
        (PastDateField(), datetime.date(1899, 12, 31), "Bitte geben Sie ein Datum ab 1900 an."),
        (
            PastDateField(),
            _days(367),
            "Dieses Datum liegt mehr als ein Jahr in der Zukunft. Bitte prüfen Sie es.",
        ),
        (
            DateField(),
            TODAY.replace(year=TODAY.year + 101, day=1),
            "Bitte geben Sie ein Datum innerhalb der nächsten hundert Jahre an.",
        ),
    ],
)
def test_implausible_dates_are_refused(field: DateField, value: datetime.date, error: str) -> None:
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value.isoformat())
    assert refused.value.messages == [error]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (DateField(), datetime.date(1900, 1, 1)),
        (PastDateField(), datetime.date(1900, 1, 1)),
        (PastDateField(), _days(300)),  # a typo in the year or a plan written down early
        (DateField(), TODAY.replace(year=TODAY.year + 5, day=1)),  # a due date years ahead
        (DateField(required=False), None),
    ],
)
def test_plausible_dates_pass(field: DateField, value: datetime.date | None) -> None:
    assert field.clean(value.isoformat() if value else "") == value


def _own_form_classes() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []
    for module_info in pkgutil.walk_packages(kokoma.__path__, "kokoma."):
        if ".forms" not in module_info.name or "migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_date_field_of_our_forms_checks_plausibility() -> None:
    """A new form inherits the check: its date fields are core.forms.DateField (or PastDateField),
    declared as fields or, in a ModelForm, through `Meta.field_classes`."""
    classes = _own_form_classes()
    assert len(classes) > 20
    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in classes
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.DateField) and not isinstance(field, DateField)
    ]
    assert not plain, f"date fields without the plausibility check: {plain}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("occurred_on", "error"),
    [
        ("1899-05-04", "Bitte geben Sie ein Datum ab 1900 an."),
        (_days(400).isoformat(), "Dieses Datum liegt mehr als ein Jahr in der Zukunft."),
    ],
)
def test_the_public_report_refuses_an_implausible_date_and_keeps_the_text(
    client: Client, occurred_on: str, error: str
) -> None:
    cache.clear()
    before = Observation.objects.count()
    url = reverse("public:report", kwargs={"ags": COTTBUS})
    response = client.post(url, report(occurred_on=occurred_on, place="Am Markt"))
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert 'value="Am Markt"' in page
    assert Observation.objects.count() == before
