from .event import Event, EventDocument, EventKind, EventRegistration, RegistrationStatus
from .member import ContactPreference, Member, MemberKind, Sector

__all__ = [
    "ContactPreference",
    "Event",
    "EventDocument",
    "EventKind",
    "EventRegistration",
    "Member",
    "MemberKind",
    "RegistrationStatus",
    "Sector",
]
