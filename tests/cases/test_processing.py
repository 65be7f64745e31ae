"""Conflict processing: procedures, measures, agreements and closing a case with its outcome."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import Actor, Agreement, Case, CaseOutcome, CaseProcedure, Measure
from kokoma.demo.cases import load_demo_cases
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from ..conftest import BAUTZEN, COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case(persona: Persona) -> Case:
    return services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Streit am Brunnen",
        team=[persona("actor_a")],
    )


@pytest.fixture
def actors(case: Case) -> list[Actor]:
    return [
        Actor.objects.create(case=case, pseudonym="Anwohnende", kind="group"),
        Actor.objects.create(case=case, pseudonym="Jugendclub", kind="organisation"),
    ]


@pytest.fixture
def foreign_actor(persona: Persona) -> Actor:
    other = services.open_case(
        municipality=Municipality.objects.get(register__ags=BAUTZEN),
        by=persona("local_b"),
        title="Anderer Fall",
    )
    return Actor.objects.create(case=other, pseudonym="Fremd", kind="person")


def mediation() -> Term:
    return Term.objects.get(kind=TermKind.PROCEDURE, name="Mediation")


def step(case: Case, name: str) -> Step:
    return Step.objects.get(workflow__municipality=case.municipality, name=name)


def url(name: str, case: Case, **kwargs: Any) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})


# Services ------------------------------------------------------------------------------------


def test_procedure_with_participants_of_the_case(
    case: Case, actors: list[Actor], persona: Persona
) -> None:
    procedure = services.add_procedure(
        case, by=persona("local_a"), procedure=mediation(), goal="Einigung", participants=actors
    )
    assert set(procedure.participants.all()) == set(actors)
    assert AuditEntry.objects.filter(
        object_id=str(procedure.pk), action=AuditAction.CREATE
    ).exists()


def test_participants_and_parties_from_another_case_are_refused(
    case: Case, actors: list[Actor], foreign_actor: Actor, persona: Persona
) -> None:
    by = persona("local_a")
    with pytest.raises(ValidationError):
        services.add_procedure(
            case, by=by, procedure=mediation(), goal="x", participants=[actors[0], foreign_actor]
        )
    with pytest.raises(ValidationError):
        services.add_agreement(case, by=by, text="Ruhe ab 22 Uhr", parties=[foreign_actor])
    assert not CaseProcedure.objects.filter(case=case).exists()
    assert not Agreement.objects.filter(case=case).exists()


def test_a_procedure_must_come_from_the_catalogue(case: Case, persona: Persona) -> None:
    topic = Term.objects.filter(kind=TermKind.TOPIC).first()
    assert topic is not None
    with pytest.raises(ValidationError):
        services.add_procedure(case, by=persona("local_a"), procedure=topic, goal="x")


def test_a_measure_due_before_its_creation_is_refused(case: Case, persona: Persona) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_measure(
            case,
            by=persona("local_a"),
            title="Flyer",
            owner=persona("local_a"),
            due_on=TODAY - datetime.timedelta(days=1),
        )
    assert "due_on" in refused.value.message_dict
    assert not Measure.objects.filter(case=case).exists()


def test_a_measure_owner_must_see_the_case(case: Case, persona: Persona) -> None:
    for outsider in ("board_a", "local_b", "office"):
        with pytest.raises(ValidationError):
            services.add_measure(
                case, by=persona("local_a"), title="Flyer", owner=persona(outsider)
            )
    measure = services.add_measure(
        case, by=persona("local_a"), title="Flyer", owner=persona("actor_a"), due_on=TODAY
    )
    assert measure.owner == persona("actor_a")


def test_overdue_measures(case: Case, persona: Persona) -> None:
    by = persona("local_a")
    late = services.add_measure(case, by=by, title="spät", owner=by, due_on=TODAY)
    done = services.add_measure(
        case, by=by, title="erledigt", owner=by, due_on=TODAY, status=Measure.Status.DONE
    )
    future = services.add_measure(
        case, by=by, title="später", owner=by, due_on=TODAY + datetime.timedelta(days=3)
    )
    tomorrow = TODAY + datetime.timedelta(days=1)
    overdue = set(Measure.objects.filter(case=case).overdue(tomorrow))
    assert overdue == {late}
    assert done not in overdue and future not in overdue
    assert not Measure.objects.filter(case=case).overdue()


def test_closing_without_outcome_is_refused_and_changes_nothing(
    case: Case, persona: Persona
) -> None:
    by = persona("local_a")
    services.transition_case(case, by=by, to_step=step(case, "Ersteinschätzung"))
    case.refresh_from_db()
    version = case.version
    with pytest.raises(ValidationError) as refused:
        services.transition_case(case, by=by, to_step=step(case, "abgeschlossen"))
    assert "outcome" in refused.value.messages[0] or "Ergebnis" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        services.close_case(
            case, by=by, outcome="", lessons="", to_step=step(case, "abgeschlossen")
        )
    with pytest.raises(ValidationError):
        services.close_case(
            case,
            by=by,
            outcome=CaseOutcome.RESOLVED,
            lessons="  ",
            to_step=step(case, "abgeschlossen"),
        )
    case.refresh_from_db()
    assert case.closed_at is None and case.outcome == "" and case.version == version
    assert case.step.name == "Ersteinschätzung"


def test_close_case_records_outcome_and_moves_to_the_final_step(
    case: Case, persona: Persona
) -> None:
    by = persona("local_a")
    services.transition_case(case, by=by, to_step=step(case, "Ersteinschätzung"))
    closed = services.close_case(
        case,
        by=by,
        outcome=CaseOutcome.DEESCALATED,
        lessons="Früh reden.",
        to_step=step(case, "abgeschlossen"),
    )
    assert closed.closed_at is not None and closed.step.is_final
    assert closed.outcome == CaseOutcome.DEESCALATED and closed.lessons_learned == "Früh reden."


def test_close_case_needs_a_final_step_allowed_from_here(case: Case, persona: Persona) -> None:
    by = persona("local_a")  # Eingang → abgeschlossen is not allowed
    with pytest.raises(ValidationError):
        services.close_case(
            case,
            by=by,
            outcome=CaseOutcome.RESOLVED,
            lessons="x",
            to_step=step(case, "abgeschlossen"),
        )
    case.refresh_from_db()
    assert case.closed_at is None and case.outcome == ""


# Views ---------------------------------------------------------------------------------------


def test_case_page_shows_the_processing_sections(
    case: Case, actors: list[Actor], client: Client, login: Login, persona: Persona
) -> None:
    by = persona("local_a")
    services.add_measure(case, by=by, title="Flyer verteilen", owner=by, due_on=TODAY)
    Measure.objects.filter(case=case).update(due_on=TODAY - datetime.timedelta(days=2))
    login("actor_a")
    content = client.get(url("detail", case)).content.decode()
    for anchor in ("procedures-heading", "measures-heading", "agreements-heading"):
        assert f'id="{anchor}"' in content
    assert "badge-overdue" in content and "Flyer verteilen" in content
    # Eingang allows no final step: the page explains instead of offering "Close case"
    assert url("close", case) not in content and 'id="closing-rule"' in content
    assert url("procedure_add", case) in content


def test_add_procedure_measure_agreement_through_the_pages(
    case: Case, actors: list[Actor], client: Client, login: Login
) -> None:
    user = login("local_a")
    response = client.post(
        url("procedure_add", case),
        {
            "procedure": mediation().pk,
            "goal": "Verständigung",
            "participants": [a.pk for a in actors],
            "status": "running",
            "started_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    procedure = CaseProcedure.objects.get(case=case)
    assert procedure.participants.count() == 2
    response = client.post(
        url("measure_add", case),
        {"title": "Raum buchen", "owner": user.pk, "due_on": TODAY.isoformat(), "status": "open"},
    )
    assert response.status_code == 302
    measure = Measure.objects.get(case=case)
    response = client.post(
        url("measure_edit", case, measure_id=measure.pk),
        {"title": "Raum buchen", "owner": user.pk, "status": "done", "result": "Gebucht."},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "done" and measure.result == "Gebucht."
    response = client.post(
        url("agreement_add", case),
        {
            "text": "Ruhe ab 22 Uhr",
            "parties": [actors[0].pk],
            "agreed_on": TODAY.isoformat(),
            "status": "in_force",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(case=case)
    response = client.post(
        url("agreement_edit", case, agreement_id=agreement.pk),
        {"text": "Ruhe ab 22 Uhr", "agreed_on": TODAY.isoformat(), "status": "kept"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "kept" and not agreement.parties.exists()
    assert client.get(url("procedure_edit", case, procedure_id=procedure.pk)).status_code == 200


def test_an_edit_through_the_page_is_logged_with_what_changed(
    case: Case, actors: list[Actor], client: Any, login: Any
) -> None:
    user = login("local_a")
    procedure = services.add_procedure(
        case, by=user, procedure=mediation(), goal="Einigung", participants=actors
    )
    response = client.post(
        url("procedure_edit", case, procedure_id=procedure.pk),
        {
            "procedure": mediation().pk,
            "goal": "Einigung",
            "participants": [actors[0].pk],
            "status": "running",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(
        object_type="cases.CaseProcedure", object_id=str(procedure.pk), action=AuditAction.UPDATE
    )
    assert entry.changes == {
        "status": ["planned", "running"],
        "participants": [str(sorted(a.pk for a in actors)), str([actors[0].pk])],
    }


def test_an_update_changes_only_the_fields_it_is_given(
    case: Case, actors: list[Actor], persona: Any
) -> None:
    by = persona("local_a")
    procedure = services.add_procedure(
        case, by=by, procedure=mediation(), goal="Einigung", participants=actors
    )
    procedure.status = CaseProcedure.Status.CANCELLED  # not given: not written
    services.update_procedure(procedure, by=by, goal="Verständigung")
    procedure.refresh_from_db()
    assert (procedure.goal, procedure.status) == ("Verständigung", CaseProcedure.Status.PLANNED)
    assert set(procedure.participants.all()) == set(actors)
    measure = services.add_measure(case, by=by, title="Flyer", owner=by)
    with pytest.raises(FieldDoesNotExist):
        # A mistyped field name is refused at run time too (the type checker refuses it first).
        services.update_measure(measure, by=by, titel="Plakat")  # type: ignore[call-arg]


def test_bad_input_rerenders_and_keeps_input(
    case: Case,
    actors: list[Actor],
    foreign_actor: Actor,
    client: Client,
    login: Login,
    persona: Persona,
) -> None:
    user = login("local_a")
    response = client.post(
        url("measure_add", case),
        {
            "title": "Zu spät",
            "owner": user.pk,
            "due_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 200 and "Zu spät" in response.content.decode()
    assert response.context["form"].errors["due_on"]
    response = client.post(
        url("measure_add", case),
        {"title": "Fremd", "owner": persona("local_b").pk, "status": "open"},
    )
    assert response.status_code == 200 and response.context["form"].errors["owner"]
    response = client.post(
        url("procedure_add", case),
        {
            "procedure": mediation().pk,
            "goal": "Ziel bleibt",
            "participants": [foreign_actor.pk],
            "status": "planned",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["participants"]
    assert "Ziel bleibt" in response.content.decode()
    response = client.post(
        url("agreement_add", case),
        {"text": "x", "agreed_on": "gestern", "status": "in_force", "parties": [foreign_actor.pk]},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"agreed_on", "parties"}
    assert not Measure.objects.filter(case=case).exists()
    assert not CaseProcedure.objects.filter(case=case).exists()
    assert not Agreement.objects.filter(case=case).exists()


def test_objects_of_another_case_are_not_found(
    case: Case, foreign_actor: Actor, client: Client, login: Login, persona: Persona
) -> None:
    other = foreign_actor.case
    by = persona("local_b")
    measure = services.add_measure(other, by=by, title="x", owner=by)
    login("local_a")
    assert client.get(url("measure_edit", case, measure_id=measure.pk)).status_code == 404


def test_close_case_page(case: Case, client: Client, login: Login, persona: Persona) -> None:
    user = login("local_a")
    services.transition_case(case, by=user, to_step=step(case, "Ersteinschätzung"))
    final = step(case, "abgeschlossen")
    response = client.post(url("close", case), {"to_step": final.pk, "lessons": "Gelernt"})
    assert response.status_code == 200 and response.context["form"].errors["outcome"]
    assert "Gelernt" in response.content.decode()
    case.refresh_from_db()
    assert case.closed_at is None
    response = client.post(
        url("close", case),
        {"to_step": final.pk, "outcome": "transformed", "lessons": "Gelernt", "note": ""},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_at is not None and case.outcome == "transformed"
    with override("en"):
        content = client.get(url("detail", case)).content.decode()
        assert gettext("transformed") in content and "Gelernt" in content
    assert client.get(url("close", case)).status_code == 200


def test_transition_form_to_final_step_without_outcome_is_refused(
    case: Case, client: Client, login: Login
) -> None:
    user = login("local_a")
    services.transition_case(case, by=user, to_step=step(case, "Ersteinschätzung"))
    response = client.post(url("transition", case), {"to_step": step(case, "abgeschlossen").pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_at is None


@pytest.mark.parametrize(("name", "status"), [("board_a", 404), ("local_b", 404)])
def test_outsiders_cannot_open_the_processing_pages(
    case: Case, client: Client, login: Login, name: str, status: int
) -> None:
    login(name)
    for page in ("procedure_add", "measure_add", "agreement_add", "close"):
        assert client.get(url(page, case)).status_code in (403, 404)


# Demo ----------------------------------------------------------------------------------------


def test_demo_holds_processing_data_and_closed_cases_with_outcomes() -> None:
    assert Term.objects.filter(kind=TermKind.PROCEDURE).count() >= 8
    assert CaseProcedure.objects.exists()
    assert Measure.objects.overdue().exists()
    assert Measure.objects.filter(status=Measure.Status.DONE).exclude(result="").exists()
    statuses = set(Agreement.objects.values_list("status", flat=True))
    assert {"kept", "broken", "in_force"} <= statuses
    closed = Case.objects.filter(closed_at__isnull=False)
    assert closed.exists()
    assert not closed.filter(outcome="").exists()
    assert not closed.filter(lessons_learned="").exists()


def test_demo_loader_stays_idempotent() -> None:
    counts = (CaseProcedure.objects.count(), Measure.objects.count(), Agreement.objects.count())
    load_demo_cases()
    assert counts == (
        CaseProcedure.objects.count(),
        Measure.objects.count(),
        Agreement.objects.count(),
    )


def test_a_closed_case_shows_no_overdue_measures(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    by = persona("local_a")
    measure = services.add_measure(case, by=by, title="Flyer", owner=by, due_on=TODAY)
    Measure.objects.filter(pk=measure.pk).update(due_on=TODAY - datetime.timedelta(days=3))
    login("local_a")
    assert 'measure-overdue"' in client.get(url("detail", case)).content.decode()
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    assert 'measure-overdue"' not in client.get(url("detail", case)).content.decode()


def test_a_measure_taken_on_earlier_may_be_due_since_then(case: Case, persona: Persona) -> None:
    by = persona("local_a")
    taken_on = timezone.now() - datetime.timedelta(days=30)
    measure = services.add_measure(
        case,
        by=by,
        title="Flyer",
        owner=by,
        due_on=TODAY - datetime.timedelta(days=20),
        at=taken_on,
    )
    measure.refresh_from_db()
    assert measure.created_at == taken_on
    assert Measure.objects.filter(case=case).overdue().get() == measure
    with pytest.raises(ValidationError) as refused:
        services.add_measure(
            case,
            by=by,
            title="zu früh",
            owner=by,
            due_on=TODAY - datetime.timedelta(days=31),
            at=taken_on,
        )
    assert "due_on" in refused.value.message_dict


def test_a_case_closed_afterwards_keeps_the_moment_it_was_closed(persona: Persona) -> None:
    by, now = persona("local_a"), timezone.now()
    case = services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=by,
        title="Längst erledigt",
        at=now - datetime.timedelta(days=30),
    )
    services.transition_case(
        case, by=by, to_step=step(case, "Ersteinschätzung"), at=now - datetime.timedelta(days=29)
    )
    closed_at = now - datetime.timedelta(days=20)
    closed = services.close_case(
        case,
        by=by,
        outcome=CaseOutcome.RESOLVED,
        lessons="Früh reden.",
        to_step=step(case, "abgeschlossen"),
        at=closed_at,
    )
    assert closed.closed_at == closed_at == closed.step_since
