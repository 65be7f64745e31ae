"""The training's sessions in the personal iCal feed: the participant's enrolled cohorts, the
trainer's own sessions; nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from kokoma.tasks import services as tasks
from kokoma.training import services

from ..conftest import Persona
from .factories import cohort, cottbus, session, trainee

pytestmark = pytest.mark.django_db


def _feed(user: object) -> dict[str, object]:
    token = tasks.issue_calendar_token(by=user)  # type: ignore[arg-type]
    response = Client().get(f"/kalender/{token.token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_sessions_are_in_the_feeds_of_participants_and_trainers(persona: Persona) -> None:
    group = cohort(capacity=1, title="Kalenderdurchgang")
    coming = session(group, days_ago=-10, title="Moderation")
    enrolled, waiting = trainee("Yvonne"), trainee("Zeno")
    services.enrol(group, by=persona("office"), participant=enrolled, municipality=cottbus())
    services.enrol(group, by=persona("office"), participant=waiting, municipality=cottbus())
    uid = f"{coming.uid}@kokoma"

    for person in (enrolled, persona("trainer")):
        event = _feed(person)[uid]
        assert event["DTSTART"].dt == coming.starts_at  # type: ignore[index]
        assert event["DTEND"].dt == coming.ends_at  # type: ignore[index]
        assert str(event["SUMMARY"]) == "Kalenderdurchgang: Moderation"  # type: ignore[index]
        assert str(event["LOCATION"] if "LOCATION" in event else event["DESCRIPTION"]) == "Rathaus"  # type: ignore[index,operator]
    # on the waiting list, or not in the cohort: not in the feed
    assert uid not in _feed(waiting)
    assert uid not in _feed(persona("actor_a"))
