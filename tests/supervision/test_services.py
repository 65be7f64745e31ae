"""The supervision services: offering slots and series, booking (also the last place from two
sessions at once), cancelling until the pool's deadline, notes, and the audit log's share."""

from __future__ import annotations

import datetime
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from kokoma.accounts import services as accounts
from kokoma.accounts.models import ProgrammeRole
from kokoma.audit.models import AuditEntry
from kokoma.supervision import services
from kokoma.supervision.models import Booking, PoolRules, SessionNote, Slot

from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db


def test_a_supervisor_offers_a_single_slot(persona: Persona) -> None:
    made = factories.slot(kind=Slot.Kind.INDIVIDUAL)
    assert made.supervisor == persona("supervisor")
    assert made.capacity == 1 and made.series is None
    assert AuditEntry.objects.filter(object_type="supervision.Slot", object_id=made.pk).exists()


def test_an_individual_slot_has_one_place_whatever_was_asked(persona: Persona) -> None:
    start = factories.in_days(5)
    (made,) = services.offer_slots(
        by=persona("supervisor"),
        kind=Slot.Kind.INDIVIDUAL,
        capacity=8,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        online_link="https://video.example/x",
    )
    assert made.capacity == 1


@pytest.mark.parametrize(("repeat", "days"), [("weekly", 7), ("fortnightly", 14)])
def test_a_series_makes_one_slot_per_date_at_the_same_local_time(
    persona: Persona, repeat: str, days: int
) -> None:
    start = factories.in_days(3, hour=14)
    slots = services.offer_slots(
        by=persona("supervisor"),
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=90),
        online_link="https://video.example/x",
        repeat=repeat,
        occurrences=5,
    )
    assert len(slots) == 5
    assert len({slot.series for slot in slots}) == 1 and slots[0].series is not None
    for index, slot in enumerate(slots):
        local = timezone.localtime(slot.starts_at)
        assert local.hour == 14 and local.minute == 0  # across a change of daylight saving time
        assert local.date() == timezone.localdate(start) + datetime.timedelta(days=days * index)
        assert slot.ends_at - slot.starts_at == datetime.timedelta(minutes=90)


def test_a_slot_in_the_past_is_refused_in_german(persona: Persona) -> None:
    start = timezone.now() - datetime.timedelta(hours=2)
    with pytest.raises(ValidationError) as refused:
        services.offer_slots(
            by=persona("supervisor"),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            place="Raum 2",
        )
    assert "Der Termin liegt in der Vergangenheit" in str(refused.value.message_dict["starts_at"])
    assert not Slot.objects.filter(starts_at=start).exists()


def test_a_series_reaching_into_nothing_saves_nothing(persona: Persona) -> None:
    """One bad date refuses the whole series: nothing half-made."""
    before = Slot.objects.count()
    start = factories.in_days(3)
    with pytest.raises(ValidationError):
        services.offer_slots(
            by=persona("supervisor"),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            place="",
            online_link="",
            repeat="weekly",
            occurrences=3,
        )
    assert Slot.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurrences": 0, "repeat": "weekly"}, "occurrences"),
        ({"occurrences": 27, "repeat": "weekly"}, "occurrences"),
        ({"kind": "group", "capacity": 1}, "capacity"),
        ({"minutes": -30}, "ends_at"),
        ({"minutes": 13 * 60}, "ends_at"),
    ],
)
def test_bad_slots_are_refused_on_their_field(
    persona: Persona, changes: dict[str, Any], field: str
) -> None:
    start = factories.in_days(3)
    minutes = changes.pop("minutes", 60)
    with pytest.raises(ValidationError) as refused:
        services.offer_slots(
            by=persona("supervisor"),
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=minutes),
            place="Raum 2",
            **changes,
        )
    assert field in refused.value.message_dict


def test_only_supervisors_offer_slots(persona: Persona) -> None:
    start = factories.in_days(3)
    with pytest.raises(PermissionDenied):
        services.offer_slots(
            by=persona("local_a"),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            place="Raum 2",
        )


