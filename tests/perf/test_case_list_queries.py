"""The case list's number of queries is pinned and does not grow with more cases."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kokoma.cases import services
from kokoma.cases.models import EscalationAssessment
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db

LIST = reverse("caselist:list")
COTTBUS_LIST = reverse("caselist:municipality", args=[COTTBUS])

# Counted on the demo data; a higher count means a new query per page (or per row).
# +1 where no permission check has read the membership roles the main navigation needs, +1 for
# an actor's case teams (issue 9), +1 for the audit lines of the cases shown (one insert for all
# municipalities; issue 10) where the page lists cases.
PINNED = {
    ("local_a", LIST): 10,
    ("local_a", COTTBUS_LIST): 11,
    ("actor_a", COTTBUS_LIST): 12,
    ("office", LIST): 8,
    ("office", COTTBUS_LIST): 9,
}


def queries_for(client: Client, path: str, params: dict[str, str] | None = None) -> int:
    assert client.get(path, params).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(context)


def open_many(persona: Persona, count: int = 30) -> None:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    topics = list(Term.objects.filter(kind=TermKind.TOPIC)[:2])
    for index in range(count):
        case = services.open_case(
            municipality=cottbus,
            by=persona("local_a"),
            title=f"Lastfall {index}",
            summary="Viele Fälle",
            team=[persona("actor_a"), persona("board_a")],
        )
        case.topics.set(topics)
        EscalationAssessment.objects.create(
            case=case, stage=1 + index % 9, assessed_on=datetime.date(2025, 1, 1), rationale="x"
        )


@pytest.mark.parametrize(
    ("name", "path", "pinned"),
    [
        pytest.param(name, path, pinned, id=f"{name} {path}")
        for (name, path), pinned in PINNED.items()
    ],
)
def test_the_case_list_stays_within_its_pinned_number_of_queries(
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


@pytest.mark.parametrize(
    ("name", "path", "params"),
    [
        ("local_a", LIST, None),
        ("local_a", COTTBUS_LIST, {"status": "open", "glasl": "1-3"}),
        ("actor_a", COTTBUS_LIST, None),
        ("office", COTTBUS_LIST, None),
    ],
)
def test_the_case_list_does_not_grow_with_more_cases(
    client: Client,
    login: Login,
    persona: Persona,
    name: str,
    path: str,
    params: dict[str, str] | None,
) -> None:
    login(name)
    before = queries_for(client, path, params)
    open_many(persona)
    response = client.get(path, params)
    if name != "office" and not params:
        assert len(response.context["rows"]) == 25  # a full page
    assert queries_for(client, path, params) == before
