"""The completion rule of a cohort, as pure functions (tested with hypothesis).

A participant completes when every session of the cohort has taken place, they were present at
no fewer than the cohort's share of all its sessions (rounded up: 80 % of 9 sessions is 8), and —
where the cohort asks for one — a trainer accepted their practice project. Only "present" counts:
an excused absence is noted, but it is no attendance (docs/decisions/0027).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Standing(StrEnum):
    COMPLETED = "completed"
    ON_TRACK = "on_track"  # the rule can still be met
    OUT_OF_REACH = "out_of_reach"  # too many sessions missed to reach the share


@dataclass(frozen=True)
class CompletionRule:
    min_attendance_percent: int
    requires_project: bool

    def required_sessions(self, total: int) -> int:
        """How many of `total` sessions a participant must attend (the share, rounded up)."""
        return -(-total * self.min_attendance_percent // 100)


@dataclass(frozen=True)
class Progress:
    """Where one participant stands against the rule of their cohort."""

    rule: CompletionRule
    total: int  # sessions of the cohort
    held: int  # of them, begun by now
    present: int
    excused: int
    absent: int
    project_accepted: bool

    @property
    def required(self) -> int:
        return self.rule.required_sessions(self.total)

    @property
    def unrecorded(self) -> int:
        """Sessions held for which no attendance is recorded yet."""
        return self.held - self.present - self.excused - self.absent

    @property
    def attendance_met(self) -> bool:
        return self.total > 0 and self.present >= self.required

    @property
    def attendance_reachable(self) -> bool:
        """Whether the share can still be reached: sessions to come and unrecorded ones may count."""
        return self.total > 0 and self.present + (self.total - self.held) + self.unrecorded >= (
            self.required
        )

    @property
    def project_met(self) -> bool:
        return self.project_accepted or not self.rule.requires_project

    @property
    def attendance_percent(self) -> int:
        """The share of the sessions held so far that the participant attended."""
        return round(100 * self.present / self.held) if self.held else 0

    @property
    def standing(self) -> Standing:
        if self.held == self.total and self.attendance_met and self.project_met:
            return Standing.COMPLETED
        if not self.attendance_reachable:
            return Standing.OUT_OF_REACH
        return Standing.ON_TRACK

    @property
    def completed(self) -> bool:
        return self.standing == Standing.COMPLETED


def progress(
    rule: CompletionRule,
    *,
    total: int,
    held: int,
    statuses: Iterable[str],
    project_accepted: bool,
) -> Progress:
    """The progress of a participant whose recorded attendance is `statuses` (one per session)."""
    counted = list(statuses)
    return Progress(
        rule=rule,
        total=total,
        held=held,
        present=counted.count("present"),
        excused=counted.count("excused"),
        absent=counted.count("absent"),
        project_accepted=project_accepted,
    )
