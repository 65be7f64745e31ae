"""Base clusters, group clusters, the choice of k and stable group ids.

Pol.is's k-means differs from scikit-learn's in ways that matter for matching its groups: it
stops when every centre moved less than 0.01, drops clusters that lose all their members instead
of re-seeding them, starts from given centres (never random) and weights base clusters by their
size. That loop is small and written here; scikit-learn supplies the silhouette and scipy the
nearest-centre search and the assignment problem (docs/decisions/0035-opinion-map-analysis.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.cluster.vq import vq
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import silhouette_score

Floats = npt.NDArray[np.float64]
Labels = npt.NDArray[np.int64]

BASE_K = 100
BASE_ITERATIONS = 100
GROUP_ITERATIONS = 20
MAX_GROUPS = 5
CENTRE_TOLERANCE = 0.01
K_BUFFER = 4


@dataclass(frozen=True)
class Clustering:
    """Centres (k × 2) and, for every clustered point, the index of its centre."""

    centres: Floats
    labels: Labels


@dataclass(frozen=True)
class KSmoother:
    """The k shown, the k that won the last run and how many runs in a row it has won."""

    shown: int | None = None
    candidate: int | None = None
    streak: int = 0

    def update(self, best_k: int) -> KSmoother:
        """Switch the shown k only after the same best k has won ``K_BUFFER`` runs in a row."""
        streak = self.streak + 1 if best_k == self.candidate else 1
        shown = best_k if streak >= K_BUFFER or self.shown is None else self.shown
        return KSmoother(shown=shown, candidate=best_k, streak=streak)


def kmeans(
    points: Floats, start: Floats, *, weights: Floats | None = None, max_iterations: int
) -> Clustering:
    """Weighted Lloyd iterations from ``start``; empty clusters are dropped, not re-seeded."""
    centres = start
    labels = np.zeros(points.shape[0], dtype=np.int64)
    for _ in range(max_iterations):
        moved, labels = _recentre(points, _nearest(points, centres), centres.shape[0], weights)
        settled = moved.shape == centres.shape and _all_moved_less(moved, centres)
        centres = moved
        if settled:
            break
    return Clustering(centres=centres, labels=labels)


def _nearest(points: Floats, centres: Floats) -> Labels:
    codes, _ = vq(points, centres, check_finite=False)
    return np.asarray(codes, dtype=np.int64)


def _recentre(
    points: Floats, labels: Labels, n_centres: int, weights: Floats | None
) -> tuple[Floats, Labels]:
    """New centres as (weighted) means of their members; clusters without members vanish."""
    w = np.ones(points.shape[0]) if weights is None else weights
    mass = np.bincount(labels, weights=w, minlength=n_centres)
    sums = np.stack(
        [np.bincount(labels, weights=w * points[:, axis], minlength=n_centres) for axis in (0, 1)],
        axis=1,
    )
    kept = np.flatnonzero(mass > 0)
    renumber = np.full(n_centres, -1, dtype=np.int64)
    renumber[kept] = np.arange(kept.size)
    return sums[kept] / mass[kept, None], renumber[labels]


def _all_moved_less(new: Floats, old: Floats) -> bool:
    return bool(np.all(np.linalg.norm(new - old, axis=1) < CENTRE_TOLERANCE))


def distinct_in_order(points: Floats) -> Floats:
    """Distinct rows of ``points`` in order of first appearance."""
    if points.shape[0] == 0:
        return points
    _, first = np.unique(points, axis=0, return_index=True)
    return points[np.sort(first)]


def start_centres(points: Floats, k: int, previous: Floats | None) -> Floats:
    """Last run's centres topped up with the most distant points, or the first k distinct points.

    Topping up follows Pol.is: while fewer centres than possible, the point farthest from every
    centre becomes a new centre.
    """
    distinct = distinct_in_order(points)
    possible = min(k, distinct.shape[0])
    if previous is None or previous.shape[0] == 0:
        return distinct[:possible].copy()
    centres = distinct_in_order(previous)[:possible]
    while centres.shape[0] < possible:
        _, distances = vq(points, centres, check_finite=False)
        farthest = int(np.argmax(distances))
        if distances[farthest] <= 0:
            break
        centres = np.vstack([centres, points[farthest]])
    return np.asarray(centres, dtype=np.float64)


def base_clusters(positions: Floats, previous: Floats | None) -> Clustering:
    """Up to 100 small clusters of placed participants; the groups are built from these."""
    start = start_centres(positions, BASE_K, previous)
    return kmeans(positions, start, max_iterations=BASE_ITERATIONS)


def candidate_ks(n_base: int) -> range:
    return range(2, min(MAX_GROUPS, 2 + n_base // 12) + 1)


def group_clusterings(base: Clustering, previous: dict[int, Floats]) -> dict[int, Clustering]:
    """A weighted k-means of the base centres for every candidate k (2 … 5)."""
    sizes = np.bincount(base.labels, minlength=base.centres.shape[0]).astype(np.float64)
    result = {}
    for k in candidate_ks(base.centres.shape[0]):
        start = start_centres(base.centres, k, previous.get(k))
        if start.shape[0] < 2:
            continue
        result[k] = kmeans(base.centres, start, weights=sizes, max_iterations=GROUP_ITERATIONS)
    return result


def silhouette(points: Floats, labels: Labels) -> float:
    """Mean silhouette over base centres; a centre alone in its group scores 0 (as in Pol.is)."""
    n_labels = np.unique(labels).size
    if n_labels < 2 or n_labels >= points.shape[0]:
        return 0.0
    return float(silhouette_score(points, labels, metric="euclidean"))


def best_k(base: Clustering, clusterings: dict[int, Clustering]) -> int:
    """The k with the highest silhouette; ties go to the larger k."""
    scores = {k: silhouette(base.centres, c.labels) for k, c in clusterings.items()}
    return max(scores, key=lambda k: (scores[k], k))


def stable_labels(labels: Labels, members: list[int], previous: dict[int, int]) -> Labels:
    """Renumber groups 0…k-1 so that each keeps the id of the previous group it overlaps most.

    Without this, k-means numbering could swap two groups between runs and a facilitator would
    see the colours change sides. Fresh runs number groups by size, largest first.
    """
    n_groups = int(labels.max()) + 1 if labels.size else 0
    sizes = np.bincount(labels, minlength=n_groups)
    overlap = np.zeros((n_groups, n_groups))
    if previous:
        old = np.array([previous.get(member, -1) for member in members], dtype=np.int64)
        inside = (old >= 0) & (old < n_groups)
        np.add.at(overlap, (labels[inside], old[inside]), 1.0)
    # prefer overlap; break ties (and fresh runs) by size so the largest group gets id 0
    tie_break = sizes[:, None] * 1e-9 * (n_groups - np.arange(n_groups))[None, :]
    new_index, slot = linear_sum_assignment(-(overlap + tie_break))
    mapping = np.empty(n_groups, dtype=np.int64)
    mapping[new_index] = slot
    return mapping[labels]
