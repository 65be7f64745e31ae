from .certificate import RevokeForm, VerifyForm
from .cohort import CohortForm, MaterialForm, SessionForm
from .curriculum import CurriculumModuleForm
from .enrolment import (
    ApplicationForm,
    AttendanceForm,
    ConsentForm,
    DecisionForm,
    EnrolForm,
    ProjectForm,
    ReviewForm,
    municipalities_of,
)

__all__ = [
    "ApplicationForm",
    "AttendanceForm",
    "CohortForm",
    "ConsentForm",
    "CurriculumModuleForm",
    "DecisionForm",
    "EnrolForm",
    "MaterialForm",
    "ProjectForm",
    "ReviewForm",
    "RevokeForm",
    "SessionForm",
    "VerifyForm",
    "municipalities_of",
]
