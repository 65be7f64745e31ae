"""The boards' items in the personal iCal feed (registered in `BoardsConfig.ready`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.tasks.calendar import CalendarItem

from .models import Meeting, Resolution

# Meetings up to this long ago stay in the feed, so that a client keeps the recent past.
PAST_DAYS = 90


def meeting_items(user: User) -> Iterator[CalendarItem]:
    """The meetings of the boards the person is an active member of, timed; cancelled ones are
    kept (marked cancelled) so that a client removes them rather than keeping a stale copy."""
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    meetings = (
        Meeting.objects.filter(
            board__members__user=user,
            board__members__left_on__isnull=True,
            ends_at__gte=since,
        )
        .select_related("board")
        .distinct()
    )
    for meeting in meetings:
        yield CalendarItem(
            uid=meeting.uid,
            summary=f"{meeting.board.name}: {meeting.title}",
            date=timezone.localdate(meeting.starts_at),
            path=reverse(
                "boards:meeting_detail",
                kwargs={"board_id": meeting.board_id, "meeting_id": meeting.pk},
            ),
            description=" · ".join(filter(None, [meeting.place, meeting.online_link])),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            cancelled=meeting.is_cancelled,
        )


def resolution_items(user: User) -> Iterator[CalendarItem]:
    """Pending resolutions the person is responsible for that have no task (the inter-municipal
    board's: docs/decisions/0026); those with a task are in the feed as the task."""
    resolutions = (
        Resolution.objects.pending()
        .filter(responsible=user, task__isnull=True, due_on__isnull=False)
        .select_related("item__meeting__board")
    )
    for resolution in resolutions:
        if resolution.due_on is None:  # excluded by the query; narrows the type
            continue
        board = resolution.item.meeting.board
        yield CalendarItem(
            uid=f"board-resolution-{resolution.pk}",
            summary=_("Board follow-up: %(text)s") % {"text": str(resolution)},
            date=resolution.due_on,
            path=reverse("boards:detail", kwargs={"board_id": board.pk}),
            description=board.name,
        )
