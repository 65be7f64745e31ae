"""The case services: opening, moving through the procedure rules, optimistic locking, need-to-know, audited reads."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import Case, CaseStepChange
from kokoma.municipalities.models import Municipality
from kokoma.workflow.models import Step

from ..conftest import BAUTZEN, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cottbus: Municipality, persona: Persona) -> Case:
    return services.open_case(municipality=cottbus, by=persona("local_a"), title="Streit am Platz")


def step(case: Case, name: str) -> Step:
    return Step.objects.get(workflow__municipality=case.municipality, name=name)


def test_a_new_case_starts_in_the_initial_step_with_a_random_reference(case: Case) -> None:
    assert case.step.is_initial and case.step.name == "Eingang"
    assert case.reference.startswith("F-") and len(case.reference) == 11
    assert CaseStepChange.objects.filter(case=case, from_step=None, to_step=case.step).exists()
    assert AuditEntry.objects.filter(object_id=str(case.pk), action=AuditAction.CREATE).exists()


def test_references_do_not_repeat() -> None:
    assert len({services.new_reference("F") for _ in range(500)}) == 500


def test_an_allowed_transition_moves_the_case_and_writes_history(
    case: Case, persona: Persona
) -> None:
    services.transition_case(case, by=persona("local_a"), to_step=step(case, "Ersteinschätzung"))
    case.refresh_from_db()
    assert case.step.name == "Ersteinschätzung"
    assert case.version == 2
    assert case.step_changes.count() == 2


def test_a_transition_the_rules_do_not_allow_is_refused_and_changes_nothing(
    case: Case, persona: Persona
) -> None:
    with pytest.raises(ValidationError, match=r"nicht|not"):
        services.transition_case(case, by=persona("local_a"), to_step=step(case, "Nachsorge"))
    case.refresh_from_db()
    assert case.step.name == "Eingang"
    assert case.step_changes.count() == 1


def test_a_step_of_another_municipality_is_refused(case: Case, persona: Persona) -> None:
    foreign = Step.objects.get(
        workflow__municipality__register__ags=BAUTZEN, name="Ersteinschätzung"
    )
    with pytest.raises(ValidationError):
        services.transition_case(case, by=persona("local_a"), to_step=foreign)


def test_reaching_the_final_step_closes_the_case(case: Case, persona: Persona) -> None:
    by = persona("local_a")
    services.transition_case(case, by=by, to_step=step(case, "Ersteinschätzung"))
    # Closing needs an outcome (issue 4); close_case is tested in test_processing.py.
    Case.objects.filter(pk=case.pk).update(outcome="resolved", lessons_learned="Gelernt.")
    services.transition_case(case, by=by, to_step=step(case, "abgeschlossen"))
    case.refresh_from_db()
    assert case.closed_at is not None
    assert not Case.objects.open().filter(pk=case.pk).exists()


def test_a_stale_edit_is_refused_and_keeps_the_other_save(case: Case, persona: Persona) -> None:
    services.update_case(case, by=persona("local_a"), version=1, summary="Fassung A")
    with pytest.raises(services.StaleEdit) as refused:
        services.update_case(case, by=persona("external"), version=1, summary="Fassung B")
    assert refused.value.current.summary == "Fassung A"
    case.refresh_from_db()
    assert case.summary == "Fassung A"
    assert case.version == 2


def test_visibility_is_need_to_know(case: Case, persona: Persona) -> None:
    services.add_team_member(case, by=persona("local_a"), user=persona("actor_a"))
    visible = {
        name: Case.objects.visible_to(persona(name)).filter(pk=case.pk).exists()
        for name in ("office", "external", "local_a", "actor_a", "board_a", "local_b", "supervisor")
    }
    assert visible == {
        "office": False,
        "external": True,
        "local_a": True,
        "actor_a": True,
        "board_a": False,
        "local_b": False,
        "supervisor": False,
    }


def test_reading_a_case_isaudited(case: Case, persona: Persona) -> None:
    services.record_case_view(case, by=persona("external"))
    assert AuditEntry.objects.filter(
        object_id=str(case.pk), action=AuditAction.VIEW, actor=persona("external")
    ).exists()


# Recorded afterwards (the demo's history, a step change entered the next morning) -------------


def test_a_case_recorded_afterwards_carries_the_moments_it_happened(
    cottbus: Municipality, persona: Persona
) -> None:
    by, now = persona("local_a"), timezone.now()
    opened_at, moved_at = now - datetime.timedelta(days=60), now - datetime.timedelta(days=45)
    case = services.open_case(
        municipality=cottbus, by=by, title="Nachgetragen", team=[persona("actor_a")], at=opened_at
    )
    assert case.opened_on == timezone.localdate(opened_at)
    assert case.step_since == opened_at
    assert case.team.get().added_at == opened_at
    change = services.transition_case(
        case, by=by, to_step=step(case, "Ersteinschätzung"), at=moved_at
    )
    case.refresh_from_db()
    assert change.changed_at == moved_at and case.step_since == moved_at
    assert [c.changed_at for c in case.step_changes.order_by("id")] == [opened_at, moved_at]
    # The audit log keeps the real time of the writes.
    entries = AuditEntry.objects.filter(object_type="cases.Case", object_id=str(case.pk))
    assert entries.exists() and all(entry.at >= now for entry in entries)


def test_a_step_change_cannot_lie_before_the_step_began_or_in_the_future(
    cottbus: Municipality, persona: Persona
) -> None:
    by, now = persona("local_a"), timezone.now()
    case = services.open_case(
        municipality=cottbus, by=by, title="Reihenfolge", at=now - datetime.timedelta(days=5)
    )
    for at in (now - datetime.timedelta(days=6), now + datetime.timedelta(hours=1)):
        with pytest.raises(ValueError):
            services.transition_case(case, by=by, to_step=step(case, "Ersteinschätzung"), at=at)
    case.refresh_from_db()
    assert case.step.name == "Eingang" and case.step_changes.count() == 1
