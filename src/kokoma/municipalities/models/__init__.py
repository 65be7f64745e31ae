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
from .work_log import WorkLogEntry, WorkLogEntryQuerySet

__all__ = [
    "Contact",
    "CounsellingStructure",
    "Land",
    "Municipality",
    "MunicipalityQuerySet",
    "Phase",
    "PhaseChange",
    "RegisterEntry",
    "WorkLogEntry",
    "WorkLogEntryQuerySet",
]
