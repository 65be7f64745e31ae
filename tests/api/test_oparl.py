"""The boards as OParl 1.1: every answer valid against the OParl schemas (data/oparl/), lists
that link to each other, and the same visibility as the board pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from jsonschema import Draft7Validator
from referencing import Registry, Resource

from kokoma.boards import services as board_services

from ..boards.factories import cottbus_board, inter_municipal_board, meeting, office
from ..conftest import COTTBUS, Persona
from .conftest import ApiAs, ApiClient

pytestmark = pytest.mark.django_db

SCHEMAS = Path(settings.PROJECT_DIR) / "data" / "oparl" / "schema"


def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas = {path.stem: json.loads(path.read_text()) for path in SCHEMAS.glob("*.json")}
    resources = [
        (f"https://schema.oparl.org/1.1/{name}.json", Resource.from_contents(schema))
        for name, schema in schemas.items()
    ]
    return Registry().with_resources(resources), schemas


REGISTRY, OPARL_SCHEMAS = _registry()


def valid(found: dict[str, Any]) -> dict[str, Any]:
    kind = found["type"].rsplit("/", 1)[-1]
    validator = Draft7Validator(OPARL_SCHEMAS[kind], registry=REGISTRY)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(found)]
    assert not errors, f"{kind} {found['id']}: {errors}"
    return found


def get(client: ApiClient, url: str) -> dict[str, Any]:
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, (url, response.content)
    return dict(response.json())


def items(client: ApiClient, url: str) -> list[dict[str, Any]]:
    page = get(client, url)
    assert set(page) == {"data", "pagination", "links"}
    return [valid(item) for item in page["data"]]


@pytest.fixture
def sitting(persona: Persona) -> Any:
    board = cottbus_board()
    board_services.add_member(board, by=office(), user=persona("trainee_a"), function="guest")
    found = meeting(board, title="Frühjahrssitzung")
    board_services.add_agenda_item(found, by=office(), title="Bericht")
    board_services.add_agenda_item(found, by=office(), title="Personalie", confidential=True)
    board_services.save_minutes(found, by=office(), minutes="# Protokoll\n\nBericht gehört.")
    inter_municipal_board()
    return found


def test_the_whole_tree_is_valid_oparl(api_as: ApiAs, sitting: Any) -> None:
    client = api_as("office")
    system = valid(get(client, "/api/oparl/v1/system"))
    bodies = items(client, system["body"])
    keys = {body["id"].rsplit("/", 1)[-1] for body in bodies}
    assert {COTTBUS, "programm"} <= keys
    cottbus = next(body for body in bodies if body.get("ags") == COTTBUS)
    assert valid(get(client, cottbus["id"])) == cottbus
    organizations = items(client, cottbus["organization"])
    assert sitting.board.name in {o["name"] for o in organizations}
    assert items(client, cottbus["person"])
    assert items(client, cottbus["paper"]) == []
    meetings = items(client, cottbus["meeting"])
    found = next(m for m in meetings if m["name"] == "Frühjahrssitzung")
    assert [item["name"] for item in found["agendaItem"]] == ["Bericht", "Personalie"]
    assert found["resultsProtocol"]["text"].startswith("# Protokoll")
    assert get(client, found["id"]) == found
    minutes = client.get(found["resultsProtocol"]["accessUrl"].removeprefix("http://testserver"))
    assert minutes.status_code == 200 and b"Bericht geh" in minutes.content
    for item in found["agendaItem"]:
        assert valid(get(client, item["id"])) == item
    organization = next(o for o in organizations if o["name"] == sitting.board.name)
    assert valid(get(client, organization["id"])) == organization
    assert items(client, organization["meeting"])[0]["id"] == found["id"]


def test_a_guest_sees_no_confidential_item(api_as: ApiAs, sitting: Any) -> None:
    guest = api_as("trainee_a")
    found = valid(get(guest, f"/api/oparl/v1/meetings/{sitting.pk}"))
    assert [item["name"] for item in found["agendaItem"]] == ["Bericht"]
    hidden = sitting.items.get(confidential=True)
    assert guest.get(f"/api/oparl/v1/agendaitems/{hidden.pk}").status_code == 404


def test_another_municipality_sees_nothing_of_cottbus(api_as: ApiAs, sitting: Any) -> None:
    other = api_as("local_b")
    bodies = items(other, "/api/oparl/v1/bodies")
    assert COTTBUS not in {body.get("ags") for body in bodies}
    assert other.get(f"/api/oparl/v1/bodies/{COTTBUS}").status_code == 404
    assert other.get(f"/api/oparl/v1/bodies/{COTTBUS}/meetings").status_code == 404
    assert other.get(f"/api/oparl/v1/meetings/{sitting.pk}").status_code == 404
    assert other.get(f"/api/oparl/v1/organizations/{sitting.board_id}").status_code == 404
    # Bautzen's tandem sits on the inter-municipal board: the programme's body is theirs to see
    assert "programm" in {body["id"].rsplit("/", 1)[-1] for body in bodies}


def test_the_schemas_are_really_checked() -> None:
    wrong = {"id": "x", "type": "https://schema.oparl.org/1.1/Meeting", "cancelled": "yes"}
    with pytest.raises(AssertionError, match="cancelled"):
        valid(wrong)


def test_without_a_token_nothing_is_shown(client: Any) -> None:
    response = client.get("/api/oparl/v1/system")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_past_the_end_is_a_404(api_as: ApiAs, sitting: Any) -> None:
    response = api_as("office").get("/api/oparl/v1/bodies", page=99)
    assert response.status_code == 404
