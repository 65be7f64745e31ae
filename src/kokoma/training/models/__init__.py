"""The models of the training, one module per noun: the curriculum, the cohorts with their
sessions, and the enrolments with attendance and practice projects."""

from .certificate import CODE_PATTERN, Certificate, normalised_code
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
    "CODE_PATTERN",
    "Attendance",
    "AttendanceStatus",
    "Certificate",
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
    "normalised_code",
]
