"""Events and registrations for the network tests, made through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.network import services
from kokoma.network.models import Event, EventKind

from ..conftest import demo_user


def office() -> User:
    return demo_user("servicestelle")


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=int(days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def event(
    *,
    by: User | None = None,
    days: float = 20,
    capacity: int | None = 2,
    title: str = "Netzwerktreffen Test",
    **fields: Any,
) -> Event:
    start = in_days(days)
    values: dict[str, Any] = {
        "title": title,
        "kind": EventKind.NETWORK_MEETING,
        "summary": "Austausch der Kommunen",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=6),
        "place": "Tagungshaus, Saal 1",
        "capacity": capacity,
        **fields,
    }
    return services.create_event(by=by or office(), **values)


def past_event(*, by: User | None = None, days_ago: int = 10, **fields: Any) -> Event:
    """An event that took place: created beforehand, then moved into the past."""
    made = event(by=by, **fields)
    start = in_days(-days_ago)
    Event.objects.filter(pk=made.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=6)
    )
    made.refresh_from_db()
    return made
