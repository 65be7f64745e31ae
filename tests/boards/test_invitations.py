"""Invitations carry an iCalendar object: REQUEST, then updates of the same UID with a growing
SEQUENCE, and CANCEL on cancellation (RFC 5546). Parsed with the `icalendar` library."""

from __future__ import annotations

import datetime
from email.message import Message
from typing import Any

import pytest
from django.core import mail
from icalendar import Calendar
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.boards import invitations, services
from kokoma.boards.models import Meeting
from tests.conftest import Persona

from .factories import cottbus_board, meeting, office

pytestmark = pytest.mark.django_db


def _send(meeting: Meeting, method: str, kind: str) -> None:
    """What the queued job does (the queue itself is tested by the notifications)."""
    invitations.send_meeting_mails(meeting.pk, method, kind)


def _calendar(message: mail.EmailMessage) -> tuple[Message, Calendar]:
    parsed = message.message()
    parts = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    return parts[0], Calendar.from_ical(payload)


def _event(calendar: Calendar) -> Any:
    (event,) = calendar.walk("VEVENT")
    return event


def test_invitation_update_and_cancellation(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    board = cottbus_board()
    session = meeting(board)
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.invite(session, by=office())
    assert {m.display_name for m in invited.sent_to} == {
        str(persona("board_a")),
        str(persona("actor_a")),
    }
    assert mail.outbox == []  # the mails go out from the background job
    _send(session, invitations.REQUEST, "invitation")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [persona("board_a").email, persona("actor_a").email]
    )
    part, calendar = _calendar(mail.outbox[0])
    assert part.get_param("method") == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    uid = str(event["UID"])
    assert uid.startswith(session.uid)
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].dt == session.starts_at
    assert event["DTEND"].dt == session.ends_at
    attendees = [str(a) for a in event.get("ATTENDEE")]
    assert f"mailto:{persona('board_a').email}" in attendees
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert "Rathaus" in str(event["LOCATION"])

    # moving the meeting sends an update of the same entry
    mail.outbox.clear()
    later = session.starts_at + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        session = services.change_meeting(
            session, by=office(), starts_at=later, ends_at=later + datetime.timedelta(hours=2)
        )
    _send(session, invitations.REQUEST, "update")
    _part, calendar = _calendar(mail.outbox[0])
    event = _event(calendar)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt == later

    # a title change alone sends nothing and keeps the sequence
    session = services.change_meeting(session, by=office(), title="Neuer Titel")
    assert session.sequence == 1

    # cancelling sends CANCEL with a higher sequence
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = services.cancel_meeting(session, by=office())
    _send(session, invitations.CANCEL, "cancellation")
    part, calendar = _calendar(mail.outbox[0])
    event = _event(calendar)
    assert part.get_param("method") == "CANCEL"
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 2
    assert "abgesagt" in mail.outbox[0].body


def test_a_member_without_email_is_named_and_the_others_are_invited(persona: Persona) -> None:
    board = cottbus_board()
    services.add_member(board, by=office(), name="Kemal Arslan", purpose="Einladungen")
    invited = services.invite(meeting(board), by=office())
    assert [m.display_name for m in invited.without_email] == ["Kemal Arslan"]
    assert len(invited.sent_to) == 2


def test_confidential_items_stay_out_of_the_mail(persona: Persona) -> None:
    board = cottbus_board()
    session = meeting(board)
    services.add_agenda_item(session, by=office(), title="Öffentlicher Punkt")
    services.add_agenda_item(session, by=office(), title="Geheimer Punkt", confidential=True)
    services.invite(session, by=office())
    _send(session, invitations.REQUEST, "invitation")
    body = mail.outbox[0].body
    assert "Öffentlicher Punkt" in body
    assert "Geheimer Punkt" not in body
    assert "1 vertraulicher Punkt" in body


def test_the_view_names_members_without_email(client: object, login: object) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    board = cottbus_board()
    services.add_member(board, by=office(), name="Kemal Arslan", purpose="Einladungen")
    session = meeting(board)
    login("office")  # type: ignore[operator]
    url = f"/gremien/{board.pk}/sitzungen/{session.pk}/einladen/"
    response = client.post(url, follow=True)
    text = response.content.decode()
    assert "Kemal Arslan" in text
    assert "keine E-Mail-Adresse" in text
