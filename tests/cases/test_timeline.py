from __future__ import annotations

import datetime

import pytest
from pytest_django import DjangoAssertNumQueries

from kokoma.cases import services
from kokoma.cases.models import Actor, Relation, RelationKind
from kokoma.cases.timeline import case_timeline
from kokoma.municipalities.models import Municipality
from kokoma.observations.services import attach_observation, record_observation
from kokoma.workflow.models import Step

from ..conftest import COTTBUS, Persona

pytestmark = pytest.mark.django_db


def test_timeline_merges_everything_in_date_order(
    persona: Persona, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    user = persona("local_a")
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    observation = record_observation(
        municipality=municipality,
        by=user,
        occurred_on=datetime.date(2020, 1, 5),
        place="Marktplatz",
        description="Schmierereien",
        source="internal",
    )
    case = services.open_case(municipality=municipality, by=user, title="Chronologie")
    attach_observation(observation, case=case, by=user)
    a = Actor.objects.create(case=case, pseudonym="A", kind="person")
    b = Actor.objects.create(case=case, pseudonym="B", kind="person")
    Relation.objects.create(
        case=case,
        source=a,
        target=b,
        kind=RelationKind.TENSION,
        valid_from=datetime.date(2020, 1, 10),
        valid_to=datetime.date(2020, 3, 1),
    )
    services.assess_escalation(
        case, by=user, stage=3, rationale="Drohungen", assessed_on=datetime.date(2020, 2, 1)
    )
    services.assess_escalation(
        case, by=user, stage=5, rationale="Sicht A", assessed_on=datetime.date(2020, 1, 10), actor=a
    )
    services.transition_case(
        case,
        by=user,
        to_step=Step.objects.get(workflow__municipality=municipality, name="Ersteinschätzung"),
        note="weiter",
    )
    with django_assert_max_num_queries(4):
        entries = case_timeline(case)
    kinds = [entry.kind for entry in entries]
    days = [entry.day for entry in entries]
    assert days == sorted(days)
    assert kinds[:5] == ["observation", "relation", "escalation", "escalation", "relation"]
    assert kinds.count("step") == 2
    assert "Drohungen" in entries[3].text
    assert "weiter" in entries[-1].text
