from .event import (
    add_document,
    cancel_registration,
    change_event,
    create_event,
    delete_document,
    fill_from_waiting_list,
    register,
    send_reminders,
    set_documentation,
    waiting_position,
)
from .member import change_member, invite_expert, profile_for_municipality

__all__ = [
    "add_document",
    "cancel_registration",
    "change_event",
    "change_member",
    "create_event",
    "delete_document",
    "fill_from_waiting_list",
    "invite_expert",
    "profile_for_municipality",
    "register",
    "send_reminders",
    "set_documentation",
    "waiting_position",
]
