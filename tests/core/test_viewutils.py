from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from pytest_django import Settings

from kokoma.core.viewutils import call_service, paginate


class _NameForm(forms.Form):
    name = forms.CharField()


def _valid_form() -> _NameForm:
    form = _NameForm({"name": "Quartiersrat"})
    assert form.is_valid()
    return form


def _refuse(error: ValidationError) -> str:
    raise error


@pytest.mark.django_db
def test_call_service_returns_the_result_and_leaves_the_form_valid() -> None:
    form = _valid_form()
    assert call_service(form, lambda: "gespeichert") == "gespeichert"
    assert form.is_valid()


@pytest.mark.django_db
def test_call_service_puts_a_field_error_on_its_field() -> None:
    form = _valid_form()
    result = call_service(form, lambda: _refuse(ValidationError({"name": "Schon vergeben."})))
    assert result is None
    assert form.errors == {"name": ["Schon vergeben."]}


@pytest.mark.django_db
def test_call_service_shows_other_errors_above_the_form() -> None:
    form = _valid_form()
    error = ValidationError({"unknown": "Passt nicht.", "name": "Zu kurz."})
    assert call_service(form, lambda: _refuse(error)) is None
    assert form.non_field_errors() == ["Passt nicht."]
    assert form.errors["name"] == ["Zu kurz."]


@pytest.mark.django_db
def test_call_service_shows_a_plain_error_above_the_form() -> None:
    form = _valid_form()
    assert call_service(form, lambda: _refuse(ValidationError("Gesperrt."))) is None
    assert form.non_field_errors() == ["Gesperrt."]


ITEMS = list(range(1, 8))  # three pages of three: [1, 2, 3], [4, 5, 6], [7]


@pytest.fixture
def three_per_page(settings: Settings) -> None:
    settings.KOKOMA_PAGE_SIZE = 3


@pytest.mark.usefixtures("three_per_page")
@pytest.mark.parametrize(
    ("seite", "number", "items"),
    [
        (None, 1, [1, 2, 3]),
        ("2", 2, [4, 5, 6]),
        ("3", 3, [7]),
        ("99", 3, [7]),  # beyond the last page: the last page
        ("0", 3, [7]),  # below the first page: the last page, as Paginator.get_page does
        ("zwei", 1, [1, 2, 3]),  # not a number: the first page
        ("", 1, [1, 2, 3]),
    ],
)
def test_paginate_picks_the_page_and_never_fails(
    seite: str | None, number: int, items: list[int]
) -> None:
    request = RequestFactory().get("/", {} if seite is None else {"seite": seite})
    page, query = paginate(request, ITEMS)
    assert page.number == number
    assert list(page) == items
    assert page.paginator.num_pages == 3
    assert query == ""


@pytest.mark.usefixtures("three_per_page")
def test_paginate_keeps_the_other_parameters_and_drops_seite() -> None:
    request = RequestFactory().get(
        "/?status=neu&seite=2&ort=Gro%C3%9F+D%C3%B6belitz&motiv=1&motiv=3&seite=3"
    )
    page, query = paginate(request, ITEMS)
    assert page.number == 3  # the last `seite` wins, as QueryDict.get gives it
    assert query == "status=neu&ort=Gro%C3%9F+D%C3%B6belitz&motiv=1&motiv=3"
    assert request.GET.getlist("seite") == ["2", "3"]  # the request itself is left alone


@pytest.mark.usefixtures("three_per_page")
def test_paginate_gives_an_empty_first_page_for_no_items() -> None:
    nothing: list[int] = []
    page, query = paginate(RequestFactory().get("/", {"seite": "4", "q": "x"}), nothing)
    assert page.number == 1
    assert list(page) == []
    assert query == "q=x"
