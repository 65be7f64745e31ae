"""Invitations to a meeting by e-mail, each carrying an iCalendar object (RFC 5545/5546).

An invitation and every update are METHOD:REQUEST with the meeting's stable UID and a SEQUENCE
that grows with each change sent; a cancellation is METHOD:CANCEL with STATUS:CANCELLED. Calendar
clients then update or remove the one entry instead of adding a second. The iCalendar object
itself is written by `kokoma.tasks.invitations`, which supervision shares.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kokoma.core.links import absolute_url
from kokoma.tasks.invitations import CANCEL, REQUEST, Attendee, Invitation, ical_attachment
from kokoma.tasks.invitations import build_ical as build_invitation

from .models import BoardMember, Meeting

__all__ = ["CANCEL", "REQUEST", "build_ical", "recipients", "send_meeting_mails"]


def meeting_url(meeting: Meeting) -> str:
    return reverse(
        "boards:meeting_detail", kwargs={"board_id": meeting.board_id, "meeting_id": meeting.pk}
    )


def recipients(meeting: Meeting) -> tuple[list[BoardMember], list[BoardMember]]:
    """The board's active members with an e-mail address, and those without one."""
    members = list(meeting.board.members.active().select_related("user"))
    with_email = [member for member in members if member.contact_email]
    return with_email, [member for member in members if not member.contact_email]


def build_ical(meeting: Meeting, *, method: str, attendees: list[BoardMember]) -> bytes:
    chair = BoardMember.Function.CHAIR
    return build_invitation(
        Invitation(
            uid=meeting.uid,
            sequence=meeting.sequence,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            summary=f"{meeting.board.name}: {meeting.title}",
            path=meeting_url(meeting),
            organizer=meeting.board.name,
            location=meeting.place or meeting.online_link,
            description=meeting.online_link,
            attendees=[
                Attendee(
                    member.contact_email,
                    member.display_name,
                    "CHAIR" if member.function == chair else "REQ-PARTICIPANT",
                )
                for member in attendees
            ],
            prodid="-//KoKoMa//Gremien//DE",
        ),
        method=method,
    )


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
        mail.attach(ical_attachment(ical, method))
        sent += mail.send()
    return sent
