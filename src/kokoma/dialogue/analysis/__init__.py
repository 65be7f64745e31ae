"""The opinion map's mathematics, after the Pol.is method (../docs/dialogue-method.md).

Pure numpy / scipy / scikit-learn: nothing here imports Django, so the analysis runs the same in a
background job, in the ``analyse_polis_export`` command and in the benchmark.
"""

from .matrix import AGREE, DISAGREE, PASS, VoteMatrix, build_matrix
from .pipeline import analyse
from .priority import DEFAULT_PRIORITY, META_PRIORITY, choose_next
from .results import Analysis, Group, State
from .statistics import Repness

__all__ = [
    "AGREE",
    "DEFAULT_PRIORITY",
    "DISAGREE",
    "META_PRIORITY",
    "PASS",
    "Analysis",
    "Group",
    "Repness",
    "State",
    "VoteMatrix",
    "analyse",
    "build_matrix",
    "choose_next",
]
