"""The completion rule against an oracle written the other way round (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from kokoma.training.completion import CompletionRule, Standing, progress

STATUS = st.sampled_from(["present", "excused", "absent"])


@st.composite
def attendance(draw: st.DrawFn) -> tuple[CompletionRule, int, int, list[str], bool]:
    rule = CompletionRule(
        min_attendance_percent=draw(st.integers(0, 100)), requires_project=draw(st.booleans())
    )
    total = draw(st.integers(0, 20))
    held = draw(st.integers(0, total))
    recorded = draw(st.integers(0, held))
    statuses = draw(st.lists(STATUS, min_size=recorded, max_size=recorded))
    return rule, total, held, statuses, draw(st.booleans())


@given(attendance())
def test_a_participant_completes_exactly_when_the_rule_is_met(
    case: tuple[CompletionRule, int, int, list[str], bool],
) -> None:
    rule, total, held, statuses, accepted = case
    found = progress(rule, total=total, held=held, statuses=statuses, project_accepted=accepted)
    # the oracle: every session held, present at ≥ the share (as a fraction), the project if asked
    present = statuses.count("present")
    share_met = total > 0 and present >= math.ceil(total * rule.min_attendance_percent / 100)
    expected = held == total and share_met and (accepted or not rule.requires_project)
    assert found.completed is expected
    assert (found.standing == Standing.COMPLETED) is expected


@given(attendance())
def test_out_of_reach_means_even_every_remaining_session_would_not_do(
    case: tuple[CompletionRule, int, int, list[str], bool],
) -> None:
    rule, total, held, statuses, accepted = case
    found = progress(rule, total=total, held=held, statuses=statuses, project_accepted=accepted)
    best_case = statuses.count("present") + (total - len(statuses))
    needed = math.ceil(total * rule.min_attendance_percent / 100)
    if found.standing == Standing.OUT_OF_REACH:
        assert total == 0 or best_case < needed
    if total > 0 and best_case < needed:
        assert found.standing == Standing.OUT_OF_REACH


@given(attendance(), STATUS)
def test_one_more_presence_never_makes_the_standing_worse(
    case: tuple[CompletionRule, int, int, list[str], bool], status: str
) -> None:
    rule, total, held, statuses, accepted = case
    if len(statuses) == held:
        return  # nothing left to record
    before = progress(rule, total=total, held=held, statuses=statuses, project_accepted=accepted)
    after = progress(
        rule, total=total, held=held, statuses=[*statuses, "present"], project_accepted=accepted
    )
    assert after.present == before.present + 1
    assert after.attendance_met or not before.attendance_met
    assert after.attendance_reachable or not before.attendance_reachable


def test_eighty_percent_of_nine_sessions_is_eight() -> None:
    rule = CompletionRule(min_attendance_percent=80, requires_project=False)
    assert rule.required_sessions(9) == 8
    assert rule.required_sessions(10) == 8
    assert rule.required_sessions(0) == 0


def test_an_excused_absence_is_no_attendance() -> None:
    rule = CompletionRule(min_attendance_percent=100, requires_project=False)
    found = progress(rule, total=2, held=2, statuses=["present", "excused"], project_accepted=False)
    assert not found.completed
    assert found.standing == Standing.OUT_OF_REACH
