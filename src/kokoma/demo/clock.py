"""The demo's sense of time: every date is counted back from the day the demo is loaded, so that
the history of months stays current whenever `load_demo` runs."""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass, field

from django.utils import timezone

OFFICE_START_MINUTES = 8 * 60  # 8:00
OFFICE_MINUTES = 8 * 60  # until 16:00


@dataclass(frozen=True)
class Clock:
    now: datetime.datetime = field(default_factory=timezone.now)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def day(self, days_ago: int) -> datetime.date:
        """The date `days_ago` days before today (negative: in the future)."""
        return self.today - datetime.timedelta(days=days_ago)

    def at(self, days_ago: int, seed: str) -> datetime.datetime:
        """A moment in office hours `days_ago` days back, never later than now.

        The time of day follows from `seed` (a stable hash, unlike `hash()`), so that a history
        does not show every entry at the minute the demo was loaded.
        """
        minutes = OFFICE_START_MINUTES + zlib.crc32(seed.encode()) % OFFICE_MINUTES
        moment = datetime.datetime.combine(
            self.day(days_ago),
            datetime.time(minutes // 60, minutes % 60),
            tzinfo=timezone.get_current_timezone(),
        )
        return min(moment, self.now)
