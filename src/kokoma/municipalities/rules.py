import rules

from .predicates import is_programme_office, is_tandem, is_working_member

rules.add_perm("municipalities.onboard_municipality", is_programme_office)
rules.add_perm("municipalities.search_register", is_programme_office)
rules.add_perm("municipalities.view_municipality", is_programme_office | is_working_member)
rules.add_perm("municipalities.change_phase", is_programme_office)
rules.add_perm("municipalities.assign_tandem", is_programme_office)
rules.add_perm("municipalities.change_profile", is_programme_office | is_tandem)
rules.add_perm("municipalities.manage_members", is_programme_office | is_tandem)
rules.add_perm("municipalities.view_members", is_programme_office | is_working_member)
rules.add_perm("municipalities.view_work_log", is_tandem)
rules.add_perm("municipalities.change_work_log", is_tandem)
# The accompaniment process: where it stands is shown to every working member; its details (notes,
# participants, documents) to the tandem and the programme office, which follows every
# municipality through it (not through the tandem's work log); the tandem leads it.
rules.add_perm("municipalities.view_process", is_programme_office | is_working_member)
rules.add_perm("municipalities.view_process_details", is_programme_office | is_tandem)
rules.add_perm("municipalities.change_process", is_tandem)
rules.add_perm("municipalities.view_process_matrix", is_programme_office)
