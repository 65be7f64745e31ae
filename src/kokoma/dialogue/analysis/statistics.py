"""Vote counts per group, representative statements, consensus and group-informed consensus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from .matrix import AGREE, DISAGREE, VoteMatrix

Floats = npt.NDArray[np.float64]
Counts = npt.NDArray[np.int64]

Z_90 = 1.2816
MAX_REPRESENTATIVE = 5
MAX_CONSENSUS = 5


@dataclass(frozen=True)
class Repness:
    """Why a statement represents a group: its counts, probabilities and test statistics."""

    statement_id: int
    side: Literal["agree", "disagree"]
    n_agree: int
    n_disagree: int
    n_votes: int
    p: float
    p_test: float
    repness: float
    repness_test: float


@dataclass(frozen=True)
class GroupCounts:
    """Agrees, disagrees and all votes (passes included), groups × statements."""

    agree: Counts
    disagree: Counts
    seen: Counts


def count_by_group(matrix: VoteMatrix, group_of_row: Counts, n_groups: int) -> GroupCounts:
    """Count each group's votes per statement in one pass (rows outside any group are -1)."""
    group = group_of_row[matrix.rows]
    inside = group >= 0
    keys = group[inside] * matrix.n_statements + matrix.cols[inside]
    vals = matrix.vals[inside]
    size = n_groups * matrix.n_statements

    def count(mask: npt.NDArray[np.bool_]) -> Counts:
        counted = np.bincount(keys[mask], minlength=size)
        return counted.reshape(n_groups, matrix.n_statements).astype(np.int64)

    return GroupCounts(
        agree=count(vals == AGREE),
        disagree=count(vals == DISAGREE),
        seen=count(np.ones(vals.size, dtype=bool)),
    )


def proportion_test(successes: Counts | Floats, trials: Counts | Floats) -> Floats:
    """One-proportion z-score against ½ with a +1 prior: 2·√(n+1)·((s+1)/(n+1) − ½)."""
    return np.asarray(2 * np.sqrt(trials + 1.0) * ((successes + 1.0) / (trials + 1.0) - 0.5))


def two_proportion_test(
    succ_in: Counts, succ_out: Counts, trials_in: Counts, trials_out: Counts
) -> Floats:
    """z-score that the group's proportion exceeds the rest's, +1 added to all four counts."""
    s1, s2 = succ_in + 1.0, succ_out + 1.0
    n1, n2 = trials_in + 1.0, trials_out + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    difference = s1 / n1 - s2 / n2
    z = np.divide(difference, spread, out=np.zeros_like(difference), where=spread > 0)
    return np.asarray(z)


@dataclass(frozen=True)
class _GroupStats:
    na: Counts
    nd: Counts
    ns: Counts
    pa: Floats
    pd: Floats
    pat: Floats
    pdt: Floats
    ra: Floats
    rd: Floats
    rat: Floats
    rdt: Floats


def _group_stats(counts: GroupCounts, group: int) -> _GroupStats:
    """Pol.is's statistics of one group against the sum of all other groups, per statement."""
    na, nd, ns = counts.agree[group], counts.disagree[group], counts.seen[group]
    rest_na = counts.agree.sum(axis=0) - na
    rest_nd = counts.disagree.sum(axis=0) - nd
    rest_ns = counts.seen.sum(axis=0) - ns
    pa, pd = (1.0 + na) / (2.0 + ns), (1.0 + nd) / (2.0 + ns)
    return _GroupStats(
        na=na,
        nd=nd,
        ns=ns,
        pa=pa,
        pd=pd,
        pat=proportion_test(na, ns),
        pdt=proportion_test(nd, ns),
        ra=pa / ((1.0 + rest_na) / (2.0 + rest_ns)),
        rd=pd / ((1.0 + rest_nd) / (2.0 + rest_ns)),
        rat=two_proportion_test(na, rest_na, ns, rest_ns),
        rdt=two_proportion_test(nd, rest_nd, ns, rest_ns),
    )


def _finalise(stats: _GroupStats, column: int, statement_id: int) -> Repness:
    """Report a statement on the side (agree/disagree) where the group differs more."""
    agree = bool(stats.rat[column] > stats.rdt[column])
    return Repness(
        statement_id=statement_id,
        side="agree" if agree else "disagree",
        n_agree=int(stats.na[column]),
        n_disagree=int(stats.nd[column]),
        n_votes=int(stats.ns[column]),
        p=float(stats.pa[column] if agree else stats.pd[column]),
        p_test=float(stats.pat[column] if agree else stats.pdt[column]),
        repness=float(stats.ra[column] if agree else stats.rd[column]),
        repness_test=float(stats.rat[column] if agree else stats.rdt[column]),
    )


