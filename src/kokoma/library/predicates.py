"""Who may see and keep what in the library."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import COMPANION_ROLES, ProgrammeRole
from kokoma.municipalities.predicates import roles_by_municipality
from kokoma.network.predicates import is_network_member, is_programme_office

__all__ = ["added_resource", "is_network_member", "is_programme_office", "is_programme_staff"]

# The roles of the programme's own people, who see the items meant for them alone.
STAFF_PROGRAMME_ROLES = frozenset(
    {
        ProgrammeRole.OFFICE,
        ProgrammeRole.EXTERNAL_COMPANION,
        ProgrammeRole.TRAINER,
        ProgrammeRole.SUPERVISOR,
        ProgrammeRole.EXPERT,
    }
)


@rules.predicate
def is_programme_staff(user: Any) -> bool:
    """The programme office, the process companions (the pool's external companions and the
    local companions of the municipalities), trainers, supervisors and the network's experts —
    not the municipal actors, the training's participants or board members
    (docs/decisions/0030-forum-and-library.md)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.programme_role in STAFF_PROGRAMME_ROLES:
        return True
    roles = set().union(*roles_by_municipality(user).values())
    return bool(roles & set(COMPANION_ROLES))


@rules.predicate
def added_resource(user: Any, resource: Any) -> bool:
    return bool(
        resource is not None and user.is_authenticated and resource.created_by_id == user.pk
    )
