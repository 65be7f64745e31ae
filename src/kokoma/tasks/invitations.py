"""Calendar invitations by e-mail (RFC 5545/5546), shared by every app that sends them.

An invitation and every update are METHOD:REQUEST with the event's stable UID and a SEQUENCE that
grows with each change sent; a cancellation is METHOD:CANCEL with STATUS:CANCELLED. Calendar
clients then update or remove the one entry instead of adding a second. The apps (boards'
meetings, supervision sessions) say what the event is; this module writes the iCalendar object
and the attachment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from email.mime.text import MIMEText

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from kokoma.core.links import absolute_url, site_domain

from .calendar import ical_text

REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    role: str = "REQ-PARTICIPANT"


@dataclass(frozen=True)
class Invitation:
    """One event as it is sent: `path` is the page in KoKoMa, `uid` stays for the event's life."""

    uid: str
    sequence: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    path: str
    organizer: str
    location: str = ""
    description: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    prodid: str = "-//KoKoMa//Kalender//DE"


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(ical_text(name))
    return address


def build_ical(invitation: Invitation, *, method: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", invitation.prodid)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{invitation.uid}@{site_domain() or 'kokoma'}")
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", invitation.starts_at.astimezone(datetime.UTC))
    event.add("dtend", invitation.ends_at.astimezone(datetime.UTC))
    event.add("summary", ical_text(invitation.summary))
    if invitation.location:
        event.add("location", ical_text(invitation.location))
    event.add("url", absolute_url(invitation.path))
    if invitation.description:
        event.add("description", ical_text(invitation.description))
    event.add("organizer", _address(settings.DEFAULT_FROM_EMAIL, invitation.organizer))
    for person in invitation.attendees:
        attendee = _address(person.email, person.name)
        attendee.params["role"] = vText(person.role)
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def ical_attachment(ical: bytes, method: str, filename: str = "einladung.ics") -> MIMEText:
    """The iCalendar object as a text/calendar part with its METHOD, ready for `mail.attach`."""
    part = MIMEText(ical.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part