def _metric(item: Repness) -> float:
    return item.repness * item.repness_test * item.p * item.p_test


def representative(
    counts: GroupCounts, statement_ids: list[int], excluded: npt.NDArray[np.bool_]
) -> list[list[Repness]]:
    """Up to five statements per group that set it apart, the group's best agreement first."""
    return [
        _select_for_group(_group_stats(counts, group), statement_ids, excluded)
        for group in range(counts.agree.shape[0])
    ]


def _select_for_group(
    stats: _GroupStats, statement_ids: list[int], excluded: npt.NDArray[np.bool_]
) -> list[Repness]:
    significant = ((stats.rat > Z_90) & (stats.pat > Z_90)) | (
        (stats.rdt > Z_90) & (stats.pdt > Z_90)
    )
    open_columns = np.flatnonzero(~excluded)
    best_agree = _best_agree(stats, open_columns)
    head = [] if best_agree is None else [_finalise(stats, best_agree, statement_ids[best_agree])]
    sufficient = [
        _finalise(stats, int(c), statement_ids[c])
        for c in open_columns
        if significant[c] and c != best_agree
    ]
    if not sufficient and not np.any(significant[open_columns]):
        if head or open_columns.size == 0:
            return head
        scores = np.maximum(stats.rat, stats.rdt)[open_columns]
        column = int(open_columns[int(np.argmax(scores))])
        return [_finalise(stats, column, statement_ids[column])]
    chosen = (head + sorted(sufficient, key=_metric, reverse=True))[:MAX_REPRESENTATIVE]
    return [r for r in chosen if r.side == "agree"] + [r for r in chosen if r.side == "disagree"]


def _best_agree(stats: _GroupStats, columns: npt.NDArray[np.int64]) -> int | None:
    """Pol.is's running "best agree": what the group agrees on, kept at the front of the list."""
    best: int | None = None
    for column in columns:
        c = int(column)
        if stats.na[c] == 0 and stats.nd[c] == 0:
            continue
        if best is not None and stats.ra[best] > 1.0:
            better = _product(stats, c, full=True) > _product(stats, best, full=True)
        elif best is not None:
            better = _product(stats, c, full=False) > _product(stats, best, full=False)
        else:
            better = bool(stats.pat[c] > Z_90 or (stats.ra[c] > 1.0 and stats.pa[c] > 0.5))
        if better:
            best = c
    return best


def _product(stats: _GroupStats, column: int, *, full: bool) -> float:
    value = float(stats.pa[column] * stats.pat[column])
    return value * float(stats.ra[column] * stats.rat[column]) if full else value


def consensus(matrix: VoteMatrix, excluded: npt.NDArray[np.bool_]) -> tuple[list[int], list[int]]:
    """Statements most participants agree (disagree) with: p > ½ and significant, top five."""
    everyone = np.zeros(matrix.n_participants, dtype=np.int64)
    counts = count_by_group(matrix, everyone, 1)
    return (
        _top_consensus(counts.agree[0], counts.seen[0], excluded, matrix.statement_ids),
        _top_consensus(counts.disagree[0], counts.seen[0], excluded, matrix.statement_ids),
    )


def _top_consensus(
    successes: Counts, seen: Counts, excluded: npt.NDArray[np.bool_], statement_ids: list[int]
) -> list[int]:
    p = (1.0 + successes) / (2.0 + seen)
    test = proportion_test(successes, seen)
    eligible = np.flatnonzero((p > 0.5) & (test > Z_90) & ~excluded)
    ranked = eligible[np.argsort(-(p * test)[eligible], kind="stable")]
    return [statement_ids[c] for c in ranked[:MAX_CONSENSUS]]


def group_informed_consensus(counts: GroupCounts) -> Floats:
    """Per statement, the product over groups of (agrees + 1) / (votes + 2): bridging statements."""
    if counts.agree.shape[0] == 0:
        return np.zeros(counts.agree.shape[1])
    return np.asarray(np.prod((counts.agree + 1.0) / (counts.seen + 2.0), axis=0))
