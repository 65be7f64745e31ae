from .municipality import (
    AuditFilterForm,
    ContactForm,
    CounsellingStructureForm,
    MemberForm,
    MunicipalityFilterForm,
    MunicipalityProfileForm,
    OnboardingForm,
    PhaseChangeForm,
    TandemForm,
    external_companion_field,
)
from .process import MilestoneForm, NewMilestoneForm, ProcessFilterForm, StepForm
from .work_log import WorkLogEntryForm

__all__ = [
    "AuditFilterForm",
    "ContactForm",
    "CounsellingStructureForm",
    "MemberForm",
    "MilestoneForm",
    "MunicipalityFilterForm",
    "MunicipalityProfileForm",
    "NewMilestoneForm",
    "OnboardingForm",
    "PhaseChangeForm",
    "ProcessFilterForm",
    "StepForm",
    "TandemForm",
    "WorkLogEntryForm",
    "external_companion_field",
]
