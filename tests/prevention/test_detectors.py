"""The alert rules on crafted trajectories, and against simple oracles (hypothesis)."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kokoma.prevention.detectors import (
    BusyWeek,
    Climb,
    Point,
    busy_weeks,
    climbs,
    crossings,
    reached_level,
)

D0 = datetime.date(2026, 3, 1)


def day(offset: int) -> datetime.date:
    return D0 + datetime.timedelta(days=offset)


def trajectory(*points: tuple[int, int]) -> list[tuple[datetime.date, int]]:
    return [(day(offset), stage) for offset, stage in points]


# --- crafted trajectories ---------------------------------------------------------------------


def test_a_climb_of_exactly_n_within_exactly_the_window_counts() -> None:
    found = climbs(trajectory((0, 3), (30, 5)), stages=2, window_days=30)
    assert found == [Climb(on=day(30), to_stage=5, from_on=day(0), from_stage=3)]


def test_one_day_beyond_the_window_does_not_count() -> None:
    assert climbs(trajectory((0, 3), (31, 5)), stages=2, window_days=30) == []


def test_a_climb_of_one_less_than_n_does_not_count() -> None:
    assert climbs(trajectory((0, 3), (10, 4)), stages=2, window_days=30) == []


def test_descending_then_climbing_is_measured_from_the_lowest_point() -> None:
    found = climbs(trajectory((0, 5), (5, 3), (12, 5)), stages=2, window_days=30)
    assert found == [Climb(on=day(12), to_stage=5, from_on=day(5), from_stage=3)]


def test_a_plateau_does_not_raise_again_but_a_new_peak_does() -> None:
    points = trajectory((0, 2), (5, 4), (6, 4), (8, 3), (9, 4), (10, 5))
    found = climbs(points, stages=2, window_days=30)
    assert [(c.on, c.to_stage) for c in found] == [(day(5), 4), (day(10), 5)]


def test_falling_back_and_rising_again_is_a_new_climb() -> None:
    found = climbs(trajectory((0, 2), (5, 5), (8, 2), (9, 5)), stages=2, window_days=30)
    assert [(c.on, c.from_on) for c in found] == [(day(5), day(0)), (day(9), day(8))]


def test_same_day_assessments_count_in_recorded_order() -> None:
    found = climbs(trajectory((0, 2), (0, 4)), stages=2, window_days=30)
    assert found == [Climb(on=day(0), to_stage=4, from_on=day(0), from_stage=2)]
    assert climbs(trajectory((0, 4), (0, 2)), stages=2, window_days=30) == []


def test_crossing_into_stage_4() -> None:
    found = crossings(trajectory((0, 3), (10, 4), (20, 3), (30, 6)), threshold=4)
    assert [(c.on, c.from_stage, c.to_stage) for c in found] == [
        (day(10), 3, 4),
        (day(30), 3, 6),
    ]


def test_a_first_assessment_at_or_above_the_stage_is_a_crossing() -> None:
    found = crossings(trajectory((0, 7), (3, 8)), threshold=7)
    assert [(c.on, c.from_stage) for c in found] == [(day(0), None)]


def test_staying_above_is_not_a_new_crossing() -> None:
    assert len(crossings(trajectory((0, 3), (1, 4), (2, 5), (3, 4)), threshold=4)) == 1


def test_iso_weeks_across_the_year_end() -> None:
    # 31 Dec 2026 to 3 Jan 2027 lie in ISO week 53 of 2026.
    dates = [datetime.date(2026, 12, 31), *(datetime.date(2027, 1, d) for d in (1, 2, 3))]
    assert busy_weeks(dates, threshold=3) == [BusyWeek(2026, 53, 4)]
    # 30 Dec 2024 belongs to week 1 of 2025, 29 Dec 2024 to week 52 of 2024.
    dates = [datetime.date(2024, 12, 29), datetime.date(2024, 12, 30), datetime.date(2025, 1, 1)]
    assert busy_weeks(dates, threshold=1) == [BusyWeek(2025, 1, 2)]
    assert BusyWeek(2025, 1, 2).monday == datetime.date(2024, 12, 30)


def test_the_threshold_must_be_exceeded() -> None:
    dates = [day(0)] * 3
    assert busy_weeks(dates, threshold=3) == []
    assert busy_weeks([*dates, day(0)], threshold=3) == [BusyWeek(*day(0).isocalendar()[:2], 4)]


def test_escalation_levels() -> None:
    levels = [(1, 3), (2, 14)]
    assert reached_level(2, levels) is None
    assert reached_level(3, levels) == 1
    assert reached_level(13, levels) == 1
    assert reached_level(40, levels) == 2
    assert reached_level(0, [(1, 0)]) == 1


# --- oracles ----------------------------------------------------------------------------------


def climb_oracle(
    points: list[Point], stages: int, window: int
) -> list[tuple[datetime.date, int, int]]:
    """Straight from the definition: the trough of the window, then everything since it."""
    result: list[tuple[datetime.date, int, int]] = []
    for i in range(len(points)):
        day_i, stage_i = points[i]
        inside = [j for j in range(i) if 0 <= (day_i - points[j][0]).days <= window]
        if not inside:
            continue
        lowest = min(points[j][1] for j in inside)
        trough = [j for j in inside if points[j][1] == lowest][-1]
        rises_to_new_peak = all(points[j][1] < stage_i for j in range(trough + 1, i))
        if stage_i - lowest >= stages and rises_to_new_peak:
            result.append((day_i, stage_i, lowest))
    return result


def crossing_oracle(points: list[Point], threshold: int) -> list[datetime.date]:
    return [
        points[i][0]
        for i in range(len(points))
        if points[i][1] >= threshold and (i == 0 or points[i - 1][1] < threshold)
    ]


sorted_trajectories = st.lists(
    st.tuples(st.integers(min_value=0, max_value=120), st.integers(min_value=1, max_value=9)),
    max_size=25,
).map(lambda raw: [(day(offset), stage) for offset, stage in sorted(raw, key=lambda p: p[0])])


@hypothesis_settings(max_examples=300, database=None, deadline=None)
@given(
    sorted_trajectories,
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=1, max_value=60),
)
def test_climbs_match_the_oracle(points: list[Point], stages: int, window: int) -> None:
    found = climbs(points, stages=stages, window_days=window)
    assert [(c.on, c.to_stage, c.from_stage) for c in found] == climb_oracle(points, stages, window)
    for climb in found:
        assert climb.to_stage - climb.from_stage >= stages
        assert 0 <= (climb.on - climb.from_on).days <= window


@hypothesis_settings(max_examples=300, database=None, deadline=None)
@given(sorted_trajectories, st.sampled_from([4, 7]))
def test_crossings_match_the_oracle(points: list[Point], threshold: int) -> None:
    found = crossings(points, threshold=threshold)
    assert [c.on for c in found] == crossing_oracle(points, threshold)
    assert all(c.to_stage >= threshold for c in found)
    assert all(c.from_stage is None or c.from_stage < threshold for c in found)


@hypothesis_settings(max_examples=300, database=None, deadline=None)
@given(
    st.lists(
        st.dates(min_value=datetime.date(2015, 12, 1), max_value=datetime.date(2027, 1, 31)),
        max_size=40,
    ),
    st.integers(min_value=1, max_value=5),
)
def test_busy_weeks_match_an_oracle_by_monday(dates: list[datetime.date], threshold: int) -> None:
    by_monday: dict[datetime.date, int] = {}
    for date in dates:
        monday = date - datetime.timedelta(days=date.weekday())
        by_monday[monday] = by_monday.get(monday, 0) + 1
    expected = [(monday, count) for monday, count in sorted(by_monday.items()) if count > threshold]
    found = busy_weeks(dates, threshold=threshold)
    assert [(week.monday, week.count) for week in found] == expected