def test_booking_and_its_refusals(persona: Persona) -> None:
    group = factories.slot(capacity=2)
    first = services.book(group, by=persona("local_a"))
    assert first.is_active
    with pytest.raises(ValidationError, match="bereits gebucht"):
        services.book(group, by=persona("local_a"))
    services.book(group, by=persona("external"))
    with pytest.raises(ValidationError, match="letzten Platz"):
        services.book(group, by=persona("local_b"))
    with pytest.raises(PermissionDenied):
        services.book(factories.slot(), by=persona("actor_a"))  # no process companion
    with pytest.raises(PermissionDenied):
        services.book(factories.slot(), by=persona("supervisor"))


def test_a_cancelled_or_begun_slot_cannot_be_booked(persona: Persona) -> None:
    cancelled = factories.slot()
    services.cancel_slot(cancelled, by=persona("supervisor"))
    with pytest.raises(ValidationError, match="abgesagt"):
        services.book(cancelled, by=persona("local_a"))
    past = factories.past_session(days_ago=3, booked=[])
    with pytest.raises(ValidationError, match="begonnen oder ist vorbei"):
        services.book(past, by=persona("local_a"))


def test_cancelling_before_the_deadline_frees_the_place(persona: Persona) -> None:
    single = factories.slot(kind=Slot.Kind.INDIVIDUAL, days=10)
    booking = services.book(single, by=persona("local_a"))
    services.cancel_booking(booking, by=persona("local_a"))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_at is not None
    assert services.book(single, by=persona("external")).is_active


def test_cancelling_past_the_deadline_is_refused_and_the_booking_stays(persona: Persona) -> None:
    rules = PoolRules.current()
    single = factories.slot(kind=Slot.Kind.INDIVIDUAL, days=10)
    booking = services.book(single, by=persona("local_a"))
    late = single.starts_at - datetime.timedelta(hours=rules.cancellation_hours - 1)
    with pytest.raises(ValidationError) as refused:
        services.cancel_booking(booking, by=persona("local_a"), at=late)
    message = refused.value.messages[0]
    assert "kann nicht mehr storniert werden" in message
    assert "Ihre Buchung bleibt bestehen" in message
    booking.refresh_from_db()
    assert booking.is_active


def test_the_deadline_follows_the_pool_rules(persona: Persona) -> None:
    services.change_pool_rules(by=persona("office"), cancellation_hours=2)
    single = factories.slot(kind=Slot.Kind.INDIVIDUAL, days=1)
    booking = services.book(single, by=persona("local_a"))
    services.cancel_booking(
        booking, by=persona("local_a"), at=single.starts_at - datetime.timedelta(hours=3)
    )


def test_nobody_cancels_another_persons_booking(persona: Persona) -> None:
    booking = services.book(factories.slot(), by=persona("local_a"))
    with pytest.raises(PermissionDenied):
        services.cancel_booking(booking, by=persona("external"))


def test_a_slot_with_bookings_keeps_enough_places(persona: Persona) -> None:
    group = factories.slot(capacity=3)
    services.book(group, by=persona("local_a"))
    services.book(group, by=persona("external"))
    with pytest.raises(ValidationError) as refused:
        services.change_slot(group, by=persona("supervisor"), capacity=1)
    assert "capacity" in refused.value.message_dict
    before = Slot.objects.get(pk=group.pk).sequence
    moved = services.change_slot(
        group,
        by=persona("supervisor"),
        starts_at=group.starts_at + datetime.timedelta(hours=1),
        ends_at=group.ends_at + datetime.timedelta(hours=1),
    )
    assert moved.sequence == before + 1
    assert all(b.sequence >= 1 for b in moved.bookings.active())


def test_a_past_or_cancelled_slot_is_not_changed(persona: Persona) -> None:
    past = factories.past_session(days_ago=2, booked=[persona("local_a")])
    with pytest.raises(ValidationError, match="vorbei"):
        services.change_slot(past, by=persona("supervisor"), topic="neu")
    with pytest.raises(ValidationError, match="vorbei"):
        services.cancel_slot(past, by=persona("supervisor"))


def test_notes_are_the_supervisors_and_the_audit_log_keeps_no_word(persona: Persona) -> None:
    slot = factories.slot()
    with pytest.raises(PermissionDenied):
        services.add_note(slot, by=persona("local_a"), text="x")
    note = services.add_note(slot, by=persona("supervisor"), text="Erste Fassung geheim")
    note = services.change_note(note, by=persona("supervisor"), text="Zweite Fassung geheim")
    assert SessionNote.objects.get(pk=note.pk).text == "Zweite Fassung geheim"
    lines = AuditEntry.objects.filter(object_type="supervision.SessionNote", object_id=note.pk)
    assert [line.action for line in lines.order_by("pk")] == ["create", "update"]
    for line in lines:
        assert "geheim" not in f"{line.object_repr} {line.changes}"
    with pytest.raises(PermissionDenied):
        services.change_note(note, by=persona("external"), text="x")


