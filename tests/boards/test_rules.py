"""Role matrix per board permission, written out by hand from the programme's rules.

Demo boards (src/kokoma/demo/boards.py): the Cottbus board (the Cottbus actor chairs it, the
board member is a member), the Bautzen board (the Bautzen actor chairs it) and the
inter-municipal board (the office chairs it; the local companions of Cottbus and Bautzen are
members, the Cottbus board member is a guest). `external` is in the tandem of Cottbus and Bautzen.
"""

import pytest
import rules

from kokoma.boards.models import Board
from tests.conftest import Persona

pytestmark = pytest.mark.django_db

Y, N = True, False
ROLES = ["office", "external", "external_other", "supervisor", "local_a", "actor_a", "board_a",
         "trainee_a", "local_b", "actor_b"]  # fmt: skip

#                  Cottbus, Bautzen, inter-municipal
VIEW = {
    "office": (Y, Y, Y),
    "external": (Y, Y, N),
    "external_other": (N, N, N),
    "supervisor": (N, N, N),
    "local_a": (Y, N, Y),
    "actor_a": (Y, N, N),
    "board_a": (Y, N, Y),
    "trainee_a": (N, N, N),
    "local_b": (N, Y, Y),
    "actor_b": (N, Y, N),
}
CONFIDENTIAL = {**VIEW, "board_a": (Y, N, N)}  # a guest does not see confidential items
MANAGE = {
    "office": (Y, Y, Y),
    "external": (Y, Y, N),
    "external_other": (N, N, N),
    "supervisor": (N, N, N),
    "local_a": (Y, N, N),
    "actor_a": (N, N, N),
    "board_a": (N, N, N),
    "trainee_a": (N, N, N),
    "local_b": (N, Y, N),
    "actor_b": (N, N, N),
}
CONVENE = {**MANAGE, "actor_a": (Y, N, N), "actor_b": (N, Y, N)}  # the chairs

TABLES = {
    "boards.view_board": VIEW,
    "boards.view_confidential": CONFIDENTIAL,
    "boards.manage_board": MANAGE,
    "boards.convene_meeting": CONVENE,
    "boards.record_resolution": CONVENE,
}
BOARDS = [
    "Lokaler Beirat Zusammenleben Cottbus",
    "Beirat Demokratie und Vielfalt Bautzen",
    "Kommunenübergreifender Beirat",
]


@pytest.mark.parametrize("permission", TABLES)
@pytest.mark.parametrize("role", ROLES)
def test_truth_table(permission: str, role: str, persona: Persona) -> None:
    user = persona(role)
    boards = [Board.objects.get(name=name) for name in BOARDS]
    answers = tuple(rules.has_perm(permission, user, board) for board in boards)
    assert answers == TABLES[permission][role]
    # the scope agrees with the right to read
    visible = tuple(Board.objects.visible_to(user).filter(pk=b.pk).exists() for b in boards)
    assert visible == VIEW[role]


ADD_BOARD = {"office", "external", "external_other", "local_a", "local_b"}


@pytest.mark.parametrize("role", ROLES)
def test_who_sets_up_boards(role: str, persona: Persona) -> None:
    assert rules.has_perm("boards.add_board", persona(role)) == (role in ADD_BOARD)


def test_the_responsible_person_may_change_the_status(persona: Persona) -> None:
    cottbus = Board.objects.get(name=BOARDS[0])
    assert rules.has_perm("boards.change_resolution_status", persona("actor_a"), cottbus)
    assert not rules.has_perm("boards.change_resolution_status", persona("board_a"), cottbus)


def test_a_former_member_sees_the_board_no_more(persona: Persona) -> None:
    from kokoma.boards import services

    board_member = persona("board_a")
    cottbus = Board.objects.get(name=BOARDS[0])
    membership = cottbus.members.get(user=board_member)
    services.end_membership(membership, by=persona("local_a"))
    board_member = persona("board_a")  # a fresh user object: the memberships are read again
    assert not Board.objects.visible_to(board_member).filter(pk=cottbus.pk).exists()
    # ended today: left_on is not after today, so the membership is no longer active
    assert not rules.has_perm("boards.view_board", board_member, cottbus)
