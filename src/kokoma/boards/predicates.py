"""Who may do what with a board. Each predicate takes the user and the board."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import COMPANION_ROLES
from kokoma.municipalities.predicates import is_programme_office, roles_by_municipality


def board_functions(user: Any) -> dict[int, str]:
    """The user's active board memberships: board id → function (one query per user object)."""
    return _memberships(user)


def remember_functions(user: Any, functions: dict[int, str]) -> None:
    """Keep what a page has read already (the start page reads the memberships with the boards)."""
    user._kokoma_boards = functions


def _memberships(user: Any) -> dict[int, str]:
    """The user's active board memberships: board id → function, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cache: dict[int, str] | None = getattr(user, "_kokoma_boards", None)
    if cache is None:
        from .models import BoardMember

        cache = dict(
            BoardMember.objects.active().filter(user=user).values_list("board_id", "function")
        )
        user._kokoma_boards = cache
    return cache


@rules.predicate
def is_board_member(user: Any, board: Any) -> bool:
    return board is not None and board.pk in _memberships(user)


@rules.predicate
def is_board_full_member(user: Any, board: Any) -> bool:
    """A member other than a guest: guests do not see confidential items."""
    return board is not None and _memberships(user).get(board.pk, "guest") != "guest"


@rules.predicate
def is_board_lead(user: Any, board: Any) -> bool:
    return board is not None and _memberships(user).get(board.pk) in ("chair", "deputy")


@rules.predicate
def is_board_tandem(user: Any, board: Any) -> bool:
    """The tandem of the municipality of a local board."""
    if board is None or board.municipality_id is None:
        return False
    roles = roles_by_municipality(user).get(board.municipality_id, set())
    return bool(roles & set(COMPANION_ROLES))


@rules.predicate
def is_responsible_in_board(user: Any, board: Any) -> bool:
    from .models import Resolution

    return (
        board is not None
        and user.is_authenticated
        and Resolution.objects.filter(item__meeting__board=board, responsible=user).exists()
    )


@rules.predicate
def is_any_tandem(user: Any) -> bool:
    return any(roles & set(COMPANION_ROLES) for roles in roles_by_municipality(user).values())


def is_board_member_somewhere(user: Any) -> bool:
    return bool(_memberships(user))


__all__ = [
    "is_any_tandem",
    "is_board_full_member",
    "is_board_lead",
    "is_board_member",
    "is_board_member_somewhere",
    "is_board_tandem",
    "is_programme_office",
    "is_responsible_in_board",
]
