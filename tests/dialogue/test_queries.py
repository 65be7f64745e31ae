"""The pages residents hit most – the statement to vote on and the vote – cost a fixed, small
number of queries, whatever the size of the dialogue (its map is read only for the priorities)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kokoma.dialogue import services
from kokoma.dialogue.models import Dialogue
from kokoma.dialogue.opinion_map import refresh_map

from ..conftest import Login
from . import factories

pytestmark = pytest.mark.django_db


def _dialogue_with_votes(voters: int) -> tuple[Dialogue, list[int]]:
    made = factories.dialogue(seeds=[f"Aussage {n}." for n in range(10)])
    for n in range(voters):
        factories.vote_all(made, factories.anonymous(made, f"q-browser-{n}"), [1, -1, 0] * 4)
    refresh_map(made.pk)
    return made, list(made.statements.values_list("pk", flat=True))


@pytest.mark.parametrize("voters", [3, 30])
def test_voting_costs_the_same_few_queries_at_any_size(
    voters: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    made, statements = _dialogue_with_votes(voters)
    page = reverse("dialogue_public:take_part", kwargs={"dialogue_key": made.key})
    vote = reverse("dialogue_public:vote", kwargs={"dialogue_key": made.key})
    client.post(vote, {"statement": statements[0], "value": "1"})  # the browser joins
    with django_assert_num_queries(7):
        client.get(page)
    # the vote's transaction (a savepoint in the test), the participant, the statement, the
    # upsert and the stored vote read back
    with django_assert_num_queries(7):
        client.post(vote, {"statement": statements[1], "value": "-1"})


def _queries(client: Client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_facilitators_pages_do_not_grow_with_dialogues_or_statements(
    client: Client, login: Login
) -> None:
    facilitator = login("local_a")
    made = factories.dialogue(seeds=[f"Aussage {n}." for n in range(3)])
    pages = [
        reverse("dialogue_municipality:list", kwargs={"ags": "12052000"}),
        reverse("dialogue:manage", kwargs={"dialogue_id": made.pk}),
        reverse("dialogue:map", kwargs={"dialogue_id": made.pk}),
    ]
    refresh_map(made.pk)
    before = [_queries(client, page) for page in pages]
    for n in range(5):
        factories.dialogue(question=f"Weitere Frage {n}?")
        services.add_statement(made, by=facilitator, text=f"Noch eine Aussage {n}.")
    for n in range(8):
        factories.vote_all(made, factories.anonymous(made, f"grow-{n}"), [1, -1, 0, 1, 1, -1, 0, 1])
    refresh_map(made.pk)
    after = [_queries(client, page) for page in pages]
    assert after == before
