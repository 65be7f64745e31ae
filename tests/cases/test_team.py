"""The case team service: only people of the municipality, each once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality

from ..conftest import Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cottbus: Municipality, persona: Persona) -> Case:
    return services.open_case(municipality=cottbus, by=persona("local_a"), title="Streit am Platz")


def test_only_people_of_the_municipality_join_the_team(case: Case, persona: Persona) -> None:
    services.add_team_member(case, by=persona("local_a"), user=persona("actor_a"))
    with pytest.raises(ValidationError):
        services.add_team_member(case, by=persona("local_a"), user=persona("actor_b"))
    with pytest.raises(ValidationError):
        services.add_team_member(case, by=persona("local_a"), user=persona("actor_a"))
    assert list(case.team.values_list("user__email", flat=True)) == [
        "akteur.cottbus@kokoma.example"
    ]
