from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import COMPANION_ROLES, Membership, MembershipRole, ProgrammeRole


def roles_by_municipality(user: Any) -> dict[int, set[str]]:
    """The user's membership roles per municipality id, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cache: dict[int, set[str]] | None = getattr(user, "_kokoma_roles", None)
    if cache is None:
        cache = {}
        for municipality_id, role in Membership.objects.filter(user=user).values_list(
            "municipality_id", "role"
        ):
            cache.setdefault(municipality_id, set()).add(role)
        user._kokoma_roles = cache
    return cache


def roles_in(user: Any, municipality: Any) -> set[str]:
    """The user's membership roles in a municipality, read once per user object."""
    if municipality is None:
        return set()
    return roles_by_municipality(user).get(municipality.pk, set())


@rules.predicate
def is_programme_office(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.programme_role == ProgrammeRole.OFFICE
    )


@rules.predicate
def is_member(user: Any, municipality: Any) -> bool:
    return bool(roles_in(user, municipality))


@rules.predicate
def is_tandem(user: Any, municipality: Any) -> bool:
    return bool(roles_in(user, municipality) & set(COMPANION_ROLES))


@rules.predicate
def is_working_member(user: Any, municipality: Any) -> bool:
    """A member with a role in the municipality's daily business. A board member who holds no
    other role sees their boards only, nothing else of the municipality (issue 11, item 3;
    docs/decisions/0026-advisory-boards.md)."""
    return bool(roles_in(user, municipality) - {MembershipRole.BOARD_MEMBER})
