"""Confirmations by e-mail with the session as iCalendar (RFC 5545/5546), parsed with `icalendar`:
REQUEST on booking, CANCEL on cancellation, stable UIDs and growing SEQUENCEs, German texts, no
note, and each supervisee's calendar without the other supervisees of a group."""

from __future__ import annotations

import datetime
from email.message import Message
from typing import Any

import pytest
from django.core import mail
from icalendar import Calendar
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.supervision import mails, services
from kokoma.supervision.models import Booking

from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db


def _calendar(message: mail.EmailMessage) -> tuple[Message, Any]:
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    calendar = Calendar.from_ical(payload)
    (event,) = calendar.walk("VEVENT")
    return parts[0], (calendar, event)


def _attendees(event: Any) -> list[str]:
    found = event.get("ATTENDEE")
    if found is None:
        return []
    return sorted(str(a) for a in (found if isinstance(found, list) else [found]))


def _to(address: str) -> mail.EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_a_booking_confirms_to_both_sides_with_a_request(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    slot = factories.slot(topic="Rollenklärung")
    factories.note(slot)
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book(slot, by=persona("local_a"))
    assert mail.outbox == []  # the mails go out from the background job
    assert mails.send_booking_mails(booking.pk, "booked") == 2

    supervisee = _to(persona("local_a").email)
    assert supervisee.subject.startswith("[KoKoMa] Buchung bestätigt: Supervision")
    assert "Sie haben diese Supervisionssitzung gebucht" in supervisee.body
    assert "Gruppensupervision – Rollenklärung" in supervisee.body
    assert "Servicestelle, Raum 2" in supervisee.body
    assert "/supervision/termine/" in supervisee.body
    part, (calendar, event) = _calendar(supervisee)
    assert part.get_param("method") == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]).startswith(f"{slot.uid}-booking-{booking.pk}@")
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].dt == slot.starts_at
    assert event["DTEND"].dt == slot.ends_at
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Servicestelle, Raum 2"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert event["ORGANIZER"].params["CN"] == str(persona("supervisor"))
    assert _attendees(event) == [f"mailto:{persona('local_a').email}"]

    supervisor = _to(persona("supervisor").email)
    assert supervisor.subject.startswith("[KoKoMa] Neue Buchung: Supervision")
    assert f"{persona('local_a')} hat Ihren Supervisionstermin gebucht" in supervisor.body
    assert "Jetzt gebucht: 1 von 3 Plätzen." in supervisor.body
    _part, (_cal, own) = _calendar(supervisor)
    assert str(own["UID"]).startswith(f"{slot.uid}@")
    for message in mail.outbox:
        assert factories.NOTE_CANARY not in message.body
        assert factories.NOTE_CANARY not in str(message.message())


def test_a_group_member_does_not_learn_who_else_booked(persona: Persona) -> None:
    slot = factories.slot()
    services.book(slot, by=persona("external"))
    booking = services.book(slot, by=persona("local_a"))
    mail.outbox.clear()
    mails.send_booking_mails(booking.pk, "booked")
    supervisee = _to(persona("local_a").email)
    assert persona("external").email not in str(supervisee.message())
    assert str(persona("external")) not in str(supervisee.message())
    # the supervisor's entry lists everybody booked
    _part, (_cal, event) = _calendar(_to(persona("supervisor").email))
    assert _attendees(event) == sorted(
        f"mailto:{persona(role).email}" for role in ("external", "local_a")
    )


def test_a_cancelled_booking_cancels_the_supervisees_entry_and_updates_the_supervisors(
    persona: Persona,
) -> None:
    slot = factories.slot()
    booking = services.book(slot, by=persona("local_a"))
    mails.send_booking_mails(booking.pk, "booked")
    _part, (_c, first) = _calendar(_to(persona("local_a").email))
    first_sequence = int(_calendar(_to(persona("supervisor").email))[1][1]["SEQUENCE"])
    mail.outbox.clear()
    services.cancel_booking(booking, by=persona("local_a"))
    mails.send_booking_mails(booking.pk, "cancelled")
    supervisee = _to(persona("local_a").email)
    assert "Buchung storniert" in supervisee.subject
    part, (calendar, event) = _calendar(supervisee)
    assert part.get_param("method") == "CANCEL" and calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == first["UID"]
    assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    supervisor = _to(persona("supervisor").email)
    assert f"{persona('local_a')} hat die Buchung Ihres Supervisionstermins storniert" in (
        supervisor.body
    )
    _part, (calendar, own) = _calendar(supervisor)
    assert calendar["METHOD"] == "REQUEST"
    assert int(own["SEQUENCE"]) > first_sequence
    assert _attendees(own) == []  # nobody booked any more


def test_a_cancelled_slot_cancels_everybodys_entry(persona: Persona) -> None:
    slot = factories.slot()
    booking = services.book(slot, by=persona("local_a"))
    mail.outbox.clear()
    services.cancel_slot(slot, by=persona("supervisor"))
    assert mails.send_slot_mails(slot.pk, "cancelled") == 2
    for role in ("local_a", "supervisor"):
        message = _to(persona(role).email)
        assert message.subject.startswith("[KoKoMa] Abgesagt: Supervision")
        assert "Diese Supervisionssitzung wurde abgesagt" in message.body
        _part, (calendar, event) = _calendar(message)
        assert calendar["METHOD"] == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
    _part, (_c, event) = _calendar(_to(persona("local_a").email))
    assert str(event["UID"]).startswith(f"{slot.uid}-booking-{booking.pk}@")


def test_a_moved_slot_is_sent_as_an_update_of_the_same_entries(persona: Persona) -> None:
    slot = factories.slot()
    booking = services.book(slot, by=persona("local_a"))
    later = slot.starts_at + datetime.timedelta(days=1)
    services.change_slot(
        slot, by=persona("supervisor"), starts_at=later, ends_at=later + datetime.timedelta(hours=1)
    )
    mail.outbox.clear()
    mails.send_slot_mails(slot.pk, "changed")
    message = _to(persona("local_a").email)
    assert "Geändert: Supervision" in message.subject
    _part, (calendar, event) = _calendar(message)
    assert calendar["METHOD"] == "REQUEST"
    assert event["DTSTART"].dt == later
    assert int(event["SEQUENCE"]) == Booking.objects.get(pk=booking.pk).sequence >= 1


def test_nothing_is_sent_for_what_no_longer_exists() -> None:
    assert mails.send_booking_mails(0, "booked") == 0
    assert mails.send_slot_mails(0, "cancelled") == 0
