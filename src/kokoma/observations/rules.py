import rules

from kokoma.municipalities.predicates import is_member, is_tandem

# Per municipality. The names keep the prefix from before observations had an app of their own.
rules.add_perm("cases.report_observation", is_member)
rules.add_perm("cases.triage_observations", is_tandem)
rules.add_perm("cases.publish_chronicle", is_tandem)
