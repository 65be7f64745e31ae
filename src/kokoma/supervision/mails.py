"""Confirmations by e-mail, each with the session as an iCalendar object.

Two calendar entries exist for one session: the supervisor's (the slot's UID, with everybody
booked as attendees) and each supervisee's own (the booking's UID, with the supervisor only), so
that nobody's calendar shows the other supervisees of a group. A booking sends REQUEST to both;
a cancelled booking sends CANCEL to the supervisee and an update to the supervisor; a cancelled
slot sends CANCEL to everybody. No mail carries a note.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.core.links import absolute_url
from kokoma.tasks.invitations import (
    CANCEL,
    REQUEST,
    Attendee,
    Invitation,
    build_ical,
    ical_attachment,
)

from .models import Booking, Slot


def slot_path(slot: Slot) -> str:
    return reverse("supervision:slot_detail", kwargs={"slot_id": slot.pk})


def _summary(slot: Slot) -> str:
    return (
        f"{slot.get_kind_display()}: {slot.topic}" if slot.topic else str(slot.get_kind_display())
    )


def _invitation(slot: Slot, *, uid: str, sequence: int, attendees: list[User]) -> Invitation:
    return Invitation(
        uid=uid,
        sequence=sequence,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=_("Supervision") + " – " + _summary(slot),
        path=slot_path(slot),
        organizer=str(slot.supervisor),
        location=slot.place or slot.online_link,
        description=slot.online_link,
        attendees=[Attendee(person.email, str(person)) for person in attendees if person.email],
        prodid="-//KoKoMa//Supervision//DE",
    )


def supervisor_ical(slot: Slot, *, method: str) -> bytes:
    people = [booking.supervisee for booking in slot.bookings.active().select_related("supervisee")]
    invitation = _invitation(slot, uid=slot.uid, sequence=slot.sequence, attendees=people)
    return build_ical(invitation, method=method)


def supervisee_ical(booking: Booking, *, method: str) -> bytes:
    slot = booking.slot
    invitation = _invitation(
        slot,
        uid=f"{slot.uid}-booking-{booking.pk}",
        sequence=booking.sequence,
        attendees=[booking.supervisee],
    )
    return build_ical(invitation, method=method)


def _send(to: User, template: str, context: dict[str, object], ical: bytes, method: str) -> int:
    if not to.is_active or not to.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"supervision/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"supervision/email/{template}.txt", context)
    mail = EmailMessage(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [to.email])
    mail.attach(ical_attachment(ical, method, filename="supervision.ics"))
    return mail.send()


def send_booking_mails(booking_id: int, kind: str) -> int:
    """`kind`: booked or cancelled. Returns the number of mails sent."""
    booking = (
        Booking.objects.select_related("slot__supervisor", "supervisee")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return 0
    slot = booking.slot
    method = REQUEST if kind == "booked" else CANCEL
    context = {
        "slot": slot,
        "kind": kind,
        "supervisee": booking.supervisee,
        "url": absolute_url(slot_path(slot)),
    }
    sent = _send(
        booking.supervisee, "booking", context, supervisee_ical(booking, method=method), method
    )
    sent += _send(
        slot.supervisor,
        "booking_supervisor",
        {**context, "booked": slot.bookings.active().count()},
        supervisor_ical(slot, method=REQUEST),
        REQUEST,
    )
    return sent


def send_slot_mails(slot_id: int, kind: str) -> int:
    """`kind`: changed or cancelled; to the supervisor and everybody booked."""
    slot = Slot.objects.select_related("supervisor").filter(pk=slot_id).first()
    if slot is None:
        return 0
    method = CANCEL if kind == "cancelled" else REQUEST
    context = {"slot": slot, "kind": kind, "url": absolute_url(slot_path(slot))}
    sent = _send(slot.supervisor, "slot", context, supervisor_ical(slot, method=method), method)
    for booking in slot.bookings.active().select_related("supervisee"):
        booking.slot = slot
        sent += _send(
            booking.supervisee, "slot", context, supervisee_ical(booking, method=method), method
        )
    return sent
