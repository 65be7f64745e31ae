"""Slots, bookings and notes for the supervision tests, made through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.supervision import services
from kokoma.supervision.models import Booking, SessionNote, Slot

from ..conftest import demo_user

NOTE_CANARY = "Vertraulich-Kanarienvogel-7Q"


def supervisor() -> User:
    return demo_user("supervision")


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=int(days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def slot(
    *,
    by: User | None = None,
    days: float = 10,
    kind: str = Slot.Kind.GROUP,
    capacity: int = 3,
    topic: str = "",
    minutes: int = 90,
) -> Slot:
    start = in_days(days)
    (made,) = services.offer_slots(
        by=by or supervisor(),
        kind=kind,
        capacity=capacity if kind == Slot.Kind.GROUP else 1,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        place="Servicestelle, Raum 2",
        topic=topic,
    )
    return made


def past_session(
    *,
    days_ago: int,
    booked: list[User],
    kind: str = Slot.Kind.INDIVIDUAL,
    by: User | None = None,
    hours: float = 1.5,
) -> Slot:
    """A session that took place: offered and booked beforehand (`at=`)."""
    by = by or supervisor()
    start = in_days(-days_ago)
    offered = start - datetime.timedelta(days=14)
    (made,) = services.offer_slots(
        by=by,
        kind=kind,
        capacity=1 if kind == Slot.Kind.INDIVIDUAL else 6,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        online_link="https://video.example/s",
        at=offered,
    )
    for person in booked:
        services.book(made, by=person, at=offered + datetime.timedelta(hours=1))
    return made


def book(target: Slot, person: User) -> Booking:
    return services.book(target, by=person)


def note(target: Slot, text: str = NOTE_CANARY) -> SessionNote:
    return services.add_note(target, by=target.supervisor, text=text)
