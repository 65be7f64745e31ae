import rules

from kokoma.cases.predicates import is_case_coordinator, is_on_case_team
from kokoma.network.predicates import is_network_member

# On a case: its team looks for what worked elsewhere; its coordinators share its summary.
rules.add_perm("outcomes.find_similar", is_case_coordinator | is_on_case_team)
rules.add_perm("outcomes.view_shared_draft", is_case_coordinator | is_on_case_team)
rules.add_perm("outcomes.share_case", is_case_coordinator)
# In the network: the shared summaries and the evidence figures.
rules.add_perm("outcomes.view_pool", is_network_member)
