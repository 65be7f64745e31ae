"""The writes of the municipalities app, one module per noun: every function takes the acting
user as `by`, runs in one transaction and writes the audit log."""

from .municipality import (
    ContactFields,
    CounsellingStructureFields,
    MemberFields,
    ProfileFields,
    add_contact,
    add_counselling_structure,
    add_member,
    assign_tandem,
    change_contact,
    change_counselling_structure,
    change_member,
    change_phase,
    change_profile,
    delete_contact,
    delete_counselling_structure,
    onboard_municipality,
    remove_member,
)
from .work_log import (
    WorkLogEntryFields,
    add_work_log_entry,
    change_work_log_entry,
    delete_work_log_entry,
)

__all__ = [
    "ContactFields",
    "CounsellingStructureFields",
    "MemberFields",
    "ProfileFields",
    "WorkLogEntryFields",
    "add_contact",
    "add_counselling_structure",
    "add_member",
    "add_work_log_entry",
    "assign_tandem",
    "change_contact",
    "change_counselling_structure",
    "change_member",
    "change_phase",
    "change_profile",
    "change_work_log_entry",
    "delete_contact",
    "delete_counselling_structure",
    "delete_work_log_entry",
    "onboard_municipality",
    "remove_member",
]
