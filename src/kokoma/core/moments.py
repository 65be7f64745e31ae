"""When a write happened: now, unless the caller knows an earlier moment.

A service stamps its record with the time of the write. Some records are written after the fact
(the demo's history of months, a step change recorded the next morning); such a service takes the
moment as `at=` and passes it through these helpers. The audit log always keeps the real time.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone


def moment(at: datetime.datetime | None) -> datetime.datetime:
    """`at`, or now; nothing is recorded as having happened in the future."""
    now = timezone.now()
    if at is None:
        return now
    if timezone.is_naive(at):
        raise ValueError("A moment needs a time zone.")
    if at > now:
        raise ValueError(f"{at.isoformat()} lies in the future.")
    return at


def backdate(obj: models.Model, field: str, at: datetime.datetime | None) -> None:
    """Give a record that was just created the moment it happened.

    An `auto_now_add` field takes the time of saving whatever the instance holds, so the earlier
    moment is written right after the insert (nothing happens when `at` is None).
    """
    if at is None:
        return
    at = moment(at)
    type(obj)._default_manager.filter(pk=obj.pk).update(**{field: at})
    setattr(obj, field, at)
