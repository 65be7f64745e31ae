"""The models of the training, one module per noun: the curriculum, the cohorts with their
sessions, and the enrolments with attendance and practice projects."""

from .cohort import (
    Cohort,
    CohortQuerySet,
    SessionFormat,
    SessionMaterial,
    TrainingSession,
)
from .curriculum import CurriculumModule
from .enrolment import (
    Attendance,
    AttendanceStatus,
    Consent,
    Enrolment,
    EnrolmentQuerySet,
    EnrolmentStatus,
    PracticeProject,
    ProjectStatus,
)

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "Cohort",
    "CohortQuerySet",
    "Consent",
    "CurriculumModule",
    "Enrolment",
    "EnrolmentQuerySet",
    "EnrolmentStatus",
    "PracticeProject",
    "ProjectStatus",
    "SessionFormat",
    "SessionMaterial",
    "TrainingSession",
]
