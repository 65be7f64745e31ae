"""The opinion map's analysis on small matrices whose answers can be worked out by hand."""

from __future__ import annotations

import ast
import json
import math
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kokoma.dialogue import analysis
from kokoma.dialogue.analysis import (
    AGREE,
    DEFAULT_PRIORITY,
    DISAGREE,
    PASS,
    Analysis,
    State,
    analyse,
    build_matrix,
    choose_next,
)
from kokoma.dialogue.analysis.clustering import KSmoother, kmeans
from kokoma.dialogue.analysis.priority import priority

Vote = tuple[int, int, int]


def matrix_of(votes: Sequence[Vote], statements: Sequence[int] = ()) -> analysis.VoteMatrix:
    participants, statement_ids, values = zip(*votes, strict=True) if votes else ((), (), ())
    return build_matrix(participants, statement_ids, values, statements=statements)


def two_camps(camp_a: int = 11, camp_b: int = 9, statements: int = 10) -> list[Vote]:
    """Camp A (ids 100…) agrees with the first half of the statements, camp B (ids 200…) with
    the second half; everybody agrees with the last statement, a common ground."""
    votes = []
    for s in range(statements):
        for i in range(camp_a):
            votes.append((100 + i, s, AGREE if s < statements // 2 else DISAGREE))
        for i in range(camp_b):
            votes.append((200 + i, s, DISAGREE if s < statements // 2 else AGREE))
    for i in range(camp_a):
        votes.append((100 + i, statements, AGREE))
    for i in range(camp_b):
        votes.append((200 + i, statements, AGREE))
    return votes


def members(result: Analysis, group: int) -> set[int]:
    return {p for p, g in result.group_of.items() if g == group}


# --- the matrix ---------------------------------------------------------------------------


def test_rows_and_columns_follow_first_votes_and_unvoted_statements_come_last() -> None:
    matrix = build_matrix([5, 3, 5, 9], [7, 7, 2, 2], [1, 0, -1, 1], statements=[2, 4, 7, 1])
    assert matrix.participant_ids == [5, 3, 9]
    assert matrix.statement_ids == [7, 2, 4, 1]
    assert (matrix.n_participants, matrix.n_statements, matrix.n_votes) == (3, 4, 4)


def test_the_latest_vote_wins_and_a_repeated_vote_counts_once() -> None:
    matrix = build_matrix([1, 1, 1, 2], [5, 5, 5, 5], [AGREE, PASS, DISAGREE, PASS])
    assert matrix.n_votes == 2
    values = matrix.values().toarray()
    assert values[0, 0] == DISAGREE
    assert values[1, 0] == PASS and matrix.seen()[1, 0]  # a pass is a vote, not a gap
    assert not build_matrix([1, 2], [5, 6], [AGREE, AGREE]).seen()[0, 1]


def test_a_vote_outside_minus_one_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="-1, 0 or 1"):
        build_matrix([1], [1], [2])


def test_many_votes_are_built_without_a_loop_per_vote() -> None:
    rng = np.random.default_rng(1)
    n = 200_000
    matrix = build_matrix(
        rng.integers(0, 5_000, n), rng.integers(0, 300, n), rng.integers(-1, 2, n)
    )
    assert matrix.n_votes <= n and matrix.n_participants <= 5_000


# --- groups ---------------------------------------------------------------------------------


def test_two_clear_camps_become_two_groups_with_the_expected_members() -> None:
    result = analyse(matrix_of(two_camps()))
    assert result.k == 2
    assert members(result, 0) == {100 + i for i in range(11)}
    assert members(result, 1) == {200 + i for i in range(9)}
    assert [g.size for g in result.groups] == [11, 9]
    assert len(result.groups[0].hull) == 1  # all members on one spot: the outline is a point


def test_representative_numbers_match_the_hand_calculation() -> None:
    result = analyse(matrix_of(two_camps()))
    first = next(r for r in result.groups[0].representative if r.statement_id == 0)
    # camp A (11): na = 11, ns = 11; the rest (9): na = 0, ns = 9
    assert first.side == "agree"
    assert (first.n_agree, first.n_disagree, first.n_votes) == (11, 0, 11)
    assert first.p == pytest.approx(12 / 13)
    assert first.p_test == pytest.approx(2 * math.sqrt(12) * (12 / 12 - 0.5))
    assert first.repness == pytest.approx((12 / 13) / (1 / 11))
    p1, p2, pooled = 12 / 12, 1 / 10, 13 / 22
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / 12 + 1 / 10))
    assert first.repness_test == pytest.approx(z)
    sides = [r.side for r in result.groups[0].representative]
    assert sides == sorted(sides)  # agrees before disagrees
    assert len(result.groups[0].representative) == 5


def test_common_ground_is_consensus_and_bridges_the_groups() -> None:
    result = analyse(matrix_of(two_camps()))
    assert result.consensus_agree[0] == 10
    assert result.consensus_disagree == []
    statement, score = result.bridging[0]
    assert statement == 10
    assert score == pytest.approx((12 / 13) * (10 / 11))
    scores = [score for _, score in result.bridging]
    assert scores == sorted(scores, reverse=True) and len(scores) == 11


def test_votes_by_group_counts_agree_disagree_and_pass() -> None:
    votes = [*two_camps(), (100, 3, PASS)]
    result = analyse(matrix_of(votes))
    assert result.votes_by_group[3] == [(10, 0, 1), (0, 9, 0)]
    assert result.votes_by_group[7] == [(0, 11, 0), (9, 0, 0)]


def test_moderated_statements_are_zeroed_and_never_representative() -> None:
    result = analyse(matrix_of(two_camps()), moderated_out=[0, 10], meta=[10])
    shown = {r.statement_id for g in result.groups for r in g.representative}
    assert 0 not in shown and 10 not in shown
    assert 10 not in result.consensus_agree
    assert {s for s, _ in result.bridging} == set(range(1, 10))
    assert result.state.components[0] == pytest.approx((0.0, 0.0), abs=1e-12)
    assert result.priorities[10] == 49
    assert result.k == 2


# --- who is placed -------------------------------------------------------------------------


def test_seven_votes_place_a_participant_once_fifteen_are_placed() -> None:
    votes = [(p, s, AGREE if p % 2 else DISAGREE) for p in range(16) for s in range(10)]
    votes += [(99, s, AGREE) for s in range(6)] + [(98, s, AGREE) for s in range(7)]
    result = analyse(matrix_of(votes))
    assert 98 in result.placed and 99 not in result.placed
    assert result.group_of[99] is None and 99 not in result.projection


def test_with_few_statements_voting_on_all_is_enough() -> None:
    votes = [(p, s, AGREE if p % 2 else DISAGREE) for p in range(20) for s in range(4)]
    votes += [(99, s, AGREE) for s in range(3)]
    result = analyse(matrix_of(votes))
    assert set(result.placed) == set(range(20))


def test_the_most_active_fill_up_to_fifteen() -> None:
    votes = [(p, s, AGREE if p % 2 else DISAGREE) for p in range(10) for s in range(10)]
    votes += [(50 + p, s, AGREE) for p in range(8) for s in range(p % 4 + 1)]
    result = analyse(matrix_of(votes))
    assert len(result.placed) == 15
    assert {53, 57, 52, 56, 51} <= set(result.placed)  # 4, 4, 3, 3 and 2 votes
    assert 50 not in result.placed and 54 not in result.placed


def test_the_placed_set_only_grows_across_runs() -> None:
    votes = [(p, s, AGREE if p % 2 else DISAGREE) for p in range(20) for s in range(10)]
    votes += [(99, 0, AGREE)]
    state = State(in_conv=[99])
    result = analyse(matrix_of(votes), state=state)
    assert 99 in result.placed and 99 in result.state.in_conv
    assert 99 not in analyse(matrix_of(votes)).placed


# --- stability ------------------------------------------------------------------------------


def test_group_ids_follow_the_previous_run() -> None:
    first = analyse(matrix_of(two_camps()))
    swapped = State.from_json(
        {
            **first.state.to_json(),
            "group_of": {str(p): 1 - g for p, g in first.state.group_of.items()},
        }
    )
    again = analyse(matrix_of(two_camps()), state=swapped)
    assert members(again, 1) == members(first, 0)
    assert members(again, 0) == members(first, 1)


def test_a_rerun_with_state_keeps_groups_and_ids() -> None:
    first = analyse(matrix_of(two_camps()))
    more = [
        *two_camps(),
        (300, 0, AGREE),
        (300, 1, AGREE),
        *[(300, s, DISAGREE) for s in range(5, 10)],
    ]
    second = analyse(matrix_of(more), state=first.state)
    assert members(second, 0) == members(first, 0) | {300}
    assert members(second, 1) == members(first, 1)


def test_the_shown_k_changes_only_after_four_wins_in_a_row() -> None:
    smoother = KSmoother().update(3)
    assert smoother.shown == 3
    for _ in range(3):
        smoother = smoother.update(2)
        assert smoother.shown == 3
    assert smoother.update(2).shown == 2
    assert smoother.update(4).update(2).shown == 3


def test_kmeans_drops_a_cluster_that_loses_all_members() -> None:
    points = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 10.0], [10.0, 11.0]])
    start = np.array([[0.0, 0.0], [10.0, 10.0], [100.0, 100.0]])
    result = kmeans(points, start, max_iterations=10)
    assert result.centres.tolist() == [[0.0, 0.5], [10.0, 10.5]]
    assert result.labels.tolist() == [0, 0, 1, 1]


