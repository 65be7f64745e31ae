"""API fixtures: a token for any persona, and a client that sends it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import pytest
from django.test import Client

from kokoma.api.services import create_token

from ..conftest import Persona

# call("local_a") → a client whose requests carry a token of local_a (scope "read" unless given).
ApiAs: TypeAlias = Callable[..., "ApiClient"]


class ApiClient:
    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.token = token

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {self.token}"
        )


@pytest.fixture
def api_as(persona: Persona) -> ApiAs:
    def make(role: str, scope: str = "read") -> ApiClient:
        _token, text = create_token(by=persona(role), name=f"test {role}", scope=scope)
        return ApiClient(Client(), text)

    return make
