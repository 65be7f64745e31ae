"""The chronicle: publishing verified incidents, the public list and withdrawing entries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from kokoma.audit.models import AuditEntry
from kokoma.municipalities.models import RegisterEntry
from kokoma.observations import services as services_observations
from kokoma.observations.models import ChronicleEntry, Observation
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS, Login, Persona
from .test_services import new_observation

pytestmark = pytest.mark.django_db


def incident(**fields: Any) -> Observation:
    return new_observation(
        is_incident=True,
        motive=Term.objects.get(kind=TermKind.MOTIVE, name="antisemitisch"),
        incident_type=Term.objects.get(kind=TermKind.INCIDENT_TYPE, name="Sachbeschädigung"),
        **fields,
    )


def test_only_verified_incidents_are_published(persona: Persona) -> None:
    tandem = persona("local_a")
    unverified = incident()
    with pytest.raises(ValidationError):
        services_observations.publish_to_chronicle(
            unverified, by=tandem, text="Text", district="Mitte"
        )
    no_incident = new_observation()
    services_observations.verify_observation(no_incident, by=tandem)
    with pytest.raises(ValidationError):
        services_observations.publish_to_chronicle(
            no_incident, by=tandem, text="Text", district="Mitte"
        )
    assert not ChronicleEntry.objects.filter(observation__in=[unverified, no_incident]).exists()


def test_publish_copies_date_motive_and_type(persona: Persona) -> None:
    tandem = persona("local_a")
    observation = incident()
    services_observations.verify_observation(observation, by=tandem)
    entry = services_observations.publish_to_chronicle(
        observation, by=tandem, text="Anonymisiert", district="Mitte"
    )
    assert entry.occurred_on == observation.occurred_on
    assert entry.motive == observation.motive
    assert entry.incident_type == observation.incident_type
    assert entry.approved_by == tandem
    assert AuditEntry.objects.filter(
        object_type="observations.ChronicleEntry", object_id=str(entry.pk)
    ).exists()
    with pytest.raises(ValidationError):
        services_observations.publish_to_chronicle(
            observation, by=tandem, text="Noch einmal", district="Mitte"
        )


def test_publish_through_the_page(client: Client, login: Login) -> None:
    tandem = login("local_a")
    observation = incident()
    services_observations.verify_observation(observation, by=tandem)
    url = reverse(
        "observations:chronicle_publish",
        kwargs={"ags": COTTBUS, "observation_ref": observation.reference},
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"district": "Mitte", "text": ""})
    assert response.status_code == 200
    assert not ChronicleEntry.objects.filter(observation=observation).exists()
    response = client.post(url, {"district": "Mitte", "text": "Ein Vorfall, anonymisiert."})
    assert response.status_code == 302
    entry = ChronicleEntry.objects.get(observation=observation)
    assert entry.text == "Ein Vorfall, anonymisiert."


def test_a_local_actor_cannot_publish(client: Client, login: Login) -> None:
    login("actor_a")
    observation = incident()
    url = reverse(
        "observations:chronicle_publish",
        kwargs={"ags": COTTBUS, "observation_ref": observation.reference},
    )
    assert client.get(url).status_code == 403


def test_the_public_chronicle_lists_and_filters_anonymously(client: Client) -> None:
    url = reverse("public:chronicle", kwargs={"ags": COTTBUS})
    response = client.get(url)
    assert response.status_code == 200
    entries = ChronicleEntry.objects.filter(municipality__register__ags=COTTBUS)
    assert response.context["page"].paginator.count == entries.count() > 0
    entry = entries.first()
    assert entry is not None
    assert entry.text in response.content.decode()
    filtered = client.get(url, {"motive": entry.motive_id, "year": entry.occurred_on.year})
    assert all(e.motive_id == entry.motive_id for e in filtered.context["page"].object_list)
    by_district = client.get(url, {"district": entry.district})
    assert {e.district for e in by_district.context["page"].object_list} == {entry.district}
    bautzen = ChronicleEntry.objects.filter(municipality__register__ags=BAUTZEN).first()
    assert bautzen is not None
    assert bautzen.text not in response.content.decode()


def test_chronicle_filter_with_bad_input_still_answers(client: Client) -> None:
    url = reverse("public:chronicle", kwargs={"ags": COTTBUS})
    response = client.get(url, {"year": "abc", "motive": "999999", "seite": "x"})
    assert response.status_code == 200


def test_the_chronicle_of_a_municipality_not_in_the_programme_is_missing(client: Client) -> None:
    assert client.get(reverse("public:chronicle", kwargs={"ags": "14626110"})).status_code == 404


def test_withdraw_an_entry(client: Client, login: Login) -> None:
    login("local_a")
    entry = ChronicleEntry.objects.filter(municipality__register__ags=COTTBUS).first()
    assert entry is not None
    url = reverse(
        "observations:chronicle_withdraw", kwargs={"ags": COTTBUS, "chronicle_id": entry.pk}
    )
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not ChronicleEntry.objects.filter(pk=entry.pk).exists()
    assert Observation.objects.filter(pk=entry.observation_id).exists()


def test_withdraw_of_another_municipality_is_not_found(client: Client, login: Login) -> None:
    login("local_a")
    entry = ChronicleEntry.objects.filter(municipality__register__ags=BAUTZEN).first()
    assert entry is not None
    url = reverse(
        "observations:chronicle_withdraw", kwargs={"ags": COTTBUS, "chronicle_id": entry.pk}
    )
    assert client.post(url).status_code == 404
    assert ChronicleEntry.objects.filter(pk=entry.pk).exists()


def test_chronicle_page_queries_do_not_grow(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("public:chronicle", kwargs={"ags": COTTBUS})
    with django_assert_max_num_queries(12):
        client.get(url)


def district_label(page: str) -> str:
    match = re.search(r'<label(?: class="[^"]*")? for="id_district">([^<]*)<', page)
    assert match, "no district field on the page"
    return match.group(1).strip().rstrip(":")


def test_the_chronicle_asks_for_the_part_of_town_not_the_county(
    client: Client, login: Login
) -> None:
    tandem = login("local_a")
    observation = incident()
    services_observations.verify_observation(observation, by=tandem)
    publish = reverse(
        "observations:chronicle_publish",
        kwargs={"ags": COTTBUS, "observation_ref": observation.reference},
    )
    assert district_label(client.get(publish).content.decode()) == "Stadtteil"
    public = reverse("public:chronicle", kwargs={"ags": COTTBUS})
    assert district_label(client.get(public).content.decode()) == "Stadtteil"
    with translation.override("de"):
        assert ChronicleEntry._meta.get_field("district").verbose_name == "Stadtteil"
        assert RegisterEntry._meta.get_field("kreis_name").verbose_name == "Landkreis"
