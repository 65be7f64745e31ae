"""Writes of supervision: each takes the acting person, runs atomically and audits.

The audit log records that a note was written or changed, never its text; bookings and slots
are named there without people (`__str__` of the models).
"""

from __future__ import annotations

import datetime
import uuid
from functools import partial
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.core.moments import backdate

from .jobs import send_booking_mails, send_slot_mails
from .models import Booking, PoolRules, SessionNote, Slot
from .predicates import forget_bookings, is_supervisor, may_book

MAX_OCCURRENCES = 26


class Repeat:
    NONE = ""
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    DAYS = {NONE: 0, WEEKLY: 7, FORTNIGHTLY: 14}


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# The pool's rules ----------------------------------------------------------------------------


class RulesFields(TypedDict, total=False):
    cancellation_hours: int
    note_for_supervisees: str


@transaction.atomic
def change_pool_rules(*, by: User, **changes: Unpack[RulesFields]) -> PoolRules:
    return save_audited(assign(stored(PoolRules.current()), changes), by=by)


# Slots --------------------------------------------------------------------------------------


def _check_slot(slot: Slot, *, now: datetime.datetime) -> None:
    errors: dict[str, list[str]] = {}
    if slot.starts_at and slot.starts_at <= now:
        errors["starts_at"] = [_("The slot lies in the past. Please choose a time from now on.")]
    if slot.starts_at and slot.ends_at and slot.ends_at <= slot.starts_at:
        errors["ends_at"] = [_("The session must end after it starts.")]
    elif (
        slot.starts_at
        and slot.ends_at
        and slot.ends_at - slot.starts_at > datetime.timedelta(hours=12)
    ):
        errors["ends_at"] = [_("A session lasts at most twelve hours.")]
    if not slot.place.strip() and not slot.online_link.strip():
        errors["place"] = [_("Please enter a place or an online link.")]
    if slot.kind == Slot.Kind.INDIVIDUAL:
        slot.capacity = 1
    elif slot.capacity < 2:
        errors["capacity"] = [_("A group session has at least two places.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def offer_slots(
    *,
    by: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str = Slot.Kind.INDIVIDUAL,
    capacity: int = 1,
    place: str = "",
    online_link: str = "",
    topic: str = "",
    repeat: str = Repeat.NONE,
    occurrences: int = 1,
    at: datetime.datetime | None = None,
) -> list[Slot]:
    """Offer one slot, or a weekly or fortnightly series of `occurrences` slots at the same time
    of day (in Berlin time, across a change of daylight saving time)."""
    if not is_supervisor(by):
        raise PermissionDenied
    now = at or timezone.now()
    step = Repeat.DAYS.get(repeat)
    if step is None:
        raise ValidationError({"repeat": _("Please choose how the slot repeats.")})
    if not 1 <= occurrences <= MAX_OCCURRENCES:
        raise ValidationError(
            {"occurrences": _("A series has 1 to %(max)s dates.") % {"max": MAX_OCCURRENCES}}
        )
    if not step:
        occurrences = 1
    series = uuid.uuid4() if occurrences > 1 else None
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    slots = []
    for index in range(occurrences):
        shift = datetime.timedelta(days=step * index)
        slot = Slot(
            supervisor=by,
            kind=kind,
            capacity=capacity,
            starts_at=_same_wall_time(start, shift),
            ends_at=_same_wall_time(end, shift),
            place=place,
            online_link=online_link,
            topic=topic,
            series=series,
        )
        _check_slot(slot, now=now)
        slots.append(save_audited(slot, by=by))
    return slots


def _same_wall_time(moment: datetime.datetime, shift: datetime.timedelta) -> datetime.datetime:
    naive = moment.replace(tzinfo=None) + shift
    return timezone.make_aware(naive, timezone.get_current_timezone())


class SlotFields(TypedDict, total=False):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    place: str
    online_link: str
    topic: str


TIME_AND_PLACE = ("starts_at", "ends_at", "place", "online_link")


def _locked(slot: Slot) -> Slot:
    return Slot.objects.select_for_update().get(pk=slot.pk)


@transaction.atomic
def change_slot(slot: Slot, *, by: User, **changes: Unpack[SlotFields]) -> Slot:
    """Change time, place, places or topic of a slot to come; the people booked get the change
    as an update of their calendar entry."""
    slot = _locked(slot)
    if slot.is_cancelled:
        raise ValidationError(_("This slot has been cancelled and can no longer be changed."))
    if slot.is_past:
        raise ValidationError(_("This session is over and can no longer be changed."))
    before = {name: getattr(slot, name) for name in TIME_AND_PLACE}
    assign(slot, changes)
    _check_slot(slot, now=timezone.now())
    booked = slot.bookings.active().count()
    if slot.capacity < booked:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s people have booked this slot; it needs at least as many places."
                )
                % {"count": booked}
            }
        )
    moved = any(getattr(slot, name) != value for name, value in before.items())
    if moved and booked:
        slot.sequence += 1
        slot.bookings.active().update(sequence=F("sequence") + 1)
    save_audited(slot, by=by)
    if moved and booked:
        _queue(send_slot_mails, slot.pk, "changed")
    return slot


