"""What the supervision pages and the start page read: one function per page, a fixed number
of queries however many slots and bookings there are (pinned in tests)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch
from django.utils import timezone

from kokoma.accounts.models import User

from .models import Booking, PoolRules, Slot
from .predicates import is_supervisor, may_book

PAST_SHOWN = 20


@dataclass(frozen=True)
class MyBooking:
    booking: Booking
    slot: Slot
    deadline: datetime.datetime
    may_cancel: bool


def _with_supervisees(slots: Any) -> Any:
    return slots.with_booked().prefetch_related(
        Prefetch(
            "bookings",
            queryset=Booking.objects.active().select_related("supervisee"),
            to_attr="active_bookings",
        )
    )


def supervisor_slots(user: User) -> dict[str, list[Slot]]:
    own = Slot.objects.filter(supervisor=user)
    return {
        "upcoming": list(_with_supervisees(own.upcoming().order_by("starts_at"))),
        "past": list(_with_supervisees(own.past().order_by("-starts_at"))[:PAST_SHOWN]),
    }


def my_bookings(user: User, rules: PoolRules) -> dict[str, list[MyBooking]]:
    now = timezone.now()
    bookings = (
        Booking.objects.active()
        .filter(supervisee=user)
        .select_related("slot__supervisor")
        .order_by("slot__starts_at")
    )
    upcoming: list[MyBooking] = []
    past: list[MyBooking] = []
    for booking in bookings:
        deadline = booking.slot.cancellation_deadline(rules)
        entry = MyBooking(
            booking,
            booking.slot,
            deadline,
            may_cancel=now <= deadline and not booking.slot.is_cancelled,
        )
        (past if booking.slot.is_past else upcoming).append(entry)
    past.reverse()
    return {"upcoming": upcoming, "past": past[:PAST_SHOWN]}


def home_page(user: User) -> dict[str, Any]:
    rules = PoolRules.current()
    context: dict[str, Any] = {"rules": rules, "is_supervisor": is_supervisor(user)}
    if context["is_supervisor"]:
        context["slots"] = supervisor_slots(user)
    if may_book(user):
        context["bookings"] = my_bookings(user, rules)
    return context


def slot_page(slot: Slot, user: User) -> dict[str, Any]:
    rules = PoolRules.current()
    active = list(slot.bookings.active().select_related("supervisee"))
    mine = next((booking for booking in active if booking.supervisee_id == user.pk), None)
    deadline = slot.cancellation_deadline(rules)
    may_read = user.has_perm("supervision.read_notes", slot)
    return {
        "slot": slot,
        "rules": rules,
        "booked": len(active),
        "free": max(slot.capacity - len(active), 0),
        # The supervisor sees who is booked; a supervisee sees the group's size, not the names.
        "supervisees": active if user.has_perm("supervision.manage_slot", slot) else None,
        "my_booking": mine,
        "deadline": deadline,
        "may_cancel_booking": mine is not None and timezone.now() <= deadline,
        "may_book": (
            mine is None
            and not slot.is_cancelled
            and slot.starts_at > timezone.now()
            and len(active) < slot.capacity
            and user.has_perm("supervision.book_slot", slot)
        ),
        "may_manage": user.has_perm("supervision.manage_slot", slot),
        "may_write": user.has_perm("supervision.write_note", slot),
        "notes": list(slot.notes.select_related("author")) if may_read else None,
    }


def open_slots(user: User, *, kind: str = "", since: datetime.date | None = None) -> Any:
    slots = (
        Slot.objects.visible_to(user)
        .open_for_booking()
        .exclude(supervisor=user)
        # one subquery: exclude() over two conditions of a many-relation need not mean one row
        .exclude(pk__in=Booking.objects.active().filter(supervisee=user).values("slot_id"))
        .annotate(free=F("capacity") - F("booked"))
        .select_related("supervisor")
        .order_by("starts_at")
    )
    if kind:
        slots = slots.filter(kind=kind)
    if since:
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        slots = slots.filter(starts_at__gte=start)
    return slots


def start_panel(user: User) -> dict[str, Any] | None:
    """The start page's supervision panel: a supervisor's next slots with their bookings, a
    supervisee's next booked session; None for everybody else."""
    supervisor, booker = is_supervisor(user), may_book(user)
    if not supervisor and not booker:
        return None
    panel: dict[str, Any] = {"supervisor": supervisor, "booker": booker}
    if supervisor:
        panel["next_slots"] = list(
            _with_supervisees(
                Slot.objects.filter(supervisor=user).active().upcoming().order_by("starts_at")
            )[:5]
        )
    if booker:
        panel["next_booking"] = (
            Booking.objects.active()
            .filter(supervisee=user, slot__ends_at__gte=timezone.now())
            .select_related("slot__supervisor")
            .order_by("slot__starts_at")
            .first()
        )
    return panel