def test_the_audit_log_names_no_supervisee_in_a_booking_line(persona: Persona) -> None:
    booking = services.book(factories.slot(), by=persona("local_a"))
    line = AuditEntry.objects.get(object_type="supervision.Booking", object_id=booking.pk)
    assert str(persona("local_a")) not in line.object_repr


# --- The last place, booked from two sessions at once --------------------------------------


@pytest.fixture
def threads_database(tmp_path: Path) -> Iterator[None]:
    """Where the threads' own connections go. PostgreSQL: the test database (they see what is
    committed). SQLite: the test database lives in memory, where a second connection meets table
    locks instead of waiting, so the threads get a database file of their own, migrated here and
    opened with the options production uses (WAL, transactions beginning IMMEDIATE, a busy
    timeout)."""
    if connections["default"].vendor != "sqlite":
        yield
        return
    settings_dict = connections.settings["default"]
    name = settings_dict["NAME"]
    settings_dict["NAME"] = str(tmp_path / "threads.sqlite3")
    try:
        migrate = _in_thread(lambda: call_command("migrate", verbosity=0))
        migrate.start()
        migrate.join(timeout=300)
        yield
    finally:
        settings_dict["NAME"] = name


def _in_thread(work: Any) -> threading.Thread:
    def run() -> None:
        try:
            work()
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_the_last_place_booked_at_once_from_two_sessions_goes_to_exactly_one(
    threads_database: None,
) -> None:
    """Two threads, each with its own connection and transaction, book the one place of a slot
    at the same moment. The slot's row lock (PostgreSQL) or the database's single writer
    (SQLite) lets one in; the other then counts the place taken and is refused with a message.
    People and slot are made and removed in threads too, committed, so that nothing waits on
    this test's own transaction."""
    found: dict[str, Any] = {}
    outcomes: list[str] = []
    tag = uuid.uuid4().hex[:8]

    def setup() -> None:
        found["last_line"] = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        found["people"] = [
            accounts.create_account(
                by=None,
                email=f"{key}-{tag}@example.org",
                display_name=f"{key} {tag}",
                password="x",
                programme_role=role,
            )
            for key, role in [
                ("supervisorin", ProgrammeRole.SUPERVISOR),
                ("erste", ProgrammeRole.EXTERNAL_COMPANION),
                ("zweite", ProgrammeRole.EXTERNAL_COMPANION),
            ]
        ]
        found["slot"] = factories.slot(
            by=found["people"][0], kind=Slot.Kind.INDIVIDUAL, days=12, topic=f"Wettlauf {tag}"
        )

    start = threading.Barrier(2, timeout=60)

    def book_as(index: int) -> Any:
        def work() -> None:
            start.wait()
            try:
                services.book(found["slot"], by=found["people"][index])
                outcomes.append("booked")
            except ValidationError as refused:
                outcomes.append(refused.messages[0])

        return work

    def count() -> None:
        found["active"] = Booking.objects.active().filter(slot=found["slot"]).count()

    def clean() -> None:
        if "slot" in found:
            Slot.objects.filter(pk=found["slot"].pk).delete()
        with connections["default"].cursor() as cursor:  # the log refuses deletes by design
            table = connections["default"].ops.quote_name(AuditEntry._meta.db_table)
            cursor.execute(
                f"DELETE FROM {table} WHERE id > %s",  # noqa: S608
                [found.get("last_line") or 0],
            )
        for person in found.get("people", []):
            person.delete()

    try:
        for step in ([setup], [book_as(1), book_as(2)], [count]):
            threads = [_in_thread(work) for work in step]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=90)
        assert sorted(outcomes, key=lambda outcome: outcome != "booked") == [
            "booked",
            "Jemand anderes hat gerade den letzten Platz dieses Termins gebucht. "
            "Bitte wählen Sie einen anderen.",
        ]
        assert found["active"] == 1
    finally:
        cleaner = _in_thread(clean)
        cleaner.start()
        cleaner.join(timeout=60)
