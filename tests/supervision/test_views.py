"""The supervision pages: a supervisor publishes, edits and cancels slots and writes notes; a
companion finds open slots, books and cancels until the deadline; the office keeps the rules and
reads anonymous counts. Bad input gets a German message and loses nothing; list pages keep their
number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kokoma.supervision import services
from kokoma.supervision.models import Booking, PoolRules, SessionNote, Slot

from ..conftest import Login, Persona
from . import factories

pytestmark = pytest.mark.django_db

HOME = reverse("supervision:home")
OPEN = reverse("supervision:slot_list")
CREATE = reverse("supervision:slot_create")
POOL = reverse("supervision:pool")
RULES = reverse("supervision:rules_edit")


def slot_url(name: str, slot: Slot, **kwargs: int) -> str:
    return reverse(f"supervision:{name}", kwargs={"slot_id": slot.pk, **kwargs})


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_supervisor_publishes_a_fortnightly_series(client: Client, login: Login) -> None:
    user = login("supervisor")
    start = factories.in_days(4, hour=16)
    response = client.post(
        CREATE,
        {
            "kind": "group",
            "starts_at": _local(start),
            "ends_at": _local(start + datetime.timedelta(hours=2)),
            "capacity": "5",
            "place": "Rathaus, Raum 1",
            "online_link": "",
            "topic": "Serie",
            "repeat": "fortnightly",
            "occurrences": "3",
        },
        follow=True,
    )
    assert "3 Termine wurden veröffentlicht." in response.content.decode()
    slots = Slot.objects.filter(supervisor=user, topic="Serie").order_by("starts_at")
    assert [timezone.localdate(s.starts_at) for s in slots] == [
        timezone.localdate(start) + datetime.timedelta(days=14 * n) for n in range(3)
    ]


def test_a_slot_in_the_past_is_refused_and_the_input_kept(client: Client, login: Login) -> None:
    login("supervisor")
    start = timezone.now() - datetime.timedelta(days=1)
    response = client.post(
        CREATE,
        {
            "kind": "individual",
            "starts_at": _local(start),
            "ends_at": _local(start + datetime.timedelta(hours=1)),
            "capacity": "1",
            "place": "Raum Vergangenheit",
            "topic": "Zu spät",
            "repeat": "",
            "occurrences": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der Termin liegt in der Vergangenheit" in html
    assert 'value="Raum Vergangenheit"' in html and 'value="Zu spät"' in html
    assert not Slot.objects.filter(topic="Zu spät").exists()


def test_a_companion_books_and_sees_the_deadline(client: Client, login: Login) -> None:
    slot = factories.slot(topic="Buchbar", days=9)
    user = login("local_b")
    listing = client.get(OPEN, {"kind": "group"}).content.decode()
    assert slot_url("slot_detail", slot) in listing
    detail = client.get(slot_url("slot_detail", slot)).content.decode()
    assert "Diese Sitzung buchen" in detail
    response = client.post(slot_url("slot_book", slot), follow=True)
    html = response.content.decode()
    assert "Sie haben die Sitzung gebucht" in html
    assert Booking.objects.active().filter(slot=slot, supervisee=user).exists()
    deadline = slot.cancellation_deadline()
    assert "Stornierung möglich bis" in html
    assert timezone.localtime(deadline).strftime("%d.%m.%Y") in html
    assert "Meine Buchung stornieren" in html
    # the booked slot is no longer among the open ones for this person
    assert slot_url("slot_detail", slot) not in client.get(OPEN).content.decode()
    # and on the own overview
    assert slot_url("slot_detail", slot) in client.get(HOME).content.decode()


def test_cancelling_past_the_deadline_is_refused_with_a_message_and_the_booking_stays(
    client: Client, login: Login
) -> None:
    services.change_pool_rules(by=login("office"), cancellation_hours=24 * 14)
    slot = factories.slot(days=5)  # the deadline (14 days before) has passed already
    user = login("local_a")
    booking = services.book(slot, by=user)
    page = client.get(slot_url("slot_detail", slot)).content.decode()
    assert "Frist abgelaufen" in page
    response = client.post(slot_url("booking_cancel", slot), follow=True)
    html = response.content.decode()
    assert "Die Buchung kann nicht mehr storniert werden" in html
    assert "Ihre Buchung bleibt bestehen" in html
    booking.refresh_from_db()
    assert booking.is_active


def test_cancelling_in_time_frees_the_place(client: Client, login: Login) -> None:
    slot = factories.slot(days=9, kind=Slot.Kind.INDIVIDUAL)
    booking = services.book(slot, by=login("local_a"))
    response = client.post(slot_url("booking_cancel", slot), follow=True)
    assert "Ihre Buchung wurde storniert." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_the_last_place_taken_meanwhile_is_told_not_hidden(
    client: Client, login: Login, persona: Persona
) -> None:
    slot = factories.slot(kind=Slot.Kind.INDIVIDUAL)
    login("local_b")
    client.get(slot_url("slot_detail", slot))  # the page still offered the place …
    services.book(slot, by=persona("external"))  # … when someone else booked it
    response = client.post(slot_url("slot_book", slot), follow=True)
    assert "Jemand anderes hat gerade den letzten Platz" in response.content.decode()


def test_the_supervisor_writes_and_edits_a_note_and_sees_who_booked(
    client: Client, login: Login, persona: Persona
) -> None:
    slot = factories.slot()
    services.book(slot, by=persona("local_a"))
    login("supervisor")
    page = client.get(slot_url("slot_detail", slot)).content.decode()
    assert str(persona("local_a")) in page
    client.post(slot_url("note_add", slot), {"text": "Vereinbart: Rollenklärung."})
    note = SessionNote.objects.get(slot=slot)
    assert note.author == persona("supervisor")
    edit = slot_url("note_edit", slot, note_id=note.pk)
    assert "Rollenklärung" in client.get(edit).content.decode()
    client.post(edit, {"text": "Vereinbart: Rollenklärung bis März."})
    note.refresh_from_db()
    assert note.text == "Vereinbart: Rollenklärung bis März."


def test_a_supervisee_reads_the_notes_but_not_the_other_names(
    client: Client, login: Login, persona: Persona
) -> None:
    slot = factories.slot()
    services.book(slot, by=persona("external"))
    factories.note(slot, "Gruppenergebnis: kollegiale Nachbesprechung.")
    login("local_a")
    services.book(slot, by=persona("local_a"))
    html = client.get(slot_url("slot_detail", slot)).content.decode()
    assert "Gruppenergebnis" in html
    assert str(persona("external")) not in html
    assert "Notiz schreiben" not in html
    assert client.get(slot_url("note_add", slot)).status_code == 403


def test_a_bookable_stranger_sees_the_slot_but_no_note(client: Client, login: Login) -> None:
    slot = factories.slot()
    factories.note(slot, "Nur für die Gruppe")
    login("local_b")
    html = client.get(slot_url("slot_detail", slot)).content.decode()
    assert "Nur für die Gruppe" not in html and "Sitzungsnotizen" not in html


def test_editing_a_slot_keeps_enough_places_with_a_message(
    client: Client, login: Login, persona: Persona
) -> None:
    slot = factories.slot(capacity=4)
    for role in ("local_a", "external", "local_b"):
        services.book(slot, by=persona(role))
    login("supervisor")
    response = client.post(
        slot_url("slot_edit", slot),
        {
            "starts_at": _local(slot.starts_at),
            "ends_at": _local(slot.ends_at),
            "capacity": "2",
            "place": slot.place,
            "online_link": "",
            "topic": "",
        },
    )
    assert "mindestens so viele Plätze" in response.content.decode()
    assert Slot.objects.get(pk=slot.pk).capacity == 4


def test_the_supervisor_cancels_a_slot(client: Client, login: Login, persona: Persona) -> None:
    slot = factories.slot()
    services.book(slot, by=persona("local_a"))
    login("supervisor")
    confirm = client.get(slot_url("slot_cancel", slot)).content.decode()
    assert "1 Person hat ihn gebucht" in confirm
    response = client.post(slot_url("slot_cancel", slot), follow=True)
    assert "Der Termin wurde abgesagt" in response.content.decode()
    assert Slot.objects.get(pk=slot.pk).is_cancelled


def test_the_office_keeps_the_rules(client: Client, login: Login) -> None:
    login("office")
    response = client.post(
        RULES, {"cancellation_hours": "72", "note_for_supervisees": "Bis zu sechs im Jahr."}
    )
    assert response.status_code == 302
    rules = PoolRules.current()
    assert rules.cancellation_hours == 72
    html = client.get(POOL).content.decode()
    assert "72 Stunden vor der Sitzung" in html
    assert "Bis zu sechs im Jahr." in html
    assert "Dr. Ruth Neumeier" in html and "Benedikt Hallwachs" in html


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


# Counted on the demo data; more means a new query per slot or booking.
PINNED = {
    ("supervisor", HOME): 9,
    ("local_a", HOME): 5,
    ("local_a", OPEN): 6,
    ("office", POOL): 6,
}


@pytest.mark.parametrize(("role", "path"), list(PINNED), ids=lambda v: str(v))
def test_list_pages_keep_their_number_of_queries(
    client: Client, login: Login, persona: Persona, role: str, path: str
) -> None:
    login(role)
    _queries(client, path)  # warm: the pool's rules row, caches
    before = _queries(client, path)
    assert before == PINNED[(role, path)], before
    for days in range(20, 26):
        slot = factories.slot(days=days, capacity=4)
        services.book(slot, by=persona("external"))
        factories.note(slot)
        factories.past_session(
            days_ago=days, booked=[persona("local_a"), persona("external")], kind=Slot.Kind.GROUP
        )
    assert _queries(client, path) == before


def test_a_cancelled_booking_of_ones_own_does_not_hide_a_slot_others_booked(
    client: Client, login: Login, persona: Persona
) -> None:
    slot = factories.slot(capacity=3)
    services.book(slot, by=persona("external"))
    mine = services.book(slot, by=persona("local_b"))
    services.cancel_booking(mine, by=persona("local_b"))
    login("local_b")
    assert slot_url("slot_detail", slot) in client.get(OPEN).content.decode()
