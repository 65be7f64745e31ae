"""The start pages' supervision panels and the personal iCal feed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.supervision import services
from kokoma.supervision.calendar import session_items

from ..conftest import Login, Persona
from . import factories

pytestmark = pytest.mark.django_db


def test_a_supervisor_starts_with_their_next_slots_and_who_booked(
    client: Client, login: Login, persona: Persona
) -> None:
    slot = factories.slot(days=2, topic="Start-Test")
    services.book(slot, by=persona("local_b"))
    login("supervisor")
    html = client.get(reverse("start:home")).content.decode()
    assert 'id="supervision-heading"' in html
    assert "Start-Test" in html
    assert str(persona("local_b")) in html
    assert reverse("supervision:slot_create") in html


def test_a_companion_starts_with_the_next_booking_and_a_way_to_book(
    client: Client, login: Login, persona: Persona
) -> None:
    login("local_b")
    html = client.get(reverse("start:home")).content.decode()
    assert "Meine nächste Supervisionssitzung" in html
    assert reverse("supervision:slot_list") in html
    slot = factories.slot(days=1)
    services.book(slot, by=persona("local_b"))
    html = client.get(reverse("start:home")).content.decode()
    assert reverse("supervision:slot_detail", kwargs={"slot_id": slot.pk}) in html


@pytest.mark.parametrize("role", ["actor_a", "board_a", "trainee_a", "office"])
def test_others_get_no_supervision_panel(client: Client, login: Login, role: str) -> None:
    login(role)
    assert 'id="supervision-heading"' not in client.get(reverse("start:home")).content.decode()


def test_the_feed_holds_the_supervisors_booked_slots_and_the_supervisees_sessions(
    persona: Persona,
) -> None:
    booked = factories.slot(days=3)
    empty = factories.slot(days=4)
    booking = services.book(booked, by=persona("local_a"))
    own = {item.uid for item in session_items(persona("supervisor"))}
    assert booked.uid in own and empty.uid not in own  # an empty offer is no appointment
    mine = {item.uid: item for item in session_items(persona("local_a"))}
    uid = f"{booked.uid}-booking-{booking.pk}"
    assert uid in mine and not mine[uid].cancelled
    services.cancel_booking(booking, by=persona("local_a"))
    mine = {item.uid: item for item in session_items(persona("local_a"))}
    assert mine[uid].cancelled  # kept, marked cancelled: the client removes its copy
    assert not [item for item in session_items(persona("local_b")) if item.uid == uid]
