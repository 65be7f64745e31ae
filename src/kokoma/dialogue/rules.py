import rules

from kokoma.cases.predicates import is_case_coordinator, is_on_case_team, is_open
from kokoma.municipalities.predicates import is_programme_office, is_tandem, is_working_member

from .predicates import facilitates, follows_public_dialogue, in_open_case

# On a municipality: its dialogues, and opening a public one.
rules.add_perm("dialogue.list_dialogues", is_programme_office | is_working_member)
rules.add_perm("dialogue.open_dialogue", is_programme_office | is_tandem)
# On a case: opening a dialogue inside it.
rules.add_perm("dialogue.open_case_dialogue", is_open & (is_case_coordinator | is_on_case_team))

# On a dialogue (or one of its statements).
rules.add_perm("dialogue.view_dialogue", facilitates | follows_public_dialogue)
rules.add_perm("dialogue.facilitate", facilitates)
rules.add_perm("dialogue.draft_agreement", facilitates & in_open_case)
