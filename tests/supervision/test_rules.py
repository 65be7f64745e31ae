"""Role matrix per supervision permission, written out by hand from decision 0027.

The slot: an upcoming group slot of the demo supervisor (Dr. Ruth Neumeier), booked by the
Cottbus local companion. The process companions (external ones of the pool, and the local ones)
may book; the office keeps the pool and reads counts only; actors, board members and trainees
have no part in supervision (the trained conflict managers join with `training`).
"""

from __future__ import annotations

import pytest
import rules

from kokoma.supervision.models import Slot

from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db

Y, N = True, False
ROLES = ["office", "external", "external_other", "supervisor", "local_a", "actor_a", "board_a",
         "trainee_a", "local_b", "actor_b"]  # fmt: skip

#             use, offer, book, manage pool
AREAS = {
    "office": (N, N, N, Y),
    "external": (Y, N, Y, N),
    "external_other": (Y, N, Y, N),
    "supervisor": (Y, Y, N, N),
    "local_a": (Y, N, Y, N),
    "actor_a": (N, N, N, N),
    "board_a": (N, N, N, N),
    "trainee_a": (N, N, N, N),
    "local_b": (Y, N, Y, N),
    "actor_b": (N, N, N, N),
}
#             view, manage, book, cancel booking, read notes, write note
ON_SLOT = {
    "office": (N, N, N, N, N, N),
    "external": (Y, N, Y, N, N, N),
    "external_other": (Y, N, Y, N, N, N),
    "supervisor": (Y, Y, N, N, Y, Y),
    "local_a": (Y, N, Y, Y, Y, N),  # booked into it
    "actor_a": (N, N, N, N, N, N),
    "board_a": (N, N, N, N, N, N),
    "trainee_a": (N, N, N, N, N, N),
    "local_b": (Y, N, Y, N, N, N),
    "actor_b": (N, N, N, N, N, N),
}
SLOT_PERMISSIONS = ["view_slot", "manage_slot", "book_slot", "cancel_booking", "read_notes",
                    "write_note"]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_areas(persona: Persona, role: str) -> None:
    user = persona(role)
    found = tuple(
        rules.has_perm(f"supervision.{name}", user)
        for name in ("use_supervision", "offer_slots", "book", "manage_pool")
    )
    assert found == AREAS[role]


@pytest.mark.parametrize("role", ROLES)
def test_on_a_slot(persona: Persona, role: str) -> None:
    slot = factories.slot()
    factories.book(slot, persona("local_a"))
    user = persona(role)
    found = tuple(rules.has_perm(f"supervision.{name}", user, slot) for name in SLOT_PERMISSIONS)
    assert found == ON_SLOT[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_reaches_a_slot_at_all(persona: Persona, role: str) -> None:
    """Out of reach is 404: the office sees no session, only counts."""
    slot = factories.slot()
    factories.book(slot, persona("local_a"))
    reached = Slot.objects.visible_to(persona(role)).filter(pk=slot.pk).exists()
    assert reached == ON_SLOT[role][0]


def test_a_cancelled_booking_ends_the_reading_of_notes(persona: Persona) -> None:
    from kokoma.supervision import services

    slot = factories.slot()
    booking = factories.book(slot, persona("local_a"))
    services.cancel_booking(booking, by=persona("local_a"))
    fresh = persona("local_a")
    assert not rules.has_perm("supervision.read_notes", fresh, slot)


def test_a_past_session_stays_in_reach_of_its_people_only(persona: Persona) -> None:
    past = factories.past_session(days_ago=7, booked=[persona("local_a")])
    assert Slot.objects.visible_to(persona("local_a")).filter(pk=past.pk).exists()
    assert Slot.objects.visible_to(persona("supervisor")).filter(pk=past.pk).exists()
    for role in ("external", "local_b", "office"):
        assert not Slot.objects.visible_to(persona(role)).filter(pk=past.pk).exists()


def test_a_certified_conflict_manager_books_supervision_until_the_certificate_is_revoked(
    persona: Persona,
) -> None:
    """Trained conflict managers (a valid certificate of the training) book supervision like the
    process companions (issue 12, item 4); a revoked certificate no longer counts."""
    from kokoma.accounts.models import User
    from kokoma.training import services as training
    from kokoma.training.models import Certificate

    certificate = Certificate.objects.valid().select_related("enrolment__participant").first()
    assert certificate is not None  # the demo's finished cohort
    holder = User.objects.get(pk=certificate.enrolment.participant_id)
    assert holder.has_perm("supervision.book")
    training.revoke_certificate(certificate, by=persona("office"), reason="Irrtum")
    assert not User.objects.get(pk=holder.pk).has_perm("supervision.book")
    assert not persona("actor_a").has_perm("supervision.book")  # no certificate, no tandem
