"""URL parameter samples for the observation, chronicle and taxonomy pages."""

from __future__ import annotations

from typing import Any

from kokoma.municipalities.models import Municipality
from kokoma.observations import services as services_observations
from kokoma.observations.models import ChronicleEntry, Observation
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import COTTBUS, demo_user

SAMPLE_PLACE = "Matrix-Viertel"


def cottbus_incident() -> Observation:
    """A verified, unpublished Cottbus incident: every triage and publish page can show it."""
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    observation = Observation.objects.filter(
        municipality=municipality, place=SAMPLE_PLACE, chronicle_entry__isnull=True
    ).first()
    if observation is None:
        tandem = demo_user("lokal.cottbus")
        observation = services_observations.record_observation(
            municipality=municipality,
            by=tandem,
            occurred_on=municipality.joined_on,
            place=SAMPLE_PLACE,
            description="Beispielmeldung für die Berechtigungsmatrix.",
            source=Observation.Source.INTERNAL,
            is_incident=True,
            motive=Term.objects.filter(kind=TermKind.MOTIVE).first(),
            incident_type=Term.objects.filter(kind=TermKind.INCIDENT_TYPE).first(),
        )
        services_observations.verify_observation(observation, by=tandem)
    return observation


def cottbus_chronicle_entry() -> ChronicleEntry:
    entry = ChronicleEntry.objects.filter(municipality__register__ags=COTTBUS).first()
    assert entry is not None, "the demo publishes Cottbus incidents in the chronicle"
    return entry


def unused_term() -> Term:
    term, _ = Term.objects.get_or_create(kind=TermKind.TOPIC, name="Matrix-Thema")
    return term


SAMPLES: dict[str, Any] = {
    "observation_ref": lambda: cottbus_incident().reference,
    "chronicle_id": lambda: cottbus_chronicle_entry().pk,
    "term_id": lambda: unused_term().pk,
}
