"""Network events (exchanges, conferences, trainings of the network)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from kokoma.network.models import Event

from ..base import READ, Page, PageQuery, acting_user, paginate, reach

router = Router(tags=["network"], auth=READ)


class EventOut(Schema):
    id: int
    uid: uuid.UUID
    title: str
    kind: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    capacity: int | None
    registration_open: bool
    registration_deadline: datetime.date | None


class EventFilters(Schema):
    when: Literal["upcoming", "past"] | None = Field(
        None, description=gettext_noop("Upcoming or past only")
    )


@router.get("/events", response=Page[EventOut], summary=gettext_noop("List network events"))
def list_events(
    request: HttpRequest, filters: Query[EventFilters], page: Query[PageQuery]
) -> dict[str, Any]:
    queryset = Event.objects.visible_to(acting_user(request))
    if filters.when == "upcoming":
        queryset = queryset.upcoming()
    elif filters.when == "past":
        queryset = queryset.past()
    else:
        queryset = queryset.order_by("-starts_at", "-pk")
    return paginate(queryset, page)


@router.get("/events/{event_id}", response=EventOut, summary=gettext_noop("One network event"))
def get_event(request: HttpRequest, event_id: int) -> Event:
    user = acting_user(request)
    return reach(Event.objects.visible_to(user), user, "network.view_event", pk=event_id)
