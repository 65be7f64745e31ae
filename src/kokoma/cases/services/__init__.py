"""The writes of the cases app, one module per noun: every function takes the acting user as `by`,
runs in one transaction and writes the audit log.

Other apps call them through this package (`from kokoma.cases import services`); inside the app the
noun modules import each other directly.
"""

from .actors import (
    add_actor,
    add_relation,
    end_relation,
    set_identity,
    update_actor,
    update_relation,
)
from .assessments import assess_escalation, assess_threat
from .case import (
    StaleEdit,
    audit_case,
    new_reference,
    open_case,
    record_case_list_read,
    record_case_view,
    transition_case,
    update_case,
)
from .comments import mentions_in, people_who_see, post_comment
from .documents import check_upload, max_upload_bytes, record_document_download, upload_document
from .processing import (
    add_agreement,
    add_measure,
    add_procedure,
    close_case,
    delete_agreement,
    delete_measure,
    delete_procedure,
    owner_choices,
    update_agreement,
    update_measure,
    update_procedure,
)
from .team import add_team_member, remove_team_member

__all__ = [
    "StaleEdit",
    "add_actor",
    "add_agreement",
    "add_measure",
    "add_procedure",
    "add_relation",
    "add_team_member",
    "assess_escalation",
    "assess_threat",
    "audit_case",
    "check_upload",
    "close_case",
    "delete_agreement",
    "delete_measure",
    "delete_procedure",
    "end_relation",
    "max_upload_bytes",
    "mentions_in",
    "new_reference",
    "open_case",
    "owner_choices",
    "people_who_see",
    "post_comment",
    "record_case_list_read",
    "record_case_view",
    "record_document_download",
    "remove_team_member",
    "set_identity",
    "transition_case",
    "update_actor",
    "update_agreement",
    "update_case",
    "update_measure",
    "update_procedure",
    "update_relation",
    "upload_document",
]
