"""Which statement a participant sees next: new and divisive statements come first."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]

META_PRIORITY = 49.0


def priority(agree: Floats, disagree: Floats, seen: Floats, extremity: Floats) -> Floats:
    """Pol.is's priority: (importance · (1 + 8·2^(−S/5)))², with importance =
    (1 − (P+1)/(S+2)) · (E+1) · (A+1)/(S+2) and P = S − A − D the passes.

    The second factor lets a statement with few votes rise until enough people have seen it;
    passes push a statement down, agreement and extremity push it up.
    """
    passes = seen - agree - disagree
    importance = (1 - (passes + 1) / (seen + 2)) * (extremity + 1) * (agree + 1) / (seen + 2)
    return np.asarray((importance * (1 + 8 * np.power(2.0, -seen / 5))) ** 2)


DEFAULT_PRIORITY = float(priority(*(np.zeros(1),) * 4)[0])


def choose_next(
    priorities: Mapping[int, float], candidates: Sequence[int], rng: random.Random
) -> int | None:
    """Draw one candidate statement with probability proportional to its priority."""
    if not candidates:
        return None
    weights = [max(priorities.get(c, DEFAULT_PRIORITY), 0.0) for c in candidates]
    if sum(weights) <= 0:
        return rng.choice(list(candidates))
    return rng.choices(list(candidates), weights=weights, k=1)[0]
