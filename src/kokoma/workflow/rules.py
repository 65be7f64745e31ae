import rules

from kokoma.municipalities.predicates import is_member, is_programme_office, is_tandem

rules.add_perm("workflow.view_rules", is_programme_office | is_member)
rules.add_perm("workflow.change_rules", is_tandem)
