"""The start page of roles whose modules are still to come says what they will find, and whom to
ask until then (issue 9, item 8)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from kokoma.start.modules import coming_soon

from ..conftest import Login, Persona

pytestmark = pytest.mark.django_db

HOME = reverse("start:home")


def home(client: Client) -> str:
    with override("de"):
        response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_a_board_member_sees_their_day(client: Client, login: Login, persona: Persona) -> None:
    """The next meeting with its agenda, the open recommendations, the minutes to approve; no
    note that the module is still to come (the demo: docs/decisions/0026-advisory-boards.md)."""
    login("board_a")
    html = home(client)
    assert "Meine Beratungsgremien" in html
    assert "3. Sitzung 2026" in html  # the next meeting of the Cottbus board
    assert "Stand der Empfehlungen" in html  # its agenda
    assert "Vertrauliche Fallberatung" in html  # a member sees confidential items
    assert "Beleuchtung des Weges zur Haltestelle Sandow" in html  # open, in progress
    assert "Videoüberwachung" not in html  # dropped
    assert "2. Sitzung 2026" in html  # minutes to approve
    assert "Das Modul für Beratungsgremien ist in Vorbereitung" not in html
    assert "Was Sie hier finden werden" not in html
    assert 'id="tasks-heading"' not in html  # no task of theirs, and no task section


def test_a_board_member_in_no_board_yet_reads_the_note(
    client: Client, login: Login, persona: Persona
) -> None:
    from kokoma.boards.models import BoardMember

    BoardMember.objects.filter(user=persona("board_a")).delete()
    login("board_a")
    html = home(client)
    assert "Was Sie hier finden werden" in html
    assert "noch in keinem Beratungsgremium" in html
    # whom to ask: the tandem of Cottbus and the programme office, with their addresses
    for who in ("local_a", "external", "office"):
        assert f'href="mailto:{persona(who).email}"' in html
    assert persona("local_b").email not in html


def test_a_supervisor_sees_their_next_slots_and_nothing_empty(client: Client, login: Login) -> None:
    login("supervisor")
    html = home(client)
    assert 'id="supervision-heading"' in html
    assert "Meine nächsten Termine" in html
    assert 'id="coming-heading"' not in html  # the module is there: no "coming soon" note
    for empty in ('id="mine-heading"', 'id="tasks-heading"', 'id="news-heading"'):
        assert empty not in html


@pytest.mark.parametrize("role", ["office", "external", "local_a", "actor_a"])
def test_the_working_roles_get_no_such_note(
    client: Client, login: Login, persona: Persona, role: str
) -> None:
    assert coming_soon(persona(role)) is None
    login(role)
    assert 'id="coming-heading"' not in home(client)
