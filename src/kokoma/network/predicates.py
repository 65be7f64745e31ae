"""Who belongs to the inter-municipal network, and who may do what in it."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import MembershipRole, ProgrammeRole
from kokoma.municipalities.predicates import is_programme_office, roles_by_municipality

__all__ = ["is_network_member", "is_programme_office"]


@rules.predicate
def is_network_member(user: Any) -> bool:
    """Everybody with a role in the programme: its staff and pool (office, companions, trainers,
    supervisors, invited experts) and the people of the municipalities. A board member who holds
    no other role is not (an external board member joins a board, not the programme's network);
    nor is a freshly registered account that no municipality has taken in yet."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.programme_role and user.programme_role != ProgrammeRole.NONE:
        return True
    roles = set().union(*roles_by_municipality(user).values())
    return bool(roles - {MembershipRole.BOARD_MEMBER})
