"""Supervision sessions in the personal iCal feed (registered in `SupervisionConfig.ready`): the
supervisor's booked slots, and each supervisee's booked sessions. The same UIDs as the mails'
calendar entries, so that a client holding both keeps one entry. No note is in the feed."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.tasks.calendar import CalendarItem

from .mails import slot_path
from .models import Booking, Slot

PAST_DAYS = 90


def _item(slot: Slot, uid: str, *, cancelled: bool) -> CalendarItem:
    summary = _("Supervision") + " – " + str(slot.get_kind_display())
    if slot.topic:
        summary += f": {slot.topic}"
    return CalendarItem(
        uid=uid,
        summary=summary,
        date=timezone.localdate(slot.starts_at),
        path=slot_path(slot),
        description=" · ".join(filter(None, [str(slot.supervisor), slot.place, slot.online_link])),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        cancelled=cancelled,
    )


def session_items(user: User) -> Iterator[CalendarItem]:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    booked = Booking.objects.active().filter(slot=OuterRef("pk"))
    own = (
        Slot.objects.filter(supervisor=user, ends_at__gte=since)
        .filter(Exists(booked))
        .select_related("supervisor")
    )
    for slot in own:
        yield _item(slot, slot.uid, cancelled=slot.is_cancelled)
    bookings = Booking.objects.filter(supervisee=user, slot__ends_at__gte=since).select_related(
        "slot__supervisor"
    )
    for booking in bookings:
        slot = booking.slot
        yield _item(
            slot,
            f"{slot.uid}-booking-{booking.pk}",
            cancelled=slot.is_cancelled or not booking.is_active,
        )
