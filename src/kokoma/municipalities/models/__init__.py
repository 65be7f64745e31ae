"""The models of the municipalities app, one module per noun."""

from .municipality import (
    Contact,
    CounsellingStructure,
    Land,
    Municipality,
    MunicipalityQuerySet,
    Phase,
    PhaseChange,
    RegisterEntry,
)
from .process import (
    CLOSED_STATUSES,
    STANDARD_MILESTONES,
    STEP_KINDS,
    Milestone,
    ProcessStep,
    StandardMilestone,
    StepDocument,
    StepKind,
    StepStatus,
)
from .work_log import WorkLogEntry, WorkLogEntryQuerySet

__all__ = [
    "CLOSED_STATUSES",
    "STANDARD_MILESTONES",
    "STEP_KINDS",
    "Contact",
    "CounsellingStructure",
    "Land",
    "Milestone",
    "Municipality",
    "MunicipalityQuerySet",
    "Phase",
    "PhaseChange",
    "ProcessStep",
    "RegisterEntry",
    "StandardMilestone",
    "StepDocument",
    "StepKind",
    "StepStatus",
    "WorkLogEntry",
    "WorkLogEntryQuerySet",
]
