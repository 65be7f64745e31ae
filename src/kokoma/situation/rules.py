import rules

from kokoma.municipalities.predicates import (
    is_programme_office,
    is_tandem,
    is_working_member,
)

# The situation picture: counts for the municipality's members and the programme office; lines
# that name a case are filtered by Case.objects.visible_to(user) in the view (need-to-know).
rules.add_perm("situation.view_situation", is_programme_office | is_working_member)
# Prevention measures are not tied to a case: readable like the picture, kept by the tandem.
rules.add_perm("situation.view_prevention_measures", is_programme_office | is_working_member)
rules.add_perm("situation.manage_prevention_measures", is_tandem)
