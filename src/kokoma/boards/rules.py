import rules

from .predicates import (
    is_any_tandem,
    is_board_full_member,
    is_board_lead,
    is_board_member,
    is_board_tandem,
    is_programme_office,
    is_responsible_in_board,
)

organises = is_programme_office | is_board_tandem | is_board_lead

rules.add_perm("boards.add_board", is_programme_office | is_any_tandem)
rules.add_perm("boards.view_board", is_programme_office | is_board_tandem | is_board_member)
rules.add_perm(
    "boards.view_confidential", is_programme_office | is_board_tandem | is_board_full_member
)
rules.add_perm("boards.manage_board", is_programme_office | is_board_tandem)
rules.add_perm("boards.convene_meeting", organises)
rules.add_perm("boards.record_resolution", organises)
rules.add_perm("boards.change_resolution_status", organises | is_responsible_in_board)
