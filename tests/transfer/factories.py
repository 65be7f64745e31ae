"""Transfer models for the tests, written through the services."""

from __future__ import annotations

from typing import Any

from kokoma.accounts.models import User
from kokoma.municipalities.models import Municipality
from kokoma.transfer import services
from kokoma.transfer.models import TransferModel

from ..conftest import COTTBUS, demo_user


def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


def model(
    *,
    by: User | None = None,
    title: str = "Runder Tisch Quartier",
    published: bool = True,
    procedure: bool = True,
    checklists: int = 1,
    source: Municipality | None = None,
    **fields: Any,
) -> TransferModel:
    """A model from Cottbus (or `source`), written by its local companion (or `by`), with that
    municipality's procedure rules and `checklists` checklists."""
    author = by or demo_user("lokal.cottbus")
    origin = source or cottbus()
    made = services.create_model(
        by=author,
        title=title,
        summary="Ein Runder Tisch bringt die Beteiligten eines Quartierskonflikts zusammen.",
        problem="Streit um einen Platz, den Jugendliche und Anwohnende verschieden nutzen.",
        source_municipality=origin,
        published=published,
        **fields,
    )
    if procedure:
        services.take_procedure(made, by=author, municipality=origin)
    for number in range(checklists):
        services.save_checklist(
            made,
            by=author,
            band=2,
            title=f"Runder Tisch vorbereiten {number + 1}",
            introduction="",
            items="Beteiligte einladen\nModeration klären\nRegeln vereinbaren",
        )
    made.refresh_from_db()
    return made
