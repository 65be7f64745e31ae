"""The writes of the training, one module per noun: every function takes the acting person as
`by`, runs in one transaction and writes the audit log."""

from .certificate import issue_certificates, revoke_certificate
from .cohort import (
    CohortFields,
    SessionFields,
    add_cohort,
    add_session,
    change_cohort,
    change_session,
    delete_material,
    delete_session,
    upload_material,
)
from .curriculum import ModuleFields, add_module, change_module, delete_module
from .enrolment import (
    Decision,
    apply,
    decide,
    enrol,
    fill_from_waiting_list,
    give_consent,
    record_attendance,
    review_project,
    submit_project,
    waiting_position,
    withdraw,
)

__all__ = [
    "CohortFields",
    "Decision",
    "ModuleFields",
    "SessionFields",
    "add_cohort",
    "add_module",
    "add_session",
    "apply",
    "change_cohort",
    "change_module",
    "change_session",
    "decide",
    "delete_material",
    "delete_module",
    "delete_session",
    "enrol",
    "fill_from_waiting_list",
    "give_consent",
    "issue_certificates",
    "record_attendance",
    "review_project",
    "revoke_certificate",
    "submit_project",
    "upload_material",
    "waiting_position",
    "withdraw",
]
