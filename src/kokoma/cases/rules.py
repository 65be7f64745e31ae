import rules

from kokoma.municipalities.predicates import (
    is_programme_office,
    is_tandem,
    is_working_member,
)

from .predicates import is_case_coordinator, is_on_case_team

# Cases (per case): need-to-know
rules.add_perm("cases.view_case", is_case_coordinator | is_on_case_team)
rules.add_perm("cases.change_case", is_case_coordinator | is_on_case_team)
rules.add_perm("cases.manage_team", is_case_coordinator)
rules.add_perm("cases.view_identity", is_case_coordinator)
rules.add_perm("cases.transition_case", is_case_coordinator | is_on_case_team)
rules.add_perm("cases.comment_case", is_case_coordinator | is_on_case_team)
# Case lists (per municipality); the programme office sees counts only
rules.add_perm("cases.list_cases", is_working_member)
rules.add_perm("cases.view_case_counts", is_programme_office | is_working_member)
rules.add_perm("cases.view_audit_log", is_tandem)