@transaction.atomic
def cancel_slot(slot: Slot, *, by: User) -> Slot:
    """Cancel a slot; the people booked and the supervisor get the cancellation. Their bookings
    stay as they were, so that each still finds the cancelled session among their own."""
    slot = _locked(slot)
    if slot.is_cancelled:
        return slot
    if slot.is_past:
        raise ValidationError(_("This session is over and can no longer be cancelled."))
    slot.cancelled_at = timezone.now()
    slot.sequence += 1
    slot.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    slot.bookings.active().update(sequence=F("sequence") + 1)
    record(by=by, action=AuditAction.UPDATE, obj=slot, changes={"cancelled": [False, True]})
    _queue(send_slot_mails, slot.pk, "cancelled")
    return slot


# Bookings -----------------------------------------------------------------------------------


def _queue(job: object, *args: object) -> None:
    transaction.on_commit(partial(job.enqueue, *args), robust=True)  # type: ignore[attr-defined]


@transaction.atomic
def book(slot: Slot, *, by: User, at: datetime.datetime | None = None) -> Booking:
    """Book a place. The slot's row is locked while the places are counted, so that of two
    people booking the last place at once exactly one gets it. `at`: when the booking was made
    (the demo's history); the audit line keeps the real time."""
    if not may_book(by):
        raise PermissionDenied
    slot = _locked(slot)
    if slot.supervisor_id == by.pk:
        raise ValidationError(_("You cannot book your own slot."))
    if slot.is_cancelled:
        raise ValidationError(_("This slot has been cancelled."))
    if slot.starts_at <= (at or timezone.now()):
        raise ValidationError(_("This slot has already begun or is over."))
    active = slot.bookings.active()
    if active.filter(supervisee=by).exists():
        raise ValidationError(_("You have already booked this slot."))
    if active.count() >= slot.capacity:
        raise ValidationError(
            _("Someone else has just booked the last place of this slot. Please choose another.")
        )
    booking = save_audited(Booking(slot=slot, supervisee=by), by=by)
    backdate(booking, "booked_at", at)
    slot.sequence += 1
    slot.save(update_fields=["sequence", "updated_at"])
    forget_bookings(by)
    if at is None:  # a booking entered afterwards (the demo's history) confirms nothing
        _queue(send_booking_mails, booking.pk, "booked")
    return booking


@transaction.atomic
def cancel_booking(booking: Booking, *, by: User, at: datetime.datetime | None = None) -> Booking:
    """Cancel one's own booking until the pool's deadline; after it the booking stays and the
    answer says until when cancelling was possible and whom to tell."""
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if booking.supervisee_id != by.pk:
        raise PermissionDenied
    if not booking.is_active:
        raise ValidationError(_("This booking has already been cancelled."))
    slot = booking.slot
    deadline = slot.cancellation_deadline()
    if (at or timezone.now()) > deadline:
        raise ValidationError(
            _(
                "The booking can no longer be cancelled: the deadline was %(deadline)s. "
                "Your booking stays. If you cannot come, please tell your supervisor directly."
            )
            % {"deadline": _when(deadline)}
        )
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "sequence"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=booking,
        changes={"status": [Booking.Status.BOOKED, Booking.Status.CANCELLED]},
    )
    Slot.objects.filter(pk=slot.pk).update(sequence=F("sequence") + 1)
    forget_bookings(by)
    _queue(send_booking_mails, booking.pk, "cancelled")
    return booking


# Notes --------------------------------------------------------------------------------------


def _note_without_text(note: SessionNote) -> dict[str, object]:
    """What the audit log may know of a note: the session, not a word of the text."""
    return {"slot": note.slot_id}


@transaction.atomic
def add_note(slot: Slot, *, by: User, text: str) -> SessionNote:
    if slot.supervisor_id != by.pk:
        raise PermissionDenied
    if slot.is_cancelled:
        raise ValidationError(_("This slot has been cancelled."))
    note = SessionNote(slot=slot, author=by, text=text)
    return save_audited(note, by=by, snapshot=_note_without_text)


@transaction.atomic
def change_note(note: SessionNote, *, by: User, text: str) -> SessionNote:
    note = stored(note)
    if note.author_id != by.pk:
        raise PermissionDenied
    changed = note.text != text
    note.text = text
    return save_audited(
        note,
        by=by,
        snapshot=_note_without_text,
        changes={"text": _("changed")} if changed else None,
    )
