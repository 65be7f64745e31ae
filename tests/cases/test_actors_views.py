"""The actor, relation and actor-map pages, as users try them (including bad input)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    ActorIdentity,
    Case,
    Relation,
    RelationKind,
)
from kokoma.municipalities.models import Municipality

from ..conftest import BAUTZEN, Login, Persona

if TYPE_CHECKING:
    pass


from .helpers import error_messages, url

pytestmark = pytest.mark.django_db


def actor_data(**changes: Any) -> dict[str, Any]:
    return {
        "pseudonym": "Anwohner:innen",
        "kind": "group",
        "influence": 3,
        "attitude": 0,
        **changes,
    }


def test_actor_add_edit_and_duplicate_pseudonym(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    assert client.post(url("actor_add", case), actor_data(real_name="Frau M.")).status_code == 302
    actor = case.actors.get()
    assert actor.identity.real_name == "Frau M."
    duplicate = client.post(url("actor_add", case), actor_data(role="Doppelt"))
    assert duplicate.status_code == 200 and duplicate.context["form"].errors["pseudonym"]
    assert "Doppelt" in duplicate.content.decode()
    assert case.actors.count() == 1
    edit = client.post(url("actor_edit", case, actor_id=actor.pk), actor_data(influence=5))
    assert edit.status_code == 302
    actor.refresh_from_db()
    assert actor.influence == 5
    assert not ActorIdentity.objects.filter(actor=actor).exists()  # name emptied → removed


def test_actor_of_another_case_cannot_be_edited_here(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    other = services.open_case(municipality=case.municipality, by=persona("local_a"), title="B")
    foreign = Actor.objects.create(case=other, pseudonym="Fremd", kind="person")
    login("local_a")
    assert client.get(url("actor_edit", case, actor_id=foreign.pk)).status_code == 404


def relation_data(source: Actor, target: Actor, **changes: Any) -> dict[str, Any]:
    return {
        "source": source.pk,
        "target": target.pk,
        "kind": RelationKind.CONFLICT,
        "strength": 2,
        "valid_from": "2026-01-01",
        "valid_to": "",
        "note": "Notiz",
        **changes,
    }


@pytest.fixture
def actors(case: Case) -> tuple[Actor, Actor]:
    return (
        Actor.objects.create(case=case, pseudonym="A", kind="person"),
        Actor.objects.create(case=case, pseudonym="B", kind="group"),
    )


def test_relation_add_edit_and_end(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor]
) -> None:
    login("actor_a")
    a, b = actors
    assert client.post(url("relation_add", case), relation_data(a, b)).status_code == 302
    relation = case.relations.get()
    edit = client.post(
        url("relation_edit", case, relation_id=relation.pk),
        relation_data(a, b, kind=RelationKind.COOPERATION, directed="on"),
    )
    assert edit.status_code == 302
    relation.refresh_from_db()
    assert relation.kind == RelationKind.COOPERATION and relation.directed
    end = client.post(
        url("relation_end", case, relation_id=relation.pk), {"end-valid_to": "2026-02-01"}
    )
    assert end.status_code == 302
    relation.refresh_from_db()
    assert relation.valid_to == datetime.date(2026, 2, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"valid_to": "2025-12-01"},
        {"valid_from": "2026-13-45"},
        {"valid_to": "kein Datum"},
        {"kind": "friendship"},
    ],
)
def test_relation_bad_input(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor], changes: dict[str, str]
) -> None:
    login("local_a")
    source, target = actors
    response = client.post(url("relation_add", case), relation_data(source, target, **changes))
    assert response.status_code == 200 and response.context["form"].errors
    assert "Notiz" in response.content.decode()
    assert not Relation.objects.filter(case=case).exists()


def test_relation_to_an_actor_of_another_case_is_refused(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor], persona: Persona
) -> None:
    other = services.open_case(
        municipality=Municipality.objects.get(register__ags=BAUTZEN),
        by=persona("local_b"),
        title="X",
    )
    foreign = Actor.objects.create(case=other, pseudonym="Fremd", kind="person")
    login("local_a")
    response = client.post(url("relation_add", case), relation_data(actors[0], foreign))
    assert response.status_code == 200 and response.context["form"].errors["target"]
    assert not Relation.objects.exists() or not Relation.objects.filter(target=foreign).exists()
    same = client.post(url("relation_add", case), relation_data(actors[0], actors[0]))
    assert same.status_code == 200 and same.context["form"].errors["target"]


def test_ending_before_the_start_is_refused(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor], persona: Persona
) -> None:
    relation = Relation.objects.create(
        case=case,
        source=actors[0],
        target=actors[1],
        kind="tension",
        valid_from=datetime.date(2026, 3, 1),
    )
    login("local_a")
    for value in ("2026-01-01", "nonsense"):
        response = client.post(
            url("relation_end", case, relation_id=relation.pk), {"end-valid_to": value}
        )
        assert response.status_code == 200
        assert response.context["end_form"].errors
    relation.refresh_from_db()
    assert relation.valid_to is None


def test_actor_map_for_a_date(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor]
) -> None:
    Relation.objects.create(
        case=case,
        source=actors[0],
        target=actors[1],
        kind="alliance",
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2025, 12, 31),
    )
    login("actor_a")
    then = client.get(url("actor_map", case), {"stichtag": "2025-06-01"})
    assert then.status_code == 200 and len(then.context["relations"]) == 1
    assert then.context["day"] == datetime.date(2025, 6, 1)
    assert 'role="img"' in then.content.decode()
    now = client.get(url("actor_map", case))
    assert now.context["day"] == datetime.date.today()  # noqa: DTZ011
    assert len(now.context["relations"]) == 0


def test_actor_map_with_an_invalid_date_falls_back_to_today(
    case: Case, client: Client, login: Login
) -> None:
    login("local_a")
    response = client.get(url("actor_map", case), {"stichtag": "2025-02-30"})
    assert response.status_code == 200
    assert response.context["day"] == datetime.date.today()  # noqa: DTZ011
    assert error_messages(response)