# --- priorities -----------------------------------------------------------------------------


def test_the_priority_formula() -> None:
    # A = 3, D = 1, S = 5 (one pass), E = 0.5
    importance = (1 - 2 / 7) * 1.5 * 4 / 7
    expected = (importance * (1 + 8 * 2 ** (-1))) ** 2
    got = priority(np.array([3.0]), np.array([1.0]), np.array([5.0]), np.array([0.5]))
    assert got[0] == pytest.approx(expected)
    assert pytest.approx((0.5 * 0.5 * 9) ** 2) == DEFAULT_PRIORITY


def test_new_statements_get_the_default_priority_and_meta_statements_49() -> None:
    result = analyse(matrix_of(two_camps(), statements=[77]), meta=[10], moderated_out=[10])
    assert result.priorities[77] == pytest.approx(DEFAULT_PRIORITY)
    assert result.priorities[10] == 49
    assert set(result.priorities) == set(range(11)) | {77}


def test_choose_next_draws_by_priority() -> None:
    rng = random.Random(4)
    assert choose_next({}, [], rng) is None
    assert {choose_next({1: 0.0, 2: 10.0}, [1, 2], rng) for _ in range(50)} == {2}
    assert {choose_next({1: 0.0}, [1, 3], rng) for _ in range(20)} == {3}  # 3 gets the default


