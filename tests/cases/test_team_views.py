"""The case team page: adding and removing members, and who may."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client

from kokoma.cases.models import (
    Case,
)

from ..conftest import Login, Persona

if TYPE_CHECKING:
    pass


from .helpers import url

pytestmark = pytest.mark.django_db


def test_team_add_and_remove(case: Case, client: Client, login: Login, persona: Persona) -> None:
    board = persona("board_a")
    login("local_a")
    assert client.post(url("team", case), {"user": board.pk}).status_code == 302
    member = case.team.get(user=board)
    client.force_login(board)
    assert client.get(url("detail", case)).status_code == 200
    login("local_a")
    assert client.post(url("team_remove", case, member_id=member.pk)).status_code == 302
    assert not case.team.filter(user=board).exists()
    client.force_login(board)
    assert client.get(url("detail", case)).status_code == 404


def test_team_refuses_people_outside_the_municipality(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    login("local_a")
    response = client.post(url("team", case), {"user": persona("local_b").pk})
    assert response.status_code == 200 and response.context["form"].errors["user"]
    assert not case.team.filter(user=persona("local_b")).exists()


def test_team_members_cannot_manage_the_team(case: Case, client: Client, login: Login) -> None:
    login("actor_a")
    assert client.get(url("team", case)).status_code == 403
