"""``analyse``: from a vote matrix (and the last run's state) to the opinion map."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import numpy.typing as npt
from scipy.spatial import ConvexHull, QhullError

from . import clustering, statistics
from .matrix import VoteMatrix
from .priority import META_PRIORITY, priority
from .projection import Projection, project
from .results import Analysis, Group, Point, State

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

MIN_VOTES = 7
GREEDY_PLACED = 15


def analyse(
    matrix: VoteMatrix,
    *,
    moderated_out: Collection[int] = (),
    meta: Collection[int] = (),
    state: State | None = None,
) -> Analysis:
    """Place participants on the map, find the opinion groups and describe them.

    ``moderated_out`` holds rejected and meta statements (their column is zeroed), ``meta`` the
    meta statements (fixed priority), ``state`` the previous run's ``Analysis.state``. Degenerate
    input never raises: without placed participants there are no groups, with a single distinct
    position there is one group.
    """
    previous = state or State()
    excluded = _column_mask(matrix, set(moderated_out) | set(meta))
    placed_rows = _in_conv(matrix, previous.in_conv)
    projection = project(matrix, excluded, _warm_components(matrix, previous))
    positions = projection.positions[placed_rows]
    labels, base, group_centres, smoother = _group(positions, previous)
    placed_ids = [matrix.participant_ids[r] for r in placed_rows]
    if labels.size:
        labels = clustering.stable_labels(labels, placed_ids, previous.group_of)
    group_of_row = np.full(matrix.n_participants, -1, dtype=np.int64)
    group_of_row[placed_rows] = labels
    n_groups = int(labels.max()) + 1 if labels.size else 0
    counts = statistics.count_by_group(matrix, group_of_row, n_groups)
    new_state = _next_state(matrix, projection, base, group_centres, smoother, placed_ids, labels)
    return _assemble(matrix, projection, placed_rows, labels, counts, excluded, meta, new_state)


def _next_state(
    matrix: VoteMatrix,
    projection: Projection,
    base: clustering.Clustering,
    group_centres: dict[int, Floats],
    smoother: clustering.KSmoother,
    placed_ids: list[int],
    labels: npt.NDArray[np.int64],
) -> State:
    return State(
        components={
            s: (float(c[0]), float(c[1]))
            for s, c in zip(matrix.statement_ids, projection.components, strict=True)
        },
        base_centres=_points(base.centres),
        group_centres={k: _points(c) for k, c in group_centres.items()},
        k_shown=smoother.shown,
        k_candidate=smoother.candidate,
        k_streak=smoother.streak,
        in_conv=placed_ids,
        group_of={p: int(g) for p, g in zip(placed_ids, labels, strict=True)},
    )


def _column_mask(matrix: VoteMatrix, statement_ids: set[int]) -> Mask:
    return np.array([s in statement_ids for s in matrix.statement_ids], dtype=bool)


def _in_conv(matrix: VoteMatrix, previously: list[int]) -> npt.NDArray[np.int64]:
    """Rows placed on the map: min(7, statements) votes, topped up to 15, never removed.

    Votes are counted on the raw matrix, so passes and votes on moderated-out statements count.
    """
    votes = matrix.votes_per_participant()
    placed = votes >= min(MIN_VOTES, matrix.n_statements)
    placed &= votes > 0
    row_of = {p: r for r, p in enumerate(matrix.participant_ids)}
    for participant in previously:
        if participant in row_of:
            placed[row_of[participant]] = True
    missing = GREEDY_PLACED - int(placed.sum())
    if missing > 0:
        by_activity = np.argsort(-votes, kind="stable")
        waiting = by_activity[~placed[by_activity] & (votes[by_activity] > 0)]
        placed[waiting[:missing]] = True
    return np.flatnonzero(placed)


def _warm_components(matrix: VoteMatrix, state: State) -> Floats | None:
    if not state.components:
        return None
    return np.array([state.components.get(s, (0.0, 0.0)) for s in matrix.statement_ids])


def _group(
    positions: Floats, state: State
) -> tuple[
    npt.NDArray[np.int64],
    clustering.Clustering,
    dict[int, Floats],
    clustering.KSmoother,
]:
    """Base clusters, group clusterings for every k, the smoothed k and each point's group."""
    previous_base = np.array(state.base_centres) if state.base_centres else None
    smoother = clustering.KSmoother(state.k_shown, state.k_candidate, state.k_streak)
    empty = np.zeros(0, dtype=np.int64)
    if positions.shape[0] == 0:
        return empty, clustering.Clustering(np.zeros((0, 2)), empty), {}, smoother
    base = clustering.base_clusters(positions, previous_base)
    previous_groups = {k: np.array(c) for k, c in state.group_centres.items() if c}
    clusterings = clustering.group_clusterings(base, previous_groups)
    if not clusterings:
        return np.zeros(positions.shape[0], dtype=np.int64), base, {}, smoother
    best = clustering.best_k(base, clusterings)
    smoother = smoother.update(best)
    shown = smoother.shown if smoother.shown in clusterings else best
    group_of_base = clusterings[shown].labels
    centres = {k: c.centres for k, c in clusterings.items()}
    return group_of_base[base.labels], base, centres, smoother


