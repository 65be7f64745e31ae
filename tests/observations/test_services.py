"""Triage services: verify, dismiss, merge into a new or an existing case."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kokoma.audit.models import AuditEntry
from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from kokoma.observations import services as services_observations
from kokoma.observations.models import Observation
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS, Persona

pytestmark = pytest.mark.django_db


def municipality(ags: str) -> Municipality:
    return Municipality.objects.get(register__ags=ags)


def new_observation(ags: str = COTTBUS, **fields: Any) -> Observation:
    values: dict[str, Any] = {
        "occurred_on": datetime.date(2026, 3, 1),
        "place": "Testviertel",
        "description": "Etwas ist passiert.",
        "source": Observation.Source.INTERNAL,
        **fields,
    }
    return services_observations.record_observation(
        municipality=municipality(ags), by=None, **values
    )


def audited(observation: Observation) -> int:
    return AuditEntry.objects.filter(
        object_type="observations.Observation", object_id=str(observation.pk)
    ).count()


def test_verify_marks_the_observation_and_audits(persona: Persona) -> None:
    observation = new_observation()
    before = audited(observation)
    services_observations.verify_observation(observation, by=persona("local_a"))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.VERIFIED
    assert observation.triaged_by == persona("local_a")
    assert observation.triaged_at is not None
    assert audited(observation) == before + 1


def test_dismiss_needs_a_reason(persona: Persona) -> None:
    observation = new_observation()
    with pytest.raises(ValidationError):
        services_observations.dismiss_observation(observation, by=persona("local_a"), reason="  ")
    observation.refresh_from_db()
    assert observation.status == Observation.Status.NEW
    services_observations.dismiss_observation(
        observation, by=persona("local_a"), reason="Doppelte Meldung"
    )
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DISMISSED
    assert observation.dismissal_reason == "Doppelte Meldung"


def test_a_dismissed_observation_cannot_be_triaged_again(persona: Persona) -> None:
    observation = new_observation()
    services_observations.dismiss_observation(observation, by=persona("local_a"), reason="x")
    with pytest.raises(ValidationError):
        services_observations.verify_observation(observation, by=persona("local_a"))
    with pytest.raises(ValidationError):
        services_observations.merge_into_new_case(observation, by=persona("local_a"), title="T")


def test_merge_into_a_new_case_takes_the_topics(persona: Persona) -> None:
    topic = Term.objects.filter(kind=TermKind.TOPIC).first()
    observation = new_observation(topics=[topic])
    case = services_observations.merge_into_new_case(
        observation, by=persona("local_a"), title="Neuer Fall", summary="Kurz"
    )
    observation.refresh_from_db()
    assert observation.status == Observation.Status.MERGED
    assert observation.case == case
    assert case.municipality.ags == COTTBUS
    assert list(case.topics.all()) == [topic]
    assert case.title == "Neuer Fall"


def test_merge_into_an_existing_case(persona: Persona) -> None:
    tandem = persona("local_a")
    case = services.open_case(municipality=municipality(COTTBUS), by=tandem, title="Bestand")
    observation = new_observation()
    services_observations.verify_observation(observation, by=tandem)
    services_observations.merge_into_case(observation, by=tandem, case=case)
    observation.refresh_from_db()
    assert observation.case == case
    assert observation.status == Observation.Status.MERGED


def test_merge_refuses_another_municipality_and_closed_cases(persona: Persona) -> None:
    tandem = persona("local_a")
    foreign = services.open_case(
        municipality=municipality(BAUTZEN), by=persona("local_b"), title="Fremd"
    )
    observation = new_observation()
    with pytest.raises(ValidationError):
        services_observations.merge_into_case(observation, by=tandem, case=foreign)
    closed = Case.objects.filter(municipality__register__ags=COTTBUS, closed_at__isnull=False)
    closed_case = closed.first()
    assert closed_case is not None
    with pytest.raises(ValidationError):
        services_observations.merge_into_case(observation, by=tandem, case=closed_case)
    observation.refresh_from_db()
    assert observation.case is None
    assert observation.status == Observation.Status.NEW


def test_an_observation_of_another_municipality_cannot_join_the_case(persona: Persona) -> None:
    case = services.open_case(
        municipality=municipality(COTTBUS), by=persona("local_a"), title="Streit am Platz"
    )
    observation = services_observations.record_observation(
        municipality=municipality(BAUTZEN),
        by=persona("actor_b"),
        occurred_on=case.opened_on,
        place="Markt",
        description="Aufkleber",
        source=Observation.Source.INTERNAL,
    )
    with pytest.raises(ValidationError):
        services_observations.attach_observation(observation, case=case, by=persona("local_a"))
    observation.refresh_from_db()
    assert observation.case is None


def test_an_observation_entered_afterwards_keeps_its_moments(persona: Persona) -> None:
    tandem, now = persona("local_a"), timezone.now()
    received, verified, merged, published = (
        now - datetime.timedelta(days=days) for days in (10, 9, 8, 7)
    )
    observation = new_observation(
        is_incident=True,
        motive=Term.objects.get(kind=TermKind.MOTIVE, name="rassistisch"),
        incident_type=Term.objects.get(kind=TermKind.INCIDENT_TYPE, name="Gewalt"),
        at=received,
    )
    assert Observation.objects.get(pk=observation.pk).created_at == received
    services_observations.verify_observation(observation, by=tandem, at=verified)
    assert Observation.objects.get(pk=observation.pk).triaged_at == verified
    case = services.open_case(municipality=municipality(COTTBUS), by=tandem, title="Nachtrag")
    services_observations.merge_into_case(observation, by=tandem, case=case, at=merged)
    assert Observation.objects.get(pk=observation.pk).triaged_at == merged
    entry = services_observations.publish_to_chronicle(
        observation, by=tandem, text="Ein Vorfall.", district="Mitte", at=published
    )
    assert entry.published_at == published
    dismissed = services_observations.dismiss_observation(
        new_observation(), by=tandem, reason="Doppelt", at=verified
    )
    assert dismissed.triaged_at == verified
