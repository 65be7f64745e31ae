"""Drafting, editing, approving, answering and closing a peer consultation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kokoma.audit.models import AuditEntry
from kokoma.consultation import services
from kokoma.consultation.anonymise import find_leaks
from kokoma.consultation.drafting import context_for_case
from kokoma.consultation.models import Consultation, Status
from kokoma.notifications.models import Notification
from tests.conftest import Persona

from .factories import (
    CANARY,
    CONTACT,
    PSEUDONYM,
    REAL_NAME,
    SECOND,
    drafted,
    named_case,
    shared,
    tandem,
)

pytestmark = pytest.mark.django_db


def test_the_draft_comes_anonymised_from_the_case() -> None:
    consultation = drafted()
    texts = " ".join(
        [consultation.title, consultation.situation, consultation.tried, consultation.question]
    )
    for name in (PSEUDONYM, SECOND, REAL_NAME, "Pfeilschmidt", CONTACT.split()[1]):
        assert name not in texts
    assert "Lindenstraße" not in texts and "Cottbus" not in texts and "12.03.2026" not in texts
    assert "März 2026" in consultation.situation
    assert "in einer Mittelstadt" in consultation.situation  # Cottbus: 99,678 inhabitants
    assert "Akteur:in A und der Akteur:in B" in consultation.situation
    assert "Herr [Person]" not in consultation.situation  # the title goes with the name
    # The analysis: conflict type, peak stage, threat, dividers, tree, the procedure tried.
    assert "Verteilungskonflikt" in consultation.situation
    assert "Glasl" in consultation.situation and "4" in consultation.situation
    assert "Polarisierung 2/3" in consultation.situation
    assert "Der Akteur:in B fühlt sich vertrieben" in consultation.situation
    assert "Ein Platz, zwei Ansprüche" in consultation.situation
    assert "Runder Tisch mit dem Akteur:in A im April 2026" in consultation.tried
    assert consultation.status == Status.DRAFT and not consultation.is_shared
    assert find_leaks(texts, context_for_case(consultation.case)) == []


def test_a_case_has_one_running_consultation() -> None:
    consultation = drafted()
    with pytest.raises(ValidationError, match="hat bereits eine kollegiale Fallberatung"):
        drafted(consultation.case)
    services.close_consultation(consultation, by=tandem())
    assert drafted(consultation.case).is_draft


def test_a_draft_that_names_an_actor_is_refused() -> None:
    consultation = drafted()
    with pytest.raises(ValidationError) as refused:
        services.change_draft(
            consultation,
            by=tandem(),
            title=consultation.title,
            situation=f"Der {PSEUDONYM.lower()}s Sprecher",
            question="Herrn Pfeilschmidts Rolle?",
        )
    assert set(refused.value.message_dict) == {"situation", "question"}
    consultation.refresh_from_db()
    assert PSEUDONYM.lower() not in consultation.situation


def test_an_edited_draft_is_saved_and_approved_as_it_stands(persona: Persona) -> None:
    consultation = drafted()
    services.change_draft(
        consultation,
        by=persona("actor_a"),
        title="Ein Platz, zwei Gruppen",
        situation="Zwei Gruppen streiten um einen Platz.",
        tried="",
        question="Was hat bei Ihnen geholfen?",
    )
    shared_one = services.approve_consultation(consultation, by=tandem())
    assert shared_one.status == Status.OPEN and shared_one.approved_by == tandem()
    assert shared_one.situation == "Zwei Gruppen streiten um einen Platz."
    with pytest.raises(ValidationError, match="bereits mit dem Netzwerk geteilt"):
        services.change_draft(shared_one, by=tandem(), title="x", situation="y", question="z")
    with pytest.raises(ValidationError, match="bereits geteilt oder abgeschlossen"):
        services.approve_consultation(shared_one, by=tandem())


def test_approval_checks_the_names_again() -> None:
    consultation = drafted()
    # A name added to the case after the draft was made (written into the draft directly).
    Consultation.objects.filter(pk=consultation.pk).update(situation=f"Der {SECOND} wartet.")
    with pytest.raises(ValidationError, match="nennt noch eine Akteur:in"):
        services.approve_consultation(consultation, by=tandem())
    consultation.refresh_from_db()
    assert consultation.is_draft and consultation.approved_at is None


def test_the_approved_text_is_a_copy_that_later_case_edits_do_not_change() -> None:
    consultation = shared()
    case = consultation.case
    before = consultation.situation
    from kokoma.cases import services as cases

    cases.update_case(case, by=tandem(), version=case.version, summary=f"Neu: {CANARY}")
    consultation.refresh_from_db()
    assert consultation.situation == before


def test_an_answer_tells_the_team_and_the_tandem(persona: Persona) -> None:
    consultation = shared()
    answer = services.answer_consultation(
        consultation,
        by=persona("local_b"),
        phase="hypothesis",
        text="Vielleicht geht es um Anerkennung.",
    )
    told = set(
        Notification.objects.filter(text__contains=consultation.title).values_list(
            "recipient__email", flat=True
        )
    )
    assert told == {persona(role).email for role in ("actor_a", "local_a", "external")}
    assert answer.author == persona("local_b")
    assert AuditEntry.objects.filter(object_type="consultation.Answer").exists()


def test_closing_tells_the_answerers_with_the_title_only(persona: Persona) -> None:
    consultation = shared()
    for role, phase in (("local_b", "question"), ("office", "suggestion")):
        services.answer_consultation(consultation, by=persona(role), phase=phase, text="Idee")
    Notification.objects.all().delete()
    services.close_consultation(consultation, by=tandem())
    notes = list(Notification.objects.all())
    assert {note.recipient for note in notes} == {persona("local_b"), persona("office")}
    for note in notes:
        assert consultation.title in note.text
        assert consultation.case.reference not in note.text + note.link
        assert "fall/" not in note.link
    with pytest.raises(ValidationError, match="abgeschlossen"):
        services.answer_consultation(
            consultation, by=persona("local_b"), phase="question", text="?"
        )


def test_a_discarded_draft_is_never_shared() -> None:
    consultation = drafted()
    services.close_consultation(consultation, by=tandem())
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED and not consultation.is_shared
    assert not Consultation.objects.shared().filter(pk=consultation.pk).exists()


def test_the_context_knows_the_people_and_places_of_the_case() -> None:
    context = context_for_case(named_case())
    assert {actor.pseudonym for actor in context.actors} == {PSEUDONYM, SECOND}
    assert (REAL_NAME,) in [actor.real_names for actor in context.actors]
    assert {"Tobias Brandhorst", "Svenja Krautmann", CONTACT} <= set(context.people)
    assert "Cottbus/Chóśebuz, Stadt" in [place.name for place in context.places]
