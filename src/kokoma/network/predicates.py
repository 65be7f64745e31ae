"""Who belongs to the inter-municipal network, and who may do what in it."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import COMPANION_ROLES, MembershipRole, ProgrammeRole
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


@rules.predicate
def is_network_expert(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.programme_role == ProgrammeRole.EXPERT
    )


@rules.predicate
def organises(user: Any, event: Any) -> bool:
    """One of the event's organisers (read with the event's organisers, once per event)."""
    if event is None or not user.is_authenticated:
        return False
    cache: set[int] | None = getattr(event, "_kokoma_organiser_ids", None)
    if cache is None:
        cache = set(event.organisers.values_list("pk", flat=True))
        event._kokoma_organiser_ids = cache
    return user.pk in cache


@rules.predicate
def keeps_profile(user: Any, member: Any) -> bool:
    """The expert their own profile; a municipality's profile its tandem."""
    if member is None or not user.is_authenticated or not user.is_active:
        return False
    if member.person_id is not None:
        return bool(member.person_id == user.pk)
    roles = roles_by_municipality(user).get(member.municipality_id, set())
    return bool(roles & set(COMPANION_ROLES))
