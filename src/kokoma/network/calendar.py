"""The network's events in the personal iCal feed (registered in `NetworkConfig.ready`): the
events a person registered for, and those they organise."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.tasks.calendar import CalendarItem

from .models import Event, RegistrationStatus

# Events up to this long ago stay in the feed, so that a client keeps the recent past.
PAST_DAYS = 90


def event_items(user: User) -> Iterator[CalendarItem]:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    events = (
        Event.objects.filter(ends_at__gte=since)
        .filter(
            Q(organisers=user)
            | Q(
                registrations__person=user,
                registrations__status=RegistrationStatus.REGISTERED,
            )
        )
        .distinct()
    )
    for event in events:
        yield CalendarItem(
            uid=str(event.uid),
            summary=event.title,
            date=timezone.localdate(event.starts_at),
            path=reverse("network:event_detail", kwargs={"event_id": event.pk}),
            description=event.online_link or event.place,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
