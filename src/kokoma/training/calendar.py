"""The training's sessions in the personal iCal feed (registered in `TrainingConfig.ready`): a
participant's sessions of the cohorts they are enrolled in, a trainer's own sessions."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.tasks.calendar import CalendarItem

from .models import EnrolmentStatus, SessionFormat, TrainingSession

# Sessions up to this long ago stay in the feed, so that a client keeps the recent past.
PAST_DAYS = 90


def session_items(user: User) -> Iterator[CalendarItem]:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    sessions = (
        TrainingSession.objects.filter(ends_at__gte=since)
        .filter(
            Q(trainers=user)
            | Q(
                cohort__enrolments__participant=user,
                cohort__enrolments__status=EnrolmentStatus.APPROVED,
            )
        )
        .select_related("cohort")
        .distinct()
    )
    for session in sessions:
        yield CalendarItem(
            uid=session.uid,
            summary=f"{session.cohort.title}: {session.title}",
            date=timezone.localdate(session.starts_at),
            path=reverse(
                "training:session_detail",
                kwargs={"cohort_id": session.cohort_id, "session_id": session.pk},
            ),
            description=session.online_link
            if session.format == SessionFormat.ONLINE
            else session.place,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
        )
