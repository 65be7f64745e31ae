"""The alert detectors as pure functions over plain data (no database), testable alone.

A trajectory is the list of whole-case Glasl assessments of one case as (date, stage) points in
the order they were recorded (by date, then by id); several points may share a date.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[datetime.date, int]


@dataclass(frozen=True)
class Climb:
    """A case reached `to_stage` on `on`, at least N stages above `from_stage` (on `from_on`)."""

    on: datetime.date
    to_stage: int
    from_on: datetime.date
    from_stage: int


@dataclass(frozen=True)
class Crossing:
    """A case crossed into `threshold` or above on `on` (`from_stage` None: first assessment)."""

    on: datetime.date
    to_stage: int
    from_stage: int | None


@dataclass(frozen=True)
class BusyWeek:
    iso_year: int
    iso_week: int
    count: int

    @property
    def monday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.iso_year, self.iso_week, 1)


def climbs(points: Sequence[Point], *, stages: int, window_days: int) -> list[Climb]:
    """Each assessment at least `stages` above the lowest assessment of the window (earlier
    points at most `window_days` days before it, inclusive) that is also a new peak since that
    lowest point (its most recent occurrence). Measuring from the trough means that falling and
    rising again counts as a climb; the new-peak condition means a plateau or a wobble on the way
    up does not raise the same climb twice."""
    found = []
    for index, (day, stage) in enumerate(points):
        window = [
            position for position in range(index) if (day - points[position][0]).days <= window_days
        ]
        if not window:
            continue
        low_stage = min(points[position][1] for position in window)
        low = max(position for position in window if points[position][1] == low_stage)
        since_low = points[low + 1 : index]
        if stage - low_stage >= stages and all(other < stage for _, other in since_low):
            found.append(
                Climb(on=day, to_stage=stage, from_on=points[low][0], from_stage=low_stage)
            )
    return found


def crossings(points: Sequence[Point], *, threshold: int) -> list[Crossing]:
    """Each assessment at or above `threshold` whose predecessor was below it; a first
    assessment already at or above it counts as a crossing (the case enters the platform there)."""
    found = []
    previous: int | None = None
    for day, stage in points:
        if stage >= threshold and (previous is None or previous < threshold):
            found.append(Crossing(on=day, to_stage=stage, from_stage=previous))
        previous = stage
    return found


def iso_week(day: datetime.date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def busy_weeks(dates: Iterable[datetime.date], *, threshold: int) -> list[BusyWeek]:
    """The ISO calendar weeks with more than `threshold` dates, in calendar order."""
    counts = Counter(iso_week(day) for day in dates)
    return [
        BusyWeek(iso_year=year, iso_week=week, count=count)
        for (year, week), count in sorted(counts.items())
        if count > threshold
    ]


def reached_level(days_overdue: int, levels: Iterable[tuple[int, int]]) -> int | None:
    """The highest escalation level (position, days overdue) that `days_overdue` has reached."""
    reached = [(days, position) for position, days in levels if days_overdue >= days]
    return max(reached)[1] if reached else None
