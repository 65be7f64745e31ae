import rules

from .predicates import (
    is_case_coordinator,
    is_network_member,
    is_on_case_team,
    is_on_its_case,
    is_open_consultation,
    is_shared_consultation,
)

# On the case (the object is the case)
rules.add_perm("consultation.view_case_consultations", is_case_coordinator | is_on_case_team)
rules.add_perm("consultation.draft_consultation", is_case_coordinator | is_on_case_team)
rules.add_perm("consultation.approve_consultation", is_case_coordinator)
rules.add_perm("consultation.close_consultation", is_case_coordinator)
# In the network (the object is the consultation)
rules.add_perm(
    "consultation.view_consultation", (is_network_member & is_shared_consultation) | is_on_its_case
)
rules.add_perm(
    "consultation.answer_consultation",
    is_network_member & is_open_consultation & ~is_on_its_case,
)