def _points(array: Floats) -> list[Point]:
    return [(float(x), float(y)) for x, y in array]


def _assemble(
    matrix: VoteMatrix,
    projection: Projection,
    placed_rows: npt.NDArray[np.int64],
    labels: npt.NDArray[np.int64],
    counts: statistics.GroupCounts,
    excluded: Mask,
    meta: Collection[int],
    state: State,
) -> Analysis:
    ids = matrix.statement_ids
    positions = projection.positions[placed_rows]
    representative = statistics.representative(counts, ids, excluded)
    groups = [
        Group(
            id=g,
            size=int(np.sum(labels == g)),
            centre=_centre(positions[labels == g]),
            hull=hull(positions[labels == g]),
            representative=representative[g],
        )
        for g in range(counts.agree.shape[0])
    ]
    agree, disagree = statistics.consensus(matrix, excluded)
    bridging_scores = statistics.group_informed_consensus(counts)
    bridging = sorted(
        ((ids[c], float(bridging_scores[c])) for c in np.flatnonzero(~excluded)),
        key=lambda item: -item[1],
    )
    group_of: dict[int, int | None] = dict.fromkeys(matrix.participant_ids)
    for row, label in zip(placed_rows, labels, strict=True):
        group_of[matrix.participant_ids[row]] = int(label)
    return Analysis(
        participants=list(matrix.participant_ids),
        placed=[matrix.participant_ids[r] for r in placed_rows],
        projection={
            matrix.participant_ids[r]: (float(x), float(y))
            for r, (x, y) in zip(placed_rows, positions, strict=True)
        },
        group_of=group_of,
        groups=groups,
        votes_by_group={
            s: [
                (int(counts.agree[g, c]), int(counts.disagree[g, c]), _passes(counts, g, c))
                for g in range(len(groups))
            ]
            for c, s in enumerate(ids)
        },
        consensus_agree=agree,
        consensus_disagree=disagree,
        bridging=bridging,
        priorities=_priorities(matrix, counts, projection.extremity, set(meta)),
        k=len(groups),
        n_votes=matrix.n_votes,
        state=state,
    )


def _passes(counts: statistics.GroupCounts, group: int, column: int) -> int:
    return int(
        counts.seen[group, column] - counts.agree[group, column] - counts.disagree[group, column]
    )


def _centre(points: Floats) -> Point:
    if points.shape[0] == 0:
        return (0.0, 0.0)
    x, y = points.mean(axis=0)
    return (float(x), float(y))


def hull(points: Floats) -> list[Point]:
    """The outline around a group's members; a point or a segment when they are degenerate."""
    distinct = clustering.distinct_in_order(points)
    if distinct.shape[0] >= 3:
        try:
            return _points(distinct[ConvexHull(distinct).vertices])
        except QhullError:
            pass  # all on one line: fall through to the segment between the extremes
    if distinct.shape[0] <= 1:
        return _points(distinct)
    direction = distinct[-1] - distinct[0]
    along = distinct @ direction
    return _points(distinct[[int(np.argmin(along)), int(np.argmax(along))]])


def _priorities(
    matrix: VoteMatrix, counts: statistics.GroupCounts, extremity: Floats, meta: set[int]
) -> dict[int, float]:
    """Priority per statement from the groups' votes (all votes while there are no groups)."""
    if counts.agree.shape[0] == 0:
        counts = statistics.count_by_group(matrix, np.zeros(matrix.n_participants, np.int64), 1)
    values = priority(
        counts.agree.sum(axis=0).astype(np.float64),
        counts.disagree.sum(axis=0).astype(np.float64),
        counts.seen.sum(axis=0).astype(np.float64),
        extremity,
    )
    return {
        s: META_PRIORITY if s in meta else float(v)
        for s, v in zip(matrix.statement_ids, values, strict=True)
    }
