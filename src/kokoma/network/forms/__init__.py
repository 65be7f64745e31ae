from .event import DocumentationForm, EventDocumentForm, EventForm, RegistrationForm
from .member import ExpertInviteForm, MemberFilter, MemberForm

__all__ = [
    "DocumentationForm",
    "EventDocumentForm",
    "EventForm",
    "ExpertInviteForm",
    "MemberFilter",
    "MemberForm",
    "RegistrationForm",
]
