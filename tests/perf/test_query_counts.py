"""The number of queries per page is pinned and does not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import MembershipRole
from kokoma.municipalities import services
from kokoma.municipalities.models import (
    Contact,
    CounsellingStructure,
    Municipality,
    Phase,
    WorkLogEntry,
)
from tests.conftest import COTTBUS, Login, Persona
from tests.municipalities.factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db

LIST = reverse("municipalities:list")
HOME = reverse("start:home")
COTTBUS_PAGE = reverse("municipalities:detail", args=[COTTBUS])

# Counted on the demo data; a higher count means a new query per page (or per row).
# The main navigation (issue 9) costs each page the person's membership roles, unless a
# permission check has read them already, and for people outside a municipality's daily
# business (actors, board members, supervisors …) one more: their case teams and tasks.
PINNED = {
    ("office", LIST): 6,
    ("external", LIST): 8,
    ("local_a", LIST): 8,
    ("supervisor", LIST): 7,
    # the start page: +1 for the open early-warning alerts and +1 for the assigned tasks (one
    # query each, whatever their number); the boards panel +1 for the board memberships and, for
    # a board member (office, local_a, actor_a in the demo), +4: the next meeting, its agenda,
    # the open resolutions and the minutes to approve, whatever their number; the office's
    # start page +1 for the stalled accompaniment processes; the training panel +1 for the
    # person's registrations, +1 for the cohorts open for application, +1 for a tandem's
    # applications awaiting consent, +1 for the office's applications to decide, and for each
    # cohort a participant is enrolled in +4 (next session, sessions, attendance, project); the
    # supervision panel +1 for a process companion's next booked session, and for a supervisor
    # their next slots with who booked them (+2, in place of the "coming soon" note's contacts);
    # whether someone outside the tandems holds a certificate (and so books supervision) is
    # asked in the navigation's query; the network panel +2 for the person's registrations and
    # the next event open for registration, and for an expert +1 for their profile; the
    # dialogue panel +1 for the running dialogues a person with a municipality (or the office)
    # moderates
    ("office", HOME): 19,
    ("external", HOME): 17,
    ("supervisor", HOME): 11,
    ("local_a", HOME): 21,
    ("actor_a", HOME): 20,
    ("trainee_a", HOME): 17,
    ("trainer", HOME): 11,
    ("expert", HOME): 10,
    # the municipality page: +1 for where its accompaniment process stands
    ("office", COTTBUS_PAGE): 10,
    ("external", COTTBUS_PAGE): 12,
    ("local_a", COTTBUS_PAGE): 12,
    ("actor_a", COTTBUS_PAGE): 13,
}


def queries_for(client: Client, path: str) -> int:
    """The queries of one request, after a first request has warmed session and caches."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


def onboard_many(persona: Persona, count: int = 30) -> None:
    """`count` more participating municipalities, each with a full tandem and one actor."""
    office, pool = persona("office"), persona("external")
    for index, register in enumerate(RegisterEntryFactory.create_batch(count)):
        municipality = services.onboard_municipality(
            by=office,
            register=register,
            joined_on=datetime.date(2025, 1, 1),
            external_companion=pool,
            local_companion_email=f"lokal{index}@example.org",
            local_companion_name=f"Lokale Begleitung {index}",
        )
        services.add_member(
            municipality,
            by=office,
            email=f"akteur{index}@example.org",
            display_name=f"Akteur {index}",
            role=MembershipRole.ACTOR,
        )


@pytest.mark.parametrize(
    ("name", "path", "pinned"),
    [
        pytest.param(name, path, pinned, id=f"{name} {path}")
        for (name, path), pinned in PINNED.items()
    ],
)
def test_pages_stay_within_their_pinned_number_of_queries(
    client: Client,
    login: Login,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    name: str,
    path: str,
    pinned: int,
) -> None:
    login(name)
    client.get(path)
    with django_assert_max_num_queries(pinned):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("name", ["office", "external"])
def test_the_municipality_list_does_not_grow_with_more_municipalities(
    client: Client, login: Login, persona: Persona, name: str
) -> None:
    login(name)
    before = queries_for(client, LIST)
    onboard_many(persona)
    response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25  # a full page, with tandems shown
    assert queries_for(client, LIST) == before


@pytest.mark.parametrize("name", ["office", "external"])
def test_the_start_page_does_not_grow_with_more_municipalities(
    client: Client, login: Login, persona: Persona, name: str
) -> None:
    login(name)
    before = queries_for(client, HOME)
    onboard_many(persona)
    assert queries_for(client, HOME) == before


def test_the_municipality_page_does_not_grow_with_more_records(
    client: Client, login: Login, persona: Persona
) -> None:
    login("local_a")
    before = queries_for(client, COTTBUS_PAGE)
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    Contact.objects.bulk_create(
        Contact(municipality=cottbus, name=f"Kontakt {i}", function="Amt") for i in range(30)
    )
    CounsellingStructure.objects.bulk_create(
        CounsellingStructure(municipality=cottbus, name=f"Stelle {i}", kind="other")
        for i in range(30)
    )
    WorkLogEntry.objects.bulk_create(
        WorkLogEntry(
            municipality=cottbus,
            date=datetime.date(2025, 1, 1),
            participants="Tandem",
            topic=f"Treffen {i}",
            author=persona("external"),
        )
        for i in range(30)
    )
    for index in range(10):
        services.add_member(
            cottbus,
            by=persona("local_a"),
            email=f"mitglied{index}@example.org",
            display_name=f"Mitglied {index}",
            role=MembershipRole.BOARD_MEMBER,
        )
    for index, phase in enumerate([Phase.TRANSFER, Phase.ACTIVE] * 3):
        services.change_phase(
            cottbus,
            by=persona("office"),
            to_phase=phase,
            effective_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=index),
        )
    assert queries_for(client, COTTBUS_PAGE) == before
