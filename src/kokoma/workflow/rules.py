import rules

from kokoma.municipalities.predicates import (
    is_programme_office,
    is_tandem,
    is_working_member,
)

rules.add_perm("workflow.view_rules", is_programme_office | is_working_member)
rules.add_perm("workflow.change_rules", is_tandem)
