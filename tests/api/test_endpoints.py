"""The API's answers per role: only what the pages would show, errors as problem documents."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.boards import services as board_services
from kokoma.cases.models import Case
from kokoma.demo.dialogue import PUBLIC_QUESTION
from kokoma.dialogue.models import Dialogue, StatementStatus
from kokoma.dialogue.opinion_map import refresh_map
from kokoma.observations.models import Observation

from ..boards.factories import cottbus_board, meeting, office
from ..conftest import BAUTZEN, COTTBUS, Persona
from .conftest import ApiAs, ApiClient

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_without_a_token_the_answer_is_a_401_problem(client: Client) -> None:
    response = client.get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401 and body["title"] and "Bearer" in body["detail"]


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer kkm_" + "x" * 43, "Basic abc"])
def test_a_malformed_or_unknown_token_is_refused(client: Client, header: str) -> None:
    response = client.get("/api/v1/cases/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_cases_are_those_of_the_case_list(api_as: ApiAs, persona: Persona) -> None:
    local_a = api_as("local_a")
    response = local_a.get("/api/v1/cases/", page_size=100)
    assert response.status_code == 200
    body = response.json()
    expected = set(Case.objects.visible_to(persona("local_a")).values_list("reference", flat=True))
    assert {item["reference"] for item in body["items"]} == expected
    assert body["count"] == len(expected)
    assert {item["municipality"] for item in body["items"]} == {COTTBUS}


def test_a_case_of_another_municipality_is_not_found(api_as: ApiAs) -> None:
    foreign = Case.objects.filter(municipality__register__ags=BAUTZEN).first()
    assert foreign is not None
    response = api_as("local_a").get(f"/api/v1/cases/{foreign.reference}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert foreign.title not in response.content.decode()


def test_a_page_past_the_end_is_a_404_problem(api_as: ApiAs) -> None:
    response = api_as("local_a").get("/api/v1/cases/", page=999)
    assert response.status_code == 404
    assert "999" in response.json()["detail"]


def test_an_unknown_filter_value_is_a_422_problem(api_as: ApiAs) -> None:
    response = api_as("local_a").get("/api/v1/cases/", status="sometimes")
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "status"


def test_reading_a_case_is_audited_as_on_its_page(api_as: ApiAs, persona: Persona) -> None:
    case = Case.objects.visible_to(persona("local_a")).first()
    assert case is not None
    before = AuditEntry.objects.filter(object_id=str(case.pk), action=AuditAction.VIEW).count()
    client = api_as("local_a")
    assert client.get(f"/api/v1/cases/{case.reference}").status_code == 200
    actors = client.get(f"/api/v1/cases/{case.reference}/actors")
    assert actors.status_code == 200
    assert {a["pseudonym"] for a in actors.json()["items"]} == set(
        case.actors.values_list("pseudonym", flat=True)
    )
    after = AuditEntry.objects.filter(object_id=str(case.pk), action=AuditAction.VIEW).count()
    assert after == before + 2


@pytest.mark.parametrize(
    "part", ["actors", "relations", "assessments", "procedures", "measures", "agreements"]
)
def test_every_part_of_a_case_is_need_to_know(api_as: ApiAs, part: str) -> None:
    foreign = Case.objects.filter(municipality__register__ags=BAUTZEN).first()
    assert foreign is not None
    assert api_as("local_a").get(f"/api/v1/cases/{foreign.reference}/{part}").status_code == 404
    assert api_as("local_b").get(f"/api/v1/cases/{foreign.reference}/{part}").status_code == 200


def test_recording_an_observation(api_as: ApiAs, persona: Persona) -> None:
    body = {
        "municipality": COTTBUS,
        "occurred_on": timezone.localdate().isoformat(),
        "place": "Marktplatz",
        "description": "Plakate mit Drohungen am Rathaus",
        "severity": 3,
        "topics": [],
    }
    response = api_as("actor_a", "write").post("/api/v1/observations/", body)
    assert response.status_code == 201, response.content
    reference = response.json()["reference"]
    observation = Observation.objects.get(reference=reference)
    assert observation.reporter == persona("actor_a")
    assert observation.municipality.ags == COTTBUS
    assert AuditEntry.objects.filter(
        object_type="observations.Observation", object_id=str(observation.pk)
    )


def test_an_observation_with_bad_input_is_refused_and_nothing_is_stored(api_as: ApiAs) -> None:
    before = Observation.objects.count()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client = api_as("actor_a", "write")
    bad_date = client.post(
        "/api/v1/observations/",
        {"municipality": COTTBUS, "occurred_on": tomorrow, "place": "x", "description": "y"},
    )
    assert bad_date.status_code == 422
    assert bad_date["Content-Type"] == PROBLEM
    assert bad_date.json()["errors"][0]["field"] == "occurred_on"
    missing = client.post("/api/v1/observations/", {"municipality": COTTBUS})
    assert missing.status_code == 422
    assert {error["field"] for error in missing.json()["errors"]} >= {"place", "description"}
    foreign = client.post(
        "/api/v1/observations/",
        {"municipality": BAUTZEN, "occurred_on": "2026-01-01", "place": "x", "description": "y"},
    )
    assert foreign.status_code == 404
    garbage = client.client.post(
        "/api/v1/observations/",
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {client.token}",
    )
    assert garbage.status_code in (400, 422)
    assert garbage["Content-Type"] == PROBLEM
    assert Observation.objects.count() == before


def test_a_board_guest_sees_no_confidential_item(api_as: ApiAs, persona: Persona) -> None:
    board = cottbus_board()
    board_services.add_member(board, by=office(), user=persona("trainee_a"), function="guest")
    sitting = meeting(board)
    board_services.add_agenda_item(sitting, by=office(), title="Offen")
    board_services.add_agenda_item(sitting, by=office(), title="Vertraulich", confidential=True)
    path = f"/api/v1/boards/{board.pk}/meetings/{sitting.pk}"
    guest = api_as("trainee_a").get(path).json()
    assert [item["title"] for item in guest["items"]] == ["Offen"]
    assert guest["confidential_items_hidden"] == 1
    member = api_as("board_a").get(path).json()
    assert [item["title"] for item in member["items"]] == ["Offen", "Vertraulich"]
    assert api_as("local_b").get(path).status_code == 404


def test_a_dialogue_gives_counts_and_the_map_not_votes(api_as: ApiAs) -> None:
    dialogue = Dialogue.objects.get(question=PUBLIC_QUESTION)
    refresh_map(dialogue.pk, force=True)
    client = api_as("local_a")
    statements = client.get(f"/api/v1/dialogues/{dialogue.pk}/statements", page_size=100).json()
    accepted = dialogue.statements.filter(status=StatementStatus.ACCEPTED)
    assert statements["count"] == accepted.count()
    first = statements["items"][0]
    assert first["agree"] + first["disagree"] + first["passed"] == (
        accepted.get(number=first["number"]).votes.count()
    )
    found = client.get(f"/api/v1/dialogues/{dialogue.pk}/map").json()
    assert 2 <= len(found["groups"]) <= 5
    assert found["placed"] <= found["participants"]
    assert "participant" not in json.dumps(statements)
    assert api_as("local_b").get(f"/api/v1/dialogues/{dialogue.pk}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/municipalities/",
        "/api/v1/observations/",
        "/api/v1/cases/",
        "/api/v1/boards/",
        "/api/v1/training/cohorts/",
        "/api/v1/network/events",
        "/api/v1/transfer-models/",
        "/api/v1/dialogues/",
    ],
)
def test_lists_take_as_many_queries_for_one_item_as_for_a_full_page(  # type: ignore[no-untyped-def]
    api_as: ApiAs, path: str, django_assert_max_num_queries
) -> None:
    client = api_as("office")
    client.get(path)  # warm: the last use of the token is written once a minute
    one = _queries(client, path, page_size=1)
    full = _queries(client, path, page_size=100)
    assert one == full, f"{path}: {one} queries for one item, {full} for a page"
    assert full <= 12


def _queries(client: ApiClient, path: str, **params: object) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **params).status_code == 200
    return len(captured)
