"""Version 1 of the REST API: every router under /api/v1/, one schema (docs/api.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import KokomaAPI
from .endpoints import (
    boards,
    cases,
    dialogues,
    municipalities,
    network,
    observations,
    training,
    transfer,
)

api = KokomaAPI(
    title="KoKoMa API",
    version="1",
    description=str(
        _(
            "The REST API of KoKoMa. Authenticate with a personal access token "
            "(Authorization: Bearer …); every answer contains only what the token's user may "
            "see on the pages. Errors are problem documents (RFC 9457)."
        )
    ),
    urls_namespace="api-v1",
    docs_url=None,
)
api.add_router("/municipalities", municipalities.router)
api.add_router("/observations", observations.router)
api.add_router("/cases", cases.router)
api.add_router("/boards", boards.router)
api.add_router("/training/cohorts", training.router)
api.add_router("/network", network.router)
api.add_router("/transfer-models", transfer.router)
api.add_router("/dialogues", dialogues.router)
