import rules

from kokoma.municipalities.predicates import is_programme_office

# The permission keeps its name from before the vocabulary had an app of its own.
rules.add_perm("cases.manage_taxonomy", is_programme_office)
