"""Who may do what in a peer consultation, as a truth table (decision 0031)."""

from __future__ import annotations

import pytest

from tests.conftest import Persona

from .factories import drafted, shared

pytestmark = pytest.mark.django_db

# role: case-side (view, draft, approve/close) on the case; network-side (view, answer) on a
# shared, open consultation.
TABLE = {
    "local_a": (True, True, True, True, False),  # coordinator (tandem)
    "external": (True, True, True, True, False),  # coordinator (tandem)
    "actor_a": (True, True, False, True, False),  # case team
    "trainee_a": (False, False, False, True, True),  # Cottbus, not on the case
    "board_a": (False, False, False, False, False),  # board member only: not in the network
    "local_b": (False, False, False, True, True),  # another municipality
    "actor_b": (False, False, False, True, True),
    "office": (False, False, False, True, True),  # programme office, not on the case team
    "trainer": (False, False, False, True, True),
}


@pytest.mark.parametrize(("role", "expected"), TABLE.items())
def test_truth_table(persona: Persona, role: str, expected: tuple[bool, ...]) -> None:
    consultation = shared()
    user = persona(role)
    case = consultation.case
    found = (
        user.has_perm("consultation.view_case_consultations", case),
        user.has_perm("consultation.draft_consultation", case),
        user.has_perm("consultation.approve_consultation", case)
        and user.has_perm("consultation.close_consultation", case),
        user.has_perm("consultation.view_consultation", consultation),
        user.has_perm("consultation.answer_consultation", consultation),
    )
    assert found == expected


@pytest.mark.parametrize("role", ["local_b", "office", "trainee_a", "actor_b"])
def test_a_draft_is_seen_by_nobody_outside_the_case(persona: Persona, role: str) -> None:
    from kokoma.consultation.models import Consultation

    consultation = drafted()
    user = persona(role)
    assert not user.has_perm("consultation.view_consultation", consultation)
    assert not Consultation.objects.visible_to(user).filter(pk=consultation.pk).exists()


def test_a_closed_consultation_takes_no_answers(persona: Persona) -> None:
    from kokoma.consultation import services

    consultation = shared()
    services.close_consultation(consultation, by=persona("local_a"))
    consultation.refresh_from_db()
    assert persona("local_b").has_perm("consultation.view_consultation", consultation)
    assert not persona("local_b").has_perm("consultation.answer_consultation", consultation)
