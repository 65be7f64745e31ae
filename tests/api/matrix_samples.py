"""URL parameter samples for the permission matrix: a token of the Cottbus tandem (only its
owner reaches it; everybody else gets 404)."""

from __future__ import annotations

from typing import Any

from kokoma.api.models import AccessToken
from kokoma.api.services import create_token

from ..conftest import COTTBUS, PERSONAS, demo_user


def token_of_local_a() -> int:
    user = demo_user(PERSONAS["local_a"])
    found = AccessToken.objects.filter(user=user, name="matrix").first()
    return (found or create_token(by=user, name="matrix", scope="read")[0]).pk


SAMPLES: dict[str, Any] = {
    "token_id": token_of_local_a,
    # an OParl body: a municipality by its AGS (or "programm")
    "body_key": lambda: COTTBUS,
}
