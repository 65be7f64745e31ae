"""schemathesis over every operation of the API's own schema (issue 15): with a token of a Cottbus
tandem that may write, and once without a token. No 5xx, every answer conforms to the schema
(status, content type, body), and nothing of Bautzen ever comes back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks as openapi_checks

from kokoma.api.services import create_token
from kokoma.api.v1 import api
from kokoma.boards.models import Board
from kokoma.cases.models import Case
from kokoma.dialogue.models import Dialogue
from kokoma.observations.models import Observation

from ..conftest import BAUTZEN, PERSONAS, demo_user

schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
)
schema.app = WSGIHandler()

CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
]
FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def bautzen_texts() -> set[str]:
    """What only someone of Bautzen may see: its cases, observations, boards and dialogues (less
    the demo's titles that Cottbus has as well)."""
    texts: set[str] = set()
    for model, fields in (
        (Case, ("reference", "title")),
        (Observation, ("reference",)),
        (Board, ("name",)),
        (Dialogue, ("question",)),
    ):
        for field in fields:
            values = model.objects.values_list(field, flat=True)
            texts |= set(values.filter(municipality__register__ags=BAUTZEN)) - set(
                values.exclude(municipality__register__ags=BAUTZEN)
            )
    return {text for text in texts if text}


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """schemathesis calls the WSGI handler itself, which closes the database connection after
    each request (`request_finished`); inside the test's transaction that would end it, so keep
    it open, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token_of_local_a(db: None) -> str:
    return create_token(by=demo_user(PERSONAS["local_a"]), name="fuzz", scope="write")[1]


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_with_a_token(case: Any, token_of_local_a: str) -> None:
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {token_of_local_a}"}, checks=CHECKS
    )
    body = response.text
    leaked = [text for text in bautzen_texts() if text in body]
    assert not leaked, f"{case.method} {case.formatted_path}: shows Bautzen's {leaked}"


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_without_a_token(case: Any) -> None:
    response = case.call_and_validate(checks=CHECKS)
    # refused: 401, or earlier for a request that is malformed whoever sends it
    assert 400 <= response.status_code < 500, response.text
