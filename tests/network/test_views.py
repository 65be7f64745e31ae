"""The network's pages as their users meet them: register, wait, cancel, keep an event, keep a
profile, invite an expert; bad input answered in German with nothing lost."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kokoma.network import services
from kokoma.network.models import Event, EventRegistration, Member, RegistrationStatus

from ..conftest import BAUTZEN, COTTBUS, Login, Persona
from . import factories

pytestmark = pytest.mark.django_db


def _url(name: str, event: Event) -> str:
    return reverse(f"network:{name}", kwargs={"event_id": event.pk})


def test_register_then_the_full_event_offers_the_waiting_list(
    client: Client, login: Login, persona: Persona
) -> None:
    event = factories.event(capacity=1, title="Fachtag Sozialraum")
    login("local_a")
    response = client.post(_url("event_register", event), {"note": "Rollstuhlplatz"}, follow=True)
    assert "Sie sind angemeldet" in response.content.decode()
    registration = EventRegistration.objects.get(event=event, person=persona("local_a"))
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.note == "Rollstuhlplatz"

    login("local_b")
    page = client.get(_url("event_detail", event)).content.decode()
    assert "Auf die Warteliste" in page
    response = client.post(_url("event_register", event), {"note": ""}, follow=True)
    assert "Nummer 1 auf der Warteliste" in response.content.decode()

    # registering twice: a clear message, nothing changes
    response = client.post(_url("event_register", event), {"note": ""}, follow=True)
    assert "bereits angemeldet" in response.content.decode()
    assert event.registrations.count() == 2


def test_cancelling_frees_the_place_for_the_waiting_list(
    client: Client, login: Login, persona: Persona
) -> None:
    event = factories.event(capacity=1)
    services.register(event, by=persona("local_a"))
    services.register(event, by=persona("local_b"))
    login("local_a")
    response = client.post(_url("event_cancel", event), follow=True)
    assert "zurückgezogen" in response.content.decode()
    assert (
        EventRegistration.objects.get(event=event, person=persona("local_b")).status
        == RegistrationStatus.REGISTERED
    )


def test_the_online_link_is_for_those_registered(
    client: Client, login: Login, persona: Persona
) -> None:
    event = factories.event(place="", online_link="https://konferenz.example/raum")
    login("local_a")
    assert "konferenz.example" not in client.get(_url("event_detail", event)).content.decode()
    services.register(event, by=persona("local_a"))
    assert "konferenz.example" in client.get(_url("event_detail", event)).content.decode()


def test_organisers_see_the_participant_list_others_do_not(
    client: Client, login: Login, persona: Persona
) -> None:
    event = factories.event(capacity=1)
    services.register(event, by=persona("local_a"))
    services.register(event, by=persona("local_b"), note="vegetarisch")
    login("local_a")
    assert client.get(_url("event_participants", event)).status_code == 403
    login("office")
    page = client.get(_url("event_participants", event)).content.decode()
    assert str(persona("local_a")) in page and "vegetarisch" in page
    assert "Warteliste" in page


def test_an_event_form_with_bad_input_keeps_it_and_says_why(client: Client, login: Login) -> None:
    login("office")
    response = client.post(
        reverse("network:event_create"),
        {
            "title": "Netzwerktreffen Ost",
            "kind": "network_meeting",
            "summary": "Austausch",
            "starts_at": "2027-03-10T14:00",
            "ends_at": "2027-03-10T10:00",
            "place": "",
            "online_link": "",
            "capacity": "0",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "nach ihrem Beginn enden" in page
    assert "Ort oder einen Online-Link" in page
    assert "Netzwerktreffen Ost" in page
    assert not Event.objects.filter(title="Netzwerktreffen Ost").exists()


def test_the_office_creates_an_event_and_documents_it_afterwards(
    client: Client, login: Login
) -> None:
    login("office")
    day = timezone.localdate() + datetime.timedelta(days=40)
    response = client.post(
        reverse("network:event_create"),
        {
            "title": "Fachtag Polarisierung",
            "kind": "conference",
            "summary": "Wie Kommunen Polarisierung begegnen",
            "programme": "## Vormittag\n\n<script>alert(1)</script>Vorträge",
            "starts_at": f"{day.isoformat()}T09:30",
            "ends_at": f"{day.isoformat()}T16:00",
            "place": "Rathaus, Großer Saal",
            "capacity": "40",
            "registration_open": "on",
        },
        follow=True,
    )
    event = Event.objects.get(title="Fachtag Polarisierung")
    page = response.content.decode()
    assert "Vorträge" in page and "<script>alert" not in page
    response = client.post(
        _url("event_documentation", event),
        {"documentation": "Ergebnis: **drei** Verabredungen"},
        follow=True,
    )
    assert "<strong>drei</strong>" in response.content.decode()


def test_a_tandem_keeps_its_municipality_profile(client: Client, login: Login) -> None:
    member = Member.objects.get(municipality__register__ags=COTTBUS)
    edit = reverse("network:member_edit", kwargs={"network_member_id": member.pk})
    login("local_b")
    assert client.get(edit).status_code == 403
    login("local_a")
    response = client.post(
        edit,
        {
            "about": "Lausitzer Großstadt im Strukturwandel",
            "offer": "Erfahrung mit Bürgerforen",
            "contact_preference": "email",
            "contact_email": "konflikt@cottbus.example",
            "contact_phone": "",
        },
        follow=True,
    )
    assert "Erfahrung mit Bürgerforen" in response.content.decode()


def test_inviting_an_address_of_another_role_is_refused_with_the_input_kept(
    client: Client, login: Login, persona: Persona
) -> None:
    login("office")
    response = client.post(
        reverse("network:expert_invite"),
        {"display_name": "Doppelte Person", "email": persona("trainer").email},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Programmrolle" in page and "Doppelte Person" in page


def test_the_directory_filters_by_land_and_kind(client: Client, login: Login) -> None:
    services.invite_expert(
        by=factories.office(), email="filter@example.org", display_name="Filter Expertin"
    )
    login("local_a")
    listed = reverse("network:member_list")
    saxony = client.get(listed, {"land": "14"}).content.decode()
    assert "Bautzen" in saxony and "Cottbus" not in saxony
    experts = client.get(listed, {"kind": "expert"}).content.decode()
    assert "Filter Expertin" in experts and "Bautzen" not in experts
    assert Member.objects.filter(municipality__register__ags=BAUTZEN).exists()


def _queries(client: Client, path: str) -> int:
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_lists_cost_the_same_queries_whatever_their_length(
    client: Client, login: Login, persona: Persona
) -> None:
    login("local_a")
    pages = [reverse("network:member_list"), reverse("network:event_list"), reverse("network:home")]
    for number in range(2):
        services.invite_expert(
            by=factories.office(),
            email=f"klein{number}@example.org",
            display_name=f"Klein {number}",
        )
        made = factories.event(title=f"Klein {number}", days=5 + number)
        services.register(made, by=persona("local_a"))
        factories.past_event(title=f"Vergangen {number}")
    small = [_queries(client, path) for path in pages]
    for number in range(12):
        services.invite_expert(
            by=factories.office(), email=f"gross{number}@example.org", display_name=f"Groß {number}"
        )
        made = factories.event(title=f"Groß {number}", days=5 + number)
        services.register(made, by=persona("local_a"))
        factories.past_event(title=f"Vergangen groß {number}")
    large = [_queries(client, path) for path in pages]
    assert small == large
    assert max(large) <= 15
