"""The main navigation per role: an entry only where its page has something for the person."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.cases import services as case_services
from kokoma.municipalities.models import Municipality
from kokoma.start.navigation import main_navigation, reach
from kokoma.tasks import services as task_services

from ..conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db

HOME = reverse("start:home")
MUNICIPALITIES = reverse("municipalities:list")
NOTIFICATIONS = reverse("notifications:list")
CASES = reverse("caselist:list")
TASKS = reverse("tasks:mine")
GUIDANCE = reverse("guidance:list")
TAXONOMY = reverse("taxonomy:list")
ACCOUNT = reverse("accounts:profile")
BOARDS = reverse("boards:list")
TRAINING = reverse("training:cohort_list")
SUPERVISION = reverse("supervision:home")
POOL = reverse("supervision:pool")
NETWORK = reverse("network:home")

WORKING = [HOME, MUNICIPALITIES, NOTIFICATIONS, CASES, TASKS, ACCOUNT]
# The tandems set up their municipality's boards; the demo's boards have the Cottbus actor as
# chair and the Cottbus board member as member (docs/decisions/0026-advisory-boards.md).
# Whoever belongs to a municipality may apply for the training, so finds its cohorts.
# Everybody with a role in the programme belongs to its network, save a board member alone.
TANDEM = [HOME, MUNICIPALITIES, NOTIFICATIONS, CASES, TASKS, BOARDS, TRAINING, NETWORK, ACCOUNT]
# The process companions book supervision (docs/decisions/0027-supervision.md).
COMPANION = [
    HOME,
    MUNICIPALITIES,
    NOTIFICATIONS,
    CASES,
    TASKS,
    BOARDS,
    TRAINING,
    SUPERVISION,
    NETWORK,
    ACCOUNT,
]
EXPECTED = {
    "office": [
        HOME,
        MUNICIPALITIES,
        NOTIFICATIONS,
        CASES,
        BOARDS,
        TRAINING,
        POOL,
        NETWORK,
        GUIDANCE,
        TAXONOMY,
        ACCOUNT,
    ],
    "external": COMPANION,
    "external_other": COMPANION,  # pool companion of one municipality
    "local_a": COMPANION,
    "actor_a": TANDEM,  # chair of the Cottbus board
    "local_b": COMPANION,
    "actor_b": TANDEM,  # chair of the Bautzen board
    # a board member alone: the boards, not the municipality (docs/decisions/0026)
    "board_a": [HOME, NOTIFICATIONS, BOARDS, ACCOUNT],
    "trainee_a": [HOME, MUNICIPALITIES, NOTIFICATIONS, TRAINING, NETWORK, ACCOUNT],
    "trainer": [HOME, NOTIFICATIONS, TRAINING, NETWORK, ACCOUNT],
    # an expert of the network: the network, nothing of the municipalities
    "expert": [HOME, NOTIFICATIONS, NETWORK, ACCOUNT],
    # a supervisor: their slots and sessions, nothing of the municipalities
    "supervisor": [HOME, NOTIFICATIONS, SUPERVISION, NETWORK, ACCOUNT],
}


def nav_urls(user: Any) -> list[str]:
    return [entry.url for entry in main_navigation(user)]


@pytest.mark.parametrize(("role", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_each_role_sees_the_entries_that_lead_somewhere(
    persona: Persona, role: str, expected: list[str]
) -> None:
    assert nav_urls(persona(role)) == expected


@pytest.mark.parametrize("role", ["board_a", "supervisor", "local_a"])
def test_the_page_header_shows_exactly_these_entries(
    client: Client, login: Login, role: str
) -> None:
    user = login(role)
    html = client.get(HOME).content.decode()
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"', nav)
    assert links == nav_urls(user)
    assert re.search(rf'<a href="{HOME}" aria-current="page">', nav)


def test_the_entries_follow_what_the_person_gets(persona: Persona) -> None:
    """A board member who is given a task, or put on a case team, finds the way to it."""
    board = persona("board_a")
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    task_services.create_task(
        municipality=cottbus, by=persona("local_a"), title="Sitzung vorbereiten", assignee=board
    )
    assert nav_urls(persona("board_a")) == [HOME, NOTIFICATIONS, TASKS, BOARDS, ACCOUNT]
    case = case_services.open_case(municipality=cottbus, by=persona("local_a"), title="Beirat")
    case_services.add_team_member(case, by=persona("local_a"), user=board)
    assert CASES in nav_urls(persona("board_a"))


def test_the_current_page_is_marked(persona: Persona) -> None:
    entries = main_navigation(persona("actor_a"), view_name="tasks:mine", app_name="tasks")
    assert [entry.url for entry in entries if entry.current] == [TASKS]
    entries = main_navigation(persona("actor_a"), view_name="cases:detail", app_name="cases")
    assert [entry.url for entry in entries if entry.current] == [CASES]


def test_labels_follow_the_role(persona: Persona) -> None:
    office = {entry.url: entry.label for entry in main_navigation(persona("office"))}
    local = {entry.url: entry.label for entry in main_navigation(persona("local_a"))}
    assert office[MUNICIPALITIES] == "Kommunen" and local[MUNICIPALITIES] == "Meine Kommunen"
    assert re.fullmatch(r"Benachrichtigungen \(\d+ ungelesen\)", local[NOTIFICATIONS])


def test_the_decision_costs_few_queries_and_is_made_once_per_request(
    persona: Persona, django_assert_max_num_queries: Any
) -> None:
    board = persona("board_a")
    with django_assert_max_num_queries(2):  # the roles; case team and assigned tasks together
        reach(board)
    with django_assert_max_num_queries(0):
        reach(board)
    local = persona("local_a")
    with django_assert_max_num_queries(1):  # roles only: the tandem works with cases and tasks
        reach(local)


def test_anonymous_visitors_get_no_navigation(client: Client) -> None:
    assert 'class="main-nav"' not in client.get(HOME).content.decode()
