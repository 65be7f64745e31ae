"""Applications, consent, decisions, the waiting list and its order, withdrawals."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kokoma.audit.models import AuditEntry
from kokoma.notifications.models import Notification
from kokoma.training import services
from kokoma.training.models import Consent, Enrolment, EnrolmentStatus

from ..conftest import Persona
from .factories import cohort, cottbus, trainee

pytestmark = pytest.mark.django_db


def test_direct_enrolment_fills_the_places_then_the_waiting_list(persona: Persona) -> None:
    office = persona("office")
    group = cohort(capacity=2)
    people = [trainee(name) for name in ("Anna", "Bert", "Clara", "Dirk")]
    placed = [
        services.enrol(group, by=office, participant=person, municipality=cottbus())
        for person in people
    ]
    assert [row.status for row in placed] == ["approved", "approved", "waiting", "waiting"]
    assert [services.waiting_position(row) for row in placed] == [None, None, 1, 2]
    # the person on the waiting list is told so, with their number
    told = Notification.objects.filter(recipient=people[2]).get()
    assert "Warteliste" in told.text and "1" in told.text


def test_a_withdrawal_gives_the_place_to_the_first_on_the_waiting_list(persona: Persona) -> None:
    office = persona("office")
    group = cohort(capacity=1)
    first, second, third = (trainee(name) for name in ("Erik", "Frida", "Gero"))
    holder = services.enrol(group, by=office, participant=first, municipality=cottbus())
    services.enrol(group, by=office, participant=second, municipality=cottbus())
    services.enrol(group, by=office, participant=third, municipality=cottbus())

    promoted = services.withdraw(holder, by=first)

    assert promoted is not None and promoted.participant == second
    statuses = dict(group.enrolments.values_list("participant__display_name", "status"))
    assert statuses == {"Erik": "withdrawn", "Frida": "approved", "Gero": "waiting"}
    assert services.waiting_position(group.enrolments.get(participant=third)) == 1
    assert Notification.objects.filter(recipient=second, text__contains="aufgenommen").exists()


def test_withdrawing_from_the_waiting_list_moves_nobody_up(persona: Persona) -> None:
    office = persona("office")
    group = cohort(capacity=1)
    a, b = trainee("Hans"), trainee("Ines")
    services.enrol(group, by=office, participant=a, municipality=cottbus())
    waiting = services.enrol(group, by=office, participant=b, municipality=cottbus())
    assert services.withdraw(waiting, by=b) is None
    assert group.enrolments.enrolled().get().participant == a
    with pytest.raises(ValidationError, match="bereits beendet"):
        services.withdraw(waiting, by=b)


def test_more_places_are_filled_from_the_waiting_list_in_its_order(persona: Persona) -> None:
    office = persona("office")
    group = cohort(capacity=1)
    people = [trainee(name) for name in ("Jana", "Kai", "Lea")]
    for person in people:
        services.enrol(group, by=office, participant=person, municipality=cottbus())
    services.change_cohort(group, by=office, capacity=2)
    assert set(group.enrolments.enrolled().values_list("participant__display_name", flat=True)) == {
        "Jana",
        "Kai",
    }
    with pytest.raises(ValidationError) as refused:
        services.change_cohort(group, by=office, capacity=1)
    assert "capacity" in refused.value.message_dict


def test_an_application_waits_for_the_municipality_then_the_office(persona: Persona) -> None:
    office, tandem, actor = persona("office"), persona("local_a"), persona("actor_a")
    group = cohort(accepts_applications=True, requires_consent=True)

    application = services.apply(
        group, by=actor, municipality=cottbus(), motivation="Ich moderiere im Jugendamt."
    )
    assert application.status == EnrolmentStatus.APPLIED
    assert application.consent == Consent.PENDING
    assert Notification.objects.filter(recipient=tandem, text__contains="Zustimmung").exists()
    assert application in Enrolment.objects.awaiting_consent_of(tandem)
    with pytest.raises(ValidationError, match="nicht zugestimmt"):
        services.decide(application, by=office, decision="approve")

    services.give_consent(application, by=tandem, given=True)
    decided = services.decide(application, by=office, decision="approve", note="Willkommen")
    assert decided.status == EnrolmentStatus.APPROVED
    assert (
        AuditEntry.objects.filter(
            object_type="training.Enrolment", object_id=str(decided.pk)
        ).count()
        == 3
    )


def test_a_refused_consent_needs_a_reason_and_ends_the_application(persona: Persona) -> None:
    tandem, actor = persona("local_a"), persona("actor_a")
    group = cohort(accepts_applications=True)
    application = services.apply(group, by=actor, municipality=cottbus(), motivation="Bitte")
    with pytest.raises(ValidationError) as refused:
        services.give_consent(application, by=tandem, given=False)
    assert "note" in refused.value.message_dict
    services.give_consent(application, by=tandem, given=False, note="Keine Freistellung möglich.")
    assert Notification.objects.filter(recipient=actor, text__contains="nicht zugestimmt").exists()


def test_approving_into_a_full_cohort_puts_the_applicant_on_the_waiting_list(
    persona: Persona,
) -> None:
    office, actor = persona("office"), persona("actor_a")
    group = cohort(capacity=1, accepts_applications=True, requires_consent=False)
    services.enrol(group, by=office, participant=trainee("Mia"), municipality=cottbus())
    application = services.apply(group, by=actor, municipality=cottbus(), motivation="Gern")
    decided = services.decide(application, by=office, decision="approve")
    assert decided.status == EnrolmentStatus.WAITING
    assert services.waiting_position(decided) == 1


def test_declining_needs_a_reason(persona: Persona) -> None:
    office, actor = persona("office"), persona("actor_a")
    group = cohort(accepts_applications=True, requires_consent=False)
    application = services.apply(group, by=actor, municipality=cottbus(), motivation="Gern")
    with pytest.raises(ValidationError):
        services.decide(application, by=office, decision="decline")
    services.decide(
        application,
        by=office,
        decision="decline",
        note="Der Durchgang ist für Kommunen in Phase „aktiv“.",
    )
    with pytest.raises(ValidationError, match="bereits entschieden"):
        services.decide(application, by=office, decision="approve")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"accepts_applications": False}, "nimmt keine Bewerbungen"),
        (
            {"accepts_applications": True, "application_deadline": "2020-01-01"},
            "nimmt keine Bewerbungen",
        ),
    ],
)
def test_applications_only_while_the_cohort_accepts_them(
    persona: Persona, fields: dict[str, object], message: str
) -> None:
    group = cohort(**fields)
    with pytest.raises(ValidationError, match=message):
        services.apply(group, by=persona("actor_a"), municipality=cottbus(), motivation="x")


def test_nobody_applies_twice_nor_for_a_municipality_they_do_not_belong_to(
    persona: Persona,
) -> None:
    from kokoma.municipalities.models import Municipality

    from ..conftest import BAUTZEN

    actor = persona("actor_a")
    group = cohort(accepts_applications=True)
    bautzen = Municipality.objects.get(register__ags=BAUTZEN)
    with pytest.raises(ValidationError):
        services.apply(group, by=actor, municipality=bautzen, motivation="x")
    services.apply(group, by=actor, municipality=cottbus(), motivation="x")
    with pytest.raises(ValidationError, match="bereits beworben"):
        services.apply(group, by=actor, municipality=cottbus(), motivation="x")
    assert not mail.outbox or all("Passwort" not in m.body for m in mail.outbox)
