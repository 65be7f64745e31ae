"""Invitations to a meeting by e-mail, each carrying an iCalendar object (RFC 5545/5546).

An invitation and every update are METHOD:REQUEST with the meeting's stable UID and a SEQUENCE
that grows with each change sent; a cancellation is METHOD:CANCEL with STATUS:CANCELLED. Calendar
clients then update or remove the one entry instead of adding a second.
"""

from __future__ import annotations

import datetime
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar, Event, vCalAddress, vText

from kokoma.core.links import absolute_url, site_domain
from kokoma.tasks.calendar import ical_text

from .models import BoardMember, Meeting

REQUEST, CANCEL = "REQUEST", "CANCEL"


def meeting_url(meeting: Meeting) -> str:
    return reverse(
        "boards:meeting_detail", kwargs={"board_id": meeting.board_id, "meeting_id": meeting.pk}
    )


def recipients(meeting: Meeting) -> tuple[list[BoardMember], list[BoardMember]]:
    """The board's active members with an e-mail address, and those without one."""
    members = list(meeting.board.members.active().select_related("user"))
    with_email = [member for member in members if member.contact_email]
    return with_email, [member for member in members if not member.contact_email]


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(ical_text(name))
    return address


def build_ical(meeting: Meeting, *, method: str, attendees: list[BoardMember]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//KoKoMa//Gremien//DE")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{meeting.uid}@{site_domain() or 'kokoma'}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", ical_text(f"{meeting.board.name}: {meeting.title}"))
    location = meeting.place or meeting.online_link
    if location:
        event.add("location", ical_text(location))
    event.add("url", absolute_url(meeting_url(meeting)))
    if meeting.online_link:
        event.add("description", ical_text(meeting.online_link))
    event.add("organizer", _address(settings.DEFAULT_FROM_EMAIL, meeting.board.name))
    for member in attendees:
        attendee = _address(member.contact_email, member.display_name)
        attendee.params["role"] = vText(
            "CHAIR" if member.function == BoardMember.Function.CHAIR else "REQ-PARTICIPANT"
        )
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def _attachment(ical: bytes, method: str) -> MIMEText:
    part = MIMEText(ical.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="einladung.ics")
    return part


def send_meeting_mails(meeting_id: int, method: str, kind: str) -> int:
    """Mail the meeting to every active member with an address; `kind` is invitation, update
    or cancellation. Returns the number of mails sent."""
    meeting = (
        Meeting.objects.select_related("board")
        .prefetch_related("items")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return 0
    attendees, _without = recipients(meeting)
    if not attendees:
        return 0
    ical = build_ical(meeting, method=method, attendees=attendees)
    context = {
        "meeting": meeting,
        "kind": kind,
        "url": absolute_url(meeting_url(meeting)),
        # The mail reaches external members too: confidential items stay behind the login.
        "items": [item for item in meeting.items.all() if not item.confidential],
        "confidential_count": sum(1 for item in meeting.items.all() if item.confidential),
    }
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("boards/email/meeting_subject.txt", context).split())
        body = render_to_string("boards/email/meeting.txt", context)
    for member in attendees:
        mail = EmailMessage(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [member.contact_email]
        )
        mail.attach(_attachment(ical, method))
        sent += mail.send()
    return sent
