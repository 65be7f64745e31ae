"""The vote matrix: who voted what on which statement, built from a chronological vote list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

AGREE = 1
DISAGREE = -1
PASS = 0

IntArray = npt.NDArray[np.int64]
Ids = Sequence[int] | npt.NDArray[Any]


@dataclass(frozen=True, eq=False)
class VoteMatrix:
    """Votes as parallel coordinate arrays, one entry per (participant, statement) pair.

    Kept as coordinates rather than one sparse matrix because a sparse matrix cannot tell a pass
    (0) from a statement never seen; ``seen`` and ``values`` build the two views the analysis needs.
    """

    participant_ids: list[int]
    statement_ids: list[int]
    rows: npt.NDArray[np.int32]
    cols: npt.NDArray[np.int32]
    vals: npt.NDArray[np.int8]
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n_participants(self) -> int:
        return len(self.participant_ids)

    @property
    def n_statements(self) -> int:
        return len(self.statement_ids)

    @property
    def n_votes(self) -> int:
        return int(self.vals.size)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.n_participants, self.n_statements)

    def values(self) -> sparse.csr_matrix:
        """Votes as a CSR matrix of -1/0/1 with explicit zeros for passes (float64)."""
        return sparse.csr_matrix(
            (self.vals.astype(np.float64), (self.rows, self.cols)), shape=self.shape
        )

    def seen(self) -> sparse.csr_matrix:
        """Which statements each participant voted on (passes included), as a boolean CSR."""
        return sparse.csr_matrix(
            (np.ones(self.vals.size, dtype=bool), (self.rows, self.cols)), shape=self.shape
        )

    def votes_per_participant(self) -> IntArray:
        return np.bincount(self.rows, minlength=self.n_participants).astype(np.int64)

    def votes_per_statement(self) -> IntArray:
        return np.bincount(self.cols, minlength=self.n_statements).astype(np.int64)


def _first_seen_order(ids: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], IntArray]:
    """Distinct ids in order of first appearance, and each entry's index into that order.

    Ids from a database are compact, so a lookup table over their range finds first
    appearances in linear time; scattered ids fall back to sorting.
    """
    if ids.size == 0:
        return ids, ids
    low = int(ids.min())
    span = int(ids.max()) - low + 1
    if span > 4 * ids.size + 1_000_000:
        return _first_seen_order_by_sorting(ids)
    offsets = ids - low
    first = np.full(span, ids.size, dtype=np.int64)
    np.minimum.at(first, offsets, np.arange(ids.size, dtype=np.int64))
    present = np.flatnonzero(first < ids.size)
    in_order = present[np.argsort(first[present], kind="stable")]
    code = np.empty(span, dtype=np.int64)
    code[in_order] = np.arange(in_order.size)
    return in_order + low, code[offsets]


def _first_seen_order_by_sorting(
    ids: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], IntArray]:
    distinct, first_index, inverse = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first_index, kind="stable")
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return distinct[order], rank[inverse.ravel()]


def build_matrix(
    participant_ids: Ids,
    statement_ids: Ids,
    values: Ids,
    *,
    statements: Sequence[int] = (),
) -> VoteMatrix:
    """Build the matrix from votes in chronological order; the latest vote per pair wins.

    Rows follow each participant's first vote and columns each statement's first vote, because
    the clustering's deterministic start depends on that order. Statements in ``statements``
    without votes are appended as empty columns so that they receive a priority.
    """
    participants = np.asarray(participant_ids, dtype=np.int64).ravel()
    statement_col = np.asarray(statement_ids, dtype=np.int64).ravel()
    vote_values = np.asarray(values, dtype=np.int64).ravel()
    if not participants.size == statement_col.size == vote_values.size:
        raise ValueError("participant_ids, statement_ids and values differ in length")
    if vote_values.size and (vote_values.min() < DISAGREE or vote_values.max() > AGREE):
        raise ValueError("a vote must be -1, 0 or 1")
    row_ids, rows = _first_seen_order(participants)
    col_ids, cols = _first_seen_order(statement_col)
    column_ids = [int(i) for i in col_ids]
    known = set(column_ids)
    for statement_id in statements:
        if int(statement_id) not in known:
            known.add(int(statement_id))
            column_ids.append(int(statement_id))
    rows, cols, vote_values = _latest_per_pair(rows, cols, vote_values, len(column_ids))
    return VoteMatrix(
        participant_ids=[int(i) for i in row_ids],
        statement_ids=column_ids,
        rows=rows.astype(np.int32),
        cols=cols.astype(np.int32),
        vals=vote_values.astype(np.int8),
    )


def _latest_per_pair(
    rows: IntArray, cols: IntArray, vals: IntArray, n_cols: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Keep the last vote of every (row, column) pair, sorted by row then column.

    Where they fit, pair key, position and vote are packed into one 64-bit number and sorted:
    sorting plain numbers is several times faster than a stable argsort followed by gathers.
    Within a pair's run the position orders the votes, so the run's last entry is the latest.
    """
    if rows.size == 0:
        return rows, cols, vals
    width = max(n_cols, 1)
    keys = rows * width + cols
    low_bits = int(rows.size).bit_length() + 2
    if int(keys.max()).bit_length() + low_bits > 63:
        return _latest_per_pair_by_argsort(keys, vals, width)
    packed = keys << low_bits
    packed |= np.arange(rows.size, dtype=np.int64) << 2
    packed |= vals + 1
    packed.sort()
    sorted_keys = packed >> low_bits
    is_last = np.ones(sorted_keys.size, dtype=bool)
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=is_last[:-1])
    kept_keys = sorted_keys[is_last]
    return kept_keys // width, kept_keys % width, (packed[is_last] & 3) - 1


def _latest_per_pair_by_argsort(
    keys: IntArray, vals: IntArray, width: int
) -> tuple[IntArray, IntArray, IntArray]:
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    is_last = np.ones(sorted_keys.size, dtype=bool)
    is_last[:-1] = sorted_keys[1:] != sorted_keys[:-1]
    kept_keys = sorted_keys[is_last]
    return kept_keys // width, kept_keys % width, vals[order[is_last]]
