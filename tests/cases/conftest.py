"""Fixtures the case tests share: a Cottbus case with its team, and a case of another town."""

from __future__ import annotations

import pytest

from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality

from ..conftest import BAUTZEN, COTTBUS, Persona


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def case(cottbus: Municipality, persona: Persona) -> Case:
    """Opened by the local companion, with the Cottbus actor on the case team."""
    return services.open_case(
        municipality=cottbus,
        by=persona("local_a"),
        title="Streit am Marktplatz",
        summary="Worum es geht",
        team=[persona("actor_a")],
    )


@pytest.fixture
def other_case(persona: Persona) -> Case:
    municipality = Municipality.objects.get(register__ags=BAUTZEN)
    return services.open_case(municipality=municipality, by=persona("local_b"), title="Anderswo")