# --- degenerate input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "votes",
    [
        [],
        [(1, 1, AGREE)],
        [(p, 1, AGREE) for p in range(30)],
        [(p, s, AGREE) for p in range(30) for s in range(10)],
        [(p, s, DISAGREE if p < 2 else AGREE) for p in range(3) for s in range(4)],
        [(p, s, PASS) for p in range(5) for s in range(3)],
    ],
    ids=["no votes", "one vote", "one statement", "identical", "three people", "passes"],
)
def test_degenerate_input_gives_at_most_a_few_groups_without_raising(votes: list[Vote]) -> None:
    result = analyse(matrix_of(votes, statements=[1, 2]))
    assert result.k == len(result.groups) <= 2
    assert set(result.group_of) == set(result.participants)
    json.dumps(result.to_json())
    if votes and len({v for _, _, v in votes}) == 1:
        assert result.k == 1  # everybody in one spot: one group


# --- JSON -----------------------------------------------------------------------------------


def test_analysis_and_state_survive_json() -> None:
    result = analyse(matrix_of(two_camps(), statements=[42]), moderated_out=[3])
    data = json.loads(json.dumps(result.to_json()))
    again = Analysis.from_json(data)
    assert again.to_json() == data
    assert again.group_of == result.group_of
    assert (
        again.groups[0].representative[0].statement_id
        == result.groups[0].representative[0].statement_id
    )
    assert State.from_json(json.loads(json.dumps(result.state.to_json()))) == State.from_json(
        data["state"]
    )


def test_the_analysis_package_does_not_import_django() -> None:
    package = Path(analysis.__file__).parent
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "django" for n in names), module.name


def test_scattered_ids_give_the_same_matrix_as_compact_ones() -> None:
    rng = np.random.default_rng(3)
    participants = rng.integers(0, 50, 2_000)
    statements = rng.integers(0, 20, 2_000)
    values = rng.integers(-1, 2, 2_000)
    compact = build_matrix(participants, statements, values)
    scattered = build_matrix(participants * 10**12 + 7, statements * 10**9, values)
    assert scattered.participant_ids == [p * 10**12 + 7 for p in compact.participant_ids]
    assert scattered.statement_ids == [s * 10**9 for s in compact.statement_ids]
    for coordinate in ("rows", "cols", "vals"):
        assert np.array_equal(getattr(scattered, coordinate), getattr(compact, coordinate))
