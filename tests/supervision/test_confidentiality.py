"""A session note is read by the supervisor and the session's supervisees, and by nobody else:
not by any other role on any page, not in the admin, the audit log, the iCal feed, the e-mails or
a data dump; and the database holds it encrypted (test_crypto.py). One test per path."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kokoma.accounts import services as accounts
from kokoma.audit.models import AuditEntry
from kokoma.supervision import mails, services
from kokoma.supervision.models import Booking, PoolRules, SessionNote, Slot
from kokoma.tasks.calendar import build_calendar

from ..conftest import PERSONAS, Persona
from ..routes import ROUTES, sample_kwargs, url_for
from . import factories
from .matrix_samples import matrix_slot

pytestmark = pytest.mark.django_db

CANARY = factories.NOTE_CANARY
# Who may read the sample slot's notes: its supervisor and the one person booked into it.
ENTITLED = {"supervisor", "local_a"}
# The only pages that show a note: the session page and the note's edit form.
NOTE_PAGES = {"supervision:slot_detail", "supervision:note_edit"}
GET_ROUTES = [route for route in ROUTES if route.ours and route.access is not None]


@pytest.fixture
def canary() -> SessionNote:
    return factories.note(matrix_slot(), f"Sitzungsnotiz {CANARY}")


def _pages(client: Client, user: Any) -> dict[str, bytes]:
    """Every page of ours that answers the user's GET with 200, by route name."""
    shown: dict[str, bytes] = {}
    for route in GET_ROUTES:
        url = url_for(route, sample_kwargs(route, user))
        response = client.get(url)
        if response.status_code == 200:
            shown[route.name] = b"".join(response) if response.streaming else response.content
    return shown


@pytest.mark.parametrize("role", ["anonymous", *PERSONAS])
def test_no_page_shows_the_note_to_anybody_but_the_sessions_people(
    client: Client, persona: Persona, canary: SessionNote, role: str
) -> None:
    user = AnonymousUser() if role == "anonymous" else persona(role)
    if user.is_authenticated:
        client.force_login(user)
    pages = _pages(client, user)
    showing = {name for name, content in pages.items() if CANARY.encode() in content}
    if role in ENTITLED:
        assert "supervision:slot_detail" in showing
        assert showing <= NOTE_PAGES
    else:
        assert showing == set(), f"{role} reads the note on {sorted(showing)}"
    if role == "office":
        assert "supervision:pool" in pages  # the office reaches its pool: counts, not notes


@pytest.fixture
def admin_client(client: Client) -> Client:
    admin = accounts.create_account(
        by=None, email="root@example.org", display_name="Root", password="x"
    )
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


def test_the_admin_has_no_page_for_notes(admin_client: Client, canary: SessionNote) -> None:
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "supervision/slot/" in index  # the app is there, its notes are not
    assert "sessionnote" not in index
    assert admin_client.get("/admin/supervision/sessionnote/").status_code == 404
    assert admin_client.get(f"/admin/supervision/sessionnote/{canary.pk}/change/").status_code == (
        404
    )


@pytest.mark.parametrize("model", [Slot, Booking, PoolRules])
def test_no_admin_page_of_supervision_shows_a_note(
    admin_client: Client, canary: SessionNote, model: Any
) -> None:
    name = model._meta.model_name
    objects: dict[Any, Any] = {
        Slot: canary.slot,
        Booking: Booking.objects.filter(slot=canary.slot).first(),
        PoolRules: PoolRules.current(),
    }
    for url in (
        reverse(f"admin:supervision_{name}_changelist"),
        reverse(f"admin:supervision_{name}_change", args=[objects[model].pk]),
        reverse(f"admin:supervision_{name}_delete", args=[objects[model].pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert CANARY.encode() not in response.content, url


def test_the_audit_log_records_the_event_not_the_text(persona: Persona) -> None:
    slot = factories.slot()
    note = factories.note(slot, f"erste Fassung {CANARY}")
    services.change_note(note, by=persona("supervisor"), text=f"zweite Fassung {CANARY}")
    lines = AuditEntry.objects.filter(object_type="supervision.SessionNote", object_id=note.pk)
    assert lines.count() == 2
    assert not [
        line.pk
        for line in AuditEntry.objects.all()
        if CANARY in f"{line.object_repr}{line.changes}"
    ]


@pytest.mark.parametrize("role", list(PERSONAS))
def test_the_ical_feed_carries_sessions_but_no_note(
    persona: Persona, canary: SessionNote, role: str
) -> None:
    feed = build_calendar(persona(role), base_url="https://kokoma.example.de")
    assert CANARY.encode() not in feed
    if role in ENTITLED:
        assert canary.slot.uid.encode() in feed  # the session itself is there


def test_no_mail_carries_a_note(persona: Persona, canary: SessionNote) -> None:
    slot = canary.slot
    booking = services.book(slot, by=persona("external"))
    mails.send_booking_mails(booking.pk, "booked")
    services.cancel_booking(booking, by=persona("external"))
    mails.send_booking_mails(booking.pk, "cancelled")
    services.cancel_slot(slot, by=persona("supervisor"))
    mails.send_slot_mails(slot.pk, "cancelled")
    assert len(mail.outbox) >= 5
    for message in mail.outbox:
        assert CANARY not in str(message.message())


def test_a_data_dump_holds_the_ciphertext_and_loads_back(
    canary: SessionNote, tmp_path: Path
) -> None:
    out = io.StringIO()
    call_command("dumpdata", "supervision.sessionnote", stdout=out)
    dump = out.getvalue()
    assert CANARY not in dump
    assert "gAAAAA" in dump
    SessionNote.objects.filter(pk=canary.pk).delete()
    path = tmp_path / "notes.json"
    path.write_text(dump, encoding="utf-8")
    call_command("loaddata", str(path), verbosity=0)
    assert CANARY in SessionNote.objects.get(pk=canary.pk).text


def test_the_offices_statistics_name_nobody(client: Client, persona: Persona) -> None:
    for days_ago in range(10, 70, 10):
        slot = factories.past_session(days_ago=days_ago, booked=[persona("local_a")])
        factories.note(slot)
    client.force_login(persona("office"))
    html = client.get(reverse("supervision:pool")).content.decode()
    assert CANARY not in html
    assert str(persona("local_a")) not in html
    assert persona("local_a").email not in html
    # supervisors are named (the pool's list), the people they supervise never
    assert str(persona("supervisor")) in html
