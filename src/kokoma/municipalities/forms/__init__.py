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
from .work_log import WorkLogEntryForm

__all__ = [
    "AuditFilterForm",
    "ContactForm",
    "CounsellingStructureForm",
    "MemberForm",
    "MunicipalityFilterForm",
    "MunicipalityProfileForm",
    "OnboardingForm",
    "PhaseChangeForm",
    "TandemForm",
    "WorkLogEntryForm",
    "external_companion_field",
]
