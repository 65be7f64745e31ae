"""Opening, taking part in and moderating dialogues: the services and their refusals."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kokoma.audit.models import AuditEntry
from kokoma.cases.models import Agreement
from kokoma.dialogue import services
from kokoma.dialogue.models import (
    STATEMENT_MAX_LENGTH,
    Dialogue,
    Participant,
    StatementStatus,
    Vote,
)
from kokoma.notifications.models import Notification

from ..cases.matrix_samples import cottbus_case
from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_opening_numbers_the_seed_statements_and_accepts_them(persona: Persona) -> None:
    made = factories.dialogue()
    statements = list(made.statements.order_by("number"))
    assert [s.number for s in statements] == [0, 1, 2, 3]
    assert {s.status for s in statements} == {StatementStatus.ACCEPTED}
    assert all(s.seed for s in statements)
    assert made.is_public and made.state == Dialogue.State.OPEN
    assert AuditEntry.objects.filter(object_type="dialogue.Dialogue", object_id=str(made.pk))


def test_a_dialogue_must_close_after_it_opens() -> None:
    now = timezone.now()
    with translation.override("de"), pytest.raises(ValidationError) as error:
        factories.dialogue(opens_at=now, closes_at=now - datetime.timedelta(days=1))
    assert "nach seinem Beginn enden" in _messages(error)


def test_a_case_dialogue_belongs_to_the_cases_municipality(persona: Persona) -> None:
    case = cottbus_case()
    made = factories.dialogue(case=case)
    assert made.case == case and not made.is_public
    from kokoma.municipalities.models import Municipality

    bautzen = Municipality.objects.get(register__ags="14625020")
    with pytest.raises(ValidationError):
        services.open_dialogue(
            municipality=bautzen, case=case, by=persona("local_a"), question="Frage?"
        )


def test_a_submitted_statement_waits_and_the_facilitators_hear_of_it(persona: Persona) -> None:
    made = factories.dialogue()
    participant = factories.anonymous(made, "browser-one")
    statement = services.submit_statement(made, participant, text="  Mehr   Licht am Abend. ")
    assert statement.status == StatementStatus.PENDING
    assert statement.text == "Mehr Licht am Abend."
    assert statement.number == 4
    assert Notification.objects.filter(
        recipient=persona("local_a"), link=services.manage_url(made)
    ).exists()
    assert not Notification.objects.filter(recipient=persona("local_b")).filter(
        link=services.manage_url(made)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("   ", "Bitte schreiben Sie eine Aussage."),
        ("x" * (STATEMENT_MAX_LENGTH + 1), "höchstens 300 Zeichen"),
        ("der platz soll allen gehören.", "gibt es in diesem Dialog bereits"),
    ],
)
def test_bad_statements_are_refused_in_german(text: str, expected: str) -> None:
    made = factories.dialogue()
    participant = factories.anonymous(made, "browser-two")
    with translation.override("de"), pytest.raises(ValidationError) as error:
        services.submit_statement(made, participant, text=text)
    assert expected in _messages(error)


def test_no_submission_where_only_facilitators_add_statements() -> None:
    made = factories.dialogue(allow_submissions=False)
    participant = factories.anonymous(made, "browser-three")
    with translation.override("de"), pytest.raises(ValidationError) as error:
        services.submit_statement(made, participant, text="Eine neue Idee.")
    assert "nur die Moderation" in _messages(error)


def test_a_vote_changes_in_place_one_row_per_participant_and_statement() -> None:
    made = factories.dialogue()
    participant = factories.anonymous(made, "browser-four")
    first = made.statements.order_by("number").first()
    assert first is not None
    services.cast_vote(made, participant, statement_id=first.pk, value=1)
    services.cast_vote(made, participant, statement_id=first.pk, value=-1)
    services.cast_vote(made, participant, statement_id=first.pk, value=-1)
    votes = Vote.objects.filter(participant=participant)
    assert [(v.statement_id, v.value) for v in votes] == [(first.pk, -1)]


def test_votes_on_closed_dialogues_and_rejected_statements_are_refused(persona: Persona) -> None:
    made = factories.dialogue()
    participant = factories.anonymous(made, "browser-five")
    statement = made.statements.order_by("number").first()
    assert statement is not None
    services.moderate(statement, by=persona("local_a"), status="rejected", reason="Doppelt.")
    with translation.override("de"), pytest.raises(ValidationError) as error:
        services.cast_vote(made, participant, statement_id=statement.pk, value=1)
    assert "nicht abgestimmt werden" in _messages(error)
    with pytest.raises(ValidationError):
        services.cast_vote(made, participant, statement_id=statement.pk, value=2)
    services.close_dialogue(made, by=persona("local_a"))
    made.refresh_from_db()
    other = made.statements.order_by("number").last()
    assert other is not None
    with translation.override("de"), pytest.raises(ValidationError) as error:
        services.cast_vote(made, participant, statement_id=other.pk, value=1)
    assert "geschlossen" in _messages(error)
    assert not Vote.objects.filter(participant=participant).exists()


def test_a_dialogue_that_has_not_opened_takes_no_vote() -> None:
    made = factories.dialogue(opens_at=timezone.now() + datetime.timedelta(days=2))
    participant = factories.anonymous(made, "browser-six")
    statement = made.statements.first()
    assert statement is not None
    with pytest.raises(ValidationError):
        services.cast_vote(made, participant, statement_id=statement.pk, value=0)


def test_an_anonymous_token_is_stored_only_as_a_hash_per_dialogue() -> None:
    one, two = factories.dialogue(), factories.dialogue(question="Zweite Frage?")
    token = "t" * 32
    first, again = services.join(one, token=token), services.join(one, token=token)
    other = services.join(two, token=token)
    assert first == again
    assert first.token_hash != token and token not in (first.token_hash or "")
    # the same browser in two dialogues cannot be linked through the database
    assert first.token_hash != other.token_hash
    assert Participant.objects.filter(dialogue=one).count() == 1


def test_a_logged_in_participant_is_their_account(persona: Persona) -> None:
    made = factories.dialogue()
    user = persona("actor_a")
    assert services.join(made, user=user) == services.join(made, user=user)
    assert services.join(made, user=user).token_hash is None


def test_rejecting_needs_a_reason_and_is_audited(persona: Persona) -> None:
    made = factories.dialogue()
    statement = services.submit_statement(
        made, factories.anonymous(made, "browser-seven"), text="Ein Vorschlag."
    )
    with translation.override("de"), pytest.raises(ValidationError) as error:
        services.moderate(statement, by=persona("local_a"), status="rejected", reason=" ")
    assert "Grund" in _messages(error)
    services.moderate(statement, by=persona("local_a"), status="rejected", reason="Beleidigend.")
    statement.refresh_from_db()
    assert statement.status == StatementStatus.REJECTED
    assert statement.rejection_reason == "Beleidigend."
    assert AuditEntry.objects.filter(object_type="dialogue.Statement", object_id=str(statement.pk))
    services.moderate(statement, by=persona("local_a"), status="accepted")
    statement.refresh_from_db()
    assert statement.votable and statement.rejection_reason == ""
    services.moderate(statement, by=persona("local_a"), is_meta=True)
    statement.refresh_from_db()
    assert statement.is_meta and statement.votable


def test_the_next_statement_is_one_not_yet_seen() -> None:
    made = factories.dialogue()
    participant = factories.anonymous(made, "browser-eight")
    seen = []
    for _ in range(4):
        statement = services.next_statement(made, participant)
        assert statement is not None and statement.pk not in seen
        seen.append(statement.pk)
        services.cast_vote(made, participant, statement_id=statement.pk, value=0)
    assert services.next_statement(made, participant) is None


def test_a_bridging_statement_becomes_a_draft_agreement_of_the_case(persona: Persona) -> None:
    made = factories.dialogue(case=cottbus_case())
    statement = made.statements.order_by("number").first()
    assert statement is not None
    agreement = services.draft_agreement(statement, by=persona("local_a"))
    assert agreement.case == made.case
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.text == statement.text
    public = factories.dialogue(question="Öffentlich?")
    with pytest.raises(ValidationError):
        services.draft_agreement(public.statements.first(), by=persona("local_a"))  # type: ignore[arg-type]


def test_renewing_the_link_retires_the_old_one(persona: Persona) -> None:
    made = factories.dialogue()
    old = made.key
    renewed = services.renew_link(made, by=persona("local_a"))
    assert renewed.key != old
    assert not Dialogue.objects.filter(key=old).exists()
