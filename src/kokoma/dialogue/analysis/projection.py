"""The map's two axes: PCA of the vote matrix with column-mean imputation, by power iteration.

With missing votes replaced by the column mean and the matrix centred at the column means, a
missing vote becomes exactly 0. The centred matrix therefore keeps the sparsity of the votes, and
the power iteration needs only sparse products — never a dense participants × statements array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .matrix import VoteMatrix

Floats = npt.NDArray[np.float64]

N_COMPONENTS = 2
MAX_ITERATIONS = 100
TOLERANCE = 1e-9
START_SEED = 20170101


@dataclass(frozen=True)
class Projection:
    """Column means, the two components (statements × 2) and every participant's position."""

    centre: Floats
    components: Floats
    positions: Floats
    extremity: Floats


def project(
    matrix: VoteMatrix, moderated: npt.NDArray[np.bool_], warm_start: Floats | None
) -> Projection:
    """Project every participant (placed or not) onto the first two principal components."""
    centred, centre = _centred_votes(matrix, moderated)
    components = _components_of_active_columns(centred, warm_start)
    positions = np.asarray(centred @ components) * _sparsity_scale(matrix, moderated)[:, None]
    return Projection(
        centre=centre,
        components=components,
        positions=positions,
        extremity=_statement_extremity(matrix, centre, components),
    )


def _centred_votes(
    matrix: VoteMatrix, moderated: npt.NDArray[np.bool_]
) -> tuple[sparse.csr_matrix, Floats]:
    """Votes minus their column mean, as CSR; moderated-out columns are all 0 and drop out."""
    sums = np.bincount(matrix.cols, weights=matrix.vals, minlength=matrix.n_statements)
    counts = matrix.votes_per_statement()
    centre = np.divide(sums, counts, out=np.zeros(matrix.n_statements), where=counts > 0)
    centre[moderated] = 0.0
    keep = ~moderated[matrix.cols]
    data = matrix.vals[keep] - centre[matrix.cols[keep]]
    centred = sparse.csr_matrix((data, (matrix.rows[keep], matrix.cols[keep])), shape=matrix.shape)
    return centred, centre


def _components_of_active_columns(centred: sparse.csr_matrix, warm_start: Floats | None) -> Floats:
    """Components over the columns that carry information; the others (moderated out, not yet
    voted on, everybody voted the same) get 0, so they neither move nor pull anybody."""
    active = np.bincount(centred.indices[centred.data != 0], minlength=centred.shape[1]) > 0
    components = np.zeros((centred.shape[1], N_COMPONENTS))
    if active.all():
        return _top_components(centred, warm_start)
    start = None if warm_start is None else warm_start[active]
    components[active] = _top_components(centred[:, active], start)
    return components


def _top_components(centred: sparse.csr_matrix, warm_start: Floats | None) -> Floats:
    """The two leading eigenvectors of XᵀX by block power iteration (≤ 100 iterations).

    Both vectors are iterated together and rotated by a 2 × 2 Rayleigh–Ritz step, which gives the
    same vectors as Pol.is's one-after-the-other iteration with deflation but needs one pass over
    the votes each way per iteration. A warm start from the last run usually converges in a few.
    """
    basis = _start_vectors(centred.shape[1], warm_start)
    if centred.shape[1] < N_COMPONENTS:
        return np.zeros((centred.shape[1], N_COMPONENTS))
    previous = basis
    for _ in range(MAX_ITERATIONS):
        scores = np.asarray(centred @ basis)
        _, rotation = np.linalg.eigh(scores.T @ scores)
        rotation = rotation[:, ::-1]
        ritz = _align_signs(basis @ rotation, previous)
        if np.max(np.abs(ritz - previous)) < TOLERANCE:
            return ritz
        previous = ritz
        image = np.asarray(centred.T @ (scores @ rotation))
        if not np.any(image):
            return ritz
        basis, _ = np.linalg.qr(image)
    return previous


def _start_vectors(n_statements: int, warm_start: Floats | None) -> Floats:
    """The previous components where known, else a fixed pseudo-random start (deterministic)."""
    start = np.random.default_rng(START_SEED).standard_normal((n_statements, N_COMPONENTS))
    if warm_start is not None and np.any(warm_start):
        start = 1e-3 * start + warm_start
    if n_statements < N_COMPONENTS:
        return start
    orthonormal, _ = np.linalg.qr(start)
    return _align_signs(np.asarray(orthonormal, dtype=np.float64), start)


def _align_signs(vectors: Floats, previous: Floats) -> Floats:
    """Keep each component pointing the way it pointed before, so the map does not flip."""
    signs = np.sign(np.sum(vectors * previous, axis=0))
    return np.asarray(vectors * np.where(signs == 0, 1.0, signs), dtype=np.float64)


def _sparsity_scale(matrix: VoteMatrix, moderated: npt.NDArray[np.bool_]) -> Floats:
    """√(statements / own votes): people who voted little do not collapse into the centre.

    Pol.is zeroes moderated-out columns for everyone, so they count as voted for every
    participant; only columns with at least one vote exist in Pol.is's matrix.
    """
    voted = matrix.votes_per_statement() > 0
    n_columns = int(voted.sum())
    moderated_voted = int((moderated & voted).sum())
    on_open = np.bincount(matrix.rows[~moderated[matrix.cols]], minlength=matrix.n_participants)
    own_votes = np.maximum(on_open + moderated_voted, 1)
    return np.asarray(np.sqrt(n_columns / own_votes), dtype=np.float64)


def _statement_extremity(matrix: VoteMatrix, centre: Floats, components: Floats) -> Floats:
    """Length of a lone agree vote's projected position: how far a statement pulls apart."""
    n_columns = int((matrix.votes_per_statement() > 0).sum())
    lengths = np.linalg.norm(components, axis=1)
    return np.asarray(np.sqrt(n_columns) * np.abs(1.0 - centre) * lengths, dtype=np.float64)
