"""The office's counts: sessions held, hours and places per quarter and kind; a count under 5
is suppressed, and with it the hours of its cell; the sum leaves suppressed cells out."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.supervision.models import Slot
from kokoma.supervision.statistics import Row, quarter_of, statistics, totals

from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_slate() -> None:
    """The demo's sessions out of the way (deleted inside the test's transaction)."""
    Slot.objects.all().delete()


def _row(quarter: str, kind: str) -> Row:
    (row,) = [row for row in statistics() if row.quarter == quarter and row.kind == kind]
    return row


def test_counts_from_five_are_shown_and_below_suppressed(
    persona: Persona, clean_slate: None
) -> None:
    people = [persona("local_a"), persona("external")]
    for _ in range(5):
        factories.past_session(days_ago=1, booked=[people[0]], hours=1.5)
    for _ in range(2):
        factories.past_session(days_ago=1, booked=people, kind=Slot.Kind.GROUP, hours=2)
    quarter = quarter_of(timezone.now() - datetime.timedelta(days=1))
    individual = _row(quarter, "individual")
    assert individual.cell.sessions == 5
    assert individual.cell.hours == 7.5
    assert individual.cell.places == 5
    group = _row(quarter, "group")
    assert group.cell.suppressed
    assert group.cell.hours is None and group.cell.places is None
    total = totals(statistics())
    assert (total.sessions, total.hours, total.places) == (5, 7.5, 5)


def test_only_sessions_that_took_place_with_someone_count(
    persona: Persona, clean_slate: None
) -> None:
    for _ in range(5):
        factories.past_session(days_ago=1, booked=[])  # nobody came
    factories.slot()  # still to come
    assert statistics() == []


def test_a_cancelled_slot_does_not_count(persona: Persona, clean_slate: None) -> None:
    for _ in range(5):
        factories.past_session(days_ago=1, booked=[persona("local_a")])
    Slot.objects.update(cancelled_at=timezone.now())
    assert statistics() == []


def test_the_pool_page_shows_under_five_as_such(
    client: Client, persona: Persona, clean_slate: None
) -> None:
    factories.past_session(days_ago=1, booked=[persona("local_a")])
    client.force_login(persona("office"))
    html = client.get(reverse("supervision:pool")).content.decode()
    assert "&lt; 5" in html
    assert str(persona("local_a")) not in html


def test_quarters_follow_berlin_time() -> None:
    berlin = timezone.get_current_timezone()
    new_year = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=berlin)
    assert quarter_of(new_year) == "2026-Q1"
    assert quarter_of(new_year - datetime.timedelta(hours=1)) == "2025-Q4"
