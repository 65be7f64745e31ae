"""The boards in the personal iCal feed: meetings as timed events, the inter-municipal board's
follow-ups (which have no task) as all-day items."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from kokoma.boards import services
from kokoma.boards.models import Resolution
from kokoma.tasks import services as tasks
from tests.conftest import Persona

from .factories import cottbus_board, inter_municipal_board, meeting, office

pytestmark = pytest.mark.django_db


def _feed(client: Client, user: object) -> dict[str, object]:
    token = tasks.issue_calendar_token(by=user)  # type: ignore[arg-type]
    response = client.get(f"/kalender/{token.token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_members_meetings_are_timed_events(client: Client, persona: Persona) -> None:
    board = cottbus_board()
    session = meeting(board)
    events = _feed(client, persona("board_a"))
    event = events[f"{session.uid}@kokoma"]
    assert event["DTSTART"].dt == session.starts_at  # type: ignore[index]
    assert event["DTEND"].dt == session.ends_at  # type: ignore[index]
    # not a member: not in the feed
    assert f"{session.uid}@kokoma" not in _feed(Client(), persona("trainee_a"))


def test_a_cancelled_meeting_stays_marked_cancelled(client: Client, persona: Persona) -> None:
    session = meeting(cottbus_board())
    services.cancel_meeting(session, by=office())
    event = _feed(client, persona("board_a"))[f"{session.uid}@kokoma"]
    assert str(event["STATUS"]) == "CANCELLED"  # type: ignore[index]


def test_the_inter_municipal_follow_up_is_in_the_responsibles_feed(
    client: Client, persona: Persona
) -> None:
    item = services.add_agenda_item(meeting(inter_municipal_board()), by=office(), title="TOP")
    due = timezone.localdate() + datetime.timedelta(days=9)
    resolution = services.record_resolution(
        item,
        by=office(),
        kind=Resolution.Kind.RECOMMENDATION,
        text="Leitfaden überarbeiten",
        responsible=persona("local_b"),
        due_on=due,
    )
    event = _feed(client, persona("local_b"))[f"board-resolution-{resolution.pk}@kokoma"]
    assert event["DTSTART"].dt == due  # type: ignore[index]
    services.change_resolution_status(resolution, by=persona("local_b"), status="implemented")
    assert f"board-resolution-{resolution.pk}@kokoma" not in _feed(Client(), persona("local_b"))
