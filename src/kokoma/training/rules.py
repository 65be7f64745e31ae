import rules

from .predicates import is_programme_office

# The curriculum is the programme's public promise of what the training teaches: every
# signed-in person reads it (the list is `login_only`); the programme office keeps it.
rules.add_perm("training.change_curriculum", is_programme_office)
