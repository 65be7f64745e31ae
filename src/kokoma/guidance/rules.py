import rules

from kokoma.cases.predicates import is_case_coordinator, is_on_case_team
from kokoma.municipalities.predicates import is_programme_office, is_tandem

# Programme-wide: the programme office maintains the checklists.
rules.add_perm("guidance.manage_guidance", is_programme_office)
# Per municipality: its tandem keeps the municipality's own checklists (e.g. from a transfer model).
rules.add_perm("guidance.manage_own_guidance", is_tandem)
# Per case: whoever may change the case may tick its checklists.
rules.add_perm("guidance.tick", is_case_coordinator | is_on_case_team)
