"""The boards' services: what they write, and the clear messages for bad input."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.audit.models import AuditEntry
from kokoma.boards import services
from kokoma.boards.models import Board, Resolution
from kokoma.cases.models import Case
from kokoma.municipalities.models import ProcessStep, StepKind
from kokoma.tasks.models import Task
from tests.conftest import BAUTZEN, Persona

from .factories import cottbus_board, inter_municipal_board, meeting, office

pytestmark = pytest.mark.django_db


def test_a_meeting_that_ends_before_it_starts_is_refused() -> None:
    board = cottbus_board()
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.schedule_meeting(
            board, by=office(), title="X", starts_at=start, ends_at=start, place="Rathaus"
        )
    assert error.value.message_dict["ends_at"] == ["Die Sitzung muss nach ihrem Beginn enden."]
    assert not board.meetings.exists()


def test_a_meeting_needs_a_place_or_a_link() -> None:
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.schedule_meeting(
            cottbus_board(),
            by=office(),
            title="X",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
    assert "place" in error.value.message_dict


def test_an_external_member_needs_a_purpose_and_a_name() -> None:
    board = cottbus_board()
    with pytest.raises(ValidationError) as error:
        services.add_member(board, by=office(), name="", purpose="")
    assert set(error.value.message_dict) == {"name", "purpose"}


def test_a_user_is_a_member_once(persona: Persona) -> None:
    board = cottbus_board()
    with pytest.raises(ValidationError) as error:
        services.add_member(board, by=office(), user=persona("board_a"))
    assert "bereits Mitglied" in error.value.message_dict["user"][0]


def test_a_local_board_needs_its_municipality_and_only_the_office_sets_up_the_programme_board(
    persona: Persona,
) -> None:
    with pytest.raises(ValidationError):
        services.create_board(by=office(), kind=Board.Kind.LOCAL, name="X")
    with pytest.raises(ValidationError):
        services.create_board(by=persona("local_a"), kind=Board.Kind.INTER_MUNICIPAL, name="X")


def test_a_recommendation_without_a_responsible_person_is_refused() -> None:
    item = services.add_agenda_item(meeting(cottbus_board()), by=office(), title="TOP")
    with pytest.raises(ValidationError) as error:
        services.record_resolution(
            item, by=office(), kind=Resolution.Kind.RECOMMENDATION, text="Mehr Jugendarbeit"
        )
    assert error.value.message_dict["responsible"] == [
        "Eine Empfehlung braucht eine verantwortliche Person, die sie weiterverfolgt."
    ]
    assert not Resolution.objects.filter(item=item).exists()


def test_a_decision_needs_nobody() -> None:
    item = services.add_agenda_item(meeting(cottbus_board()), by=office(), title="TOP")
    resolution = services.record_resolution(
        item, by=office(), kind=Resolution.Kind.DECISION, text="Nächste Sitzung im März"
    )
    assert resolution.task is None
    assert resolution.status_changes.count() == 1


def test_a_recommendation_of_a_local_board_becomes_a_task(persona: Persona) -> None:
    actor = persona("actor_a")
    item = services.add_agenda_item(meeting(cottbus_board()), by=office(), title="TOP")
    due = timezone.localdate() + datetime.timedelta(days=30)
    resolution = services.record_resolution(
        item,
        by=office(),
        kind=Resolution.Kind.RECOMMENDATION,
        text="Runden Tisch Sandow einberufen",
        responsible=actor,
        due_on=due,
    )
    task = resolution.task
    assert isinstance(task, Task)
    assert task.assignee == actor
    assert task.due_on == due
    assert task.municipality == item.meeting.board.municipality
    assert "Runden Tisch Sandow" in task.title

    services.change_resolution_status(resolution, by=actor, status="in_progress", note="läuft")
    services.change_resolution_status(resolution, by=actor, status="implemented")
    task.refresh_from_db()
    assert task.done_at is not None
    assert [c.to_status for c in resolution.status_changes.all()] == [
        "open",
        "in_progress",
        "implemented",
    ]
    services.change_resolution_status(resolution, by=actor, status="open")
    task.refresh_from_db()
    assert task.done_at is None


def test_the_responsible_person_of_a_local_board_belongs_to_its_municipality(
    persona: Persona,
) -> None:
    item = services.add_agenda_item(meeting(cottbus_board()), by=office(), title="TOP")
    with pytest.raises(ValidationError) as error:
        services.record_resolution(
            item,
            by=office(),
            kind=Resolution.Kind.RECOMMENDATION,
            text="X",
            responsible=persona("actor_b"),
        )
    assert "Cottbus" in error.value.message_dict["responsible"][0]


def test_the_inter_municipal_boards_follow_up_stays_on_the_resolution(persona: Persona) -> None:
    item = services.add_agenda_item(meeting(inter_municipal_board()), by=office(), title="TOP")
    resolution = services.record_resolution(
        item,
        by=office(),
        kind=Resolution.Kind.RECOMMENDATION,
        text="Leitfaden überarbeiten",
        responsible=persona("local_b"),
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert resolution.task is None


def test_a_case_is_linked_only_by_who_may_see_it(persona: Persona) -> None:
    board = cottbus_board()
    item = services.add_agenda_item(meeting(board), by=office(), title="TOP")
    case = Case.objects.filter(municipality=board.municipality).first()
    assert case is not None
    tandem = persona("local_a")
    assert services.find_case(board, case.reference, by=tandem) == case
    assert services.find_case(board, case.reference, by=persona("board_a")) is None
    resolution = services.record_resolution(
        item, by=tandem, kind=Resolution.Kind.DECISION, text="Fall beobachten", case=case
    )
    assert resolution.case == case
    with pytest.raises(ValidationError):
        services.record_resolution(
            item, by=persona("board_a"), kind=Resolution.Kind.DECISION, text="X", case=case
        )


def test_a_local_recommendation_concerns_a_step_of_its_municipalitys_process(
    persona: Persona, client: Client
) -> None:
    board = cottbus_board()
    item = services.add_agenda_item(meeting(board), by=office(), title="TOP")
    tandem = persona("local_a")
    assert board.municipality is not None
    step = board.municipality.process_steps.get(kind=StepKind.IMPLEMENTATION)
    resolution = services.record_resolution(
        item,
        by=tandem,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Umsetzung mit dem Jugendamt abstimmen",
        responsible=tandem,
        step=step,
    )
    assert list(step.resolutions.all()) == [resolution]
    # the tandem finds it on the step's page
    client.force_login(tandem)
    page = client.get(
        reverse("municipalities:process_step", args=[board.municipality.ags, step.position])
    )
    assert "Umsetzung mit dem Jugendamt abstimmen" in page.content.decode()

    bautzen_step = ProcessStep.objects.get(municipality__register__ags=BAUTZEN, position=6)
    with pytest.raises(ValidationError) as refused:
        services.record_resolution(
            item, by=tandem, kind=Resolution.Kind.DECISION, text="X", step=bautzen_step
        )
    assert "Prozess ihrer Kommune" in refused.value.message_dict["step"][0]
    programme_item = services.add_agenda_item(
        meeting(inter_municipal_board()), by=office(), title="TOP"
    )
    with pytest.raises(ValidationError):
        services.record_resolution(
            programme_item, by=office(), kind=Resolution.Kind.DECISION, text="X", step=step
        )


def test_minutes_are_approved_in_the_next_meeting() -> None:
    board = cottbus_board()
    first = meeting(board, days=-30)
    services.save_minutes(first, by=office(), minutes="# Protokoll\n\nAlles gut.")
    second = meeting(board, days=7)
    assert services.minutes_to_approve(second) == first
    approved = services.approve_minutes(second, by=office())
    assert approved.approved_in == second
    assert approved.minutes_approved_at is not None
    assert services.minutes_to_approve(second) is None
    with pytest.raises(ValidationError):
        services.save_minutes(approved, by=office(), minutes="geändert")
    with pytest.raises(ValidationError):
        services.approve_minutes(second, by=office())


def test_attendance_and_audit(persona: Persona) -> None:
    board = cottbus_board()
    session = meeting(board)
    members = {m.user_id: m for m in board.members.all()}
    services.record_attendance(
        session,
        by=office(),
        statuses={
            members[persona("board_a").pk].pk: "present",
            members[persona("actor_a").pk].pk: "excused",
        },
    )
    assert dict(session.attendance.values_list("member__user_id", "status")) == {
        persona("board_a").pk: "present",
        persona("actor_a").pk: "excused",
    }
    assert AuditEntry.objects.filter(object_type="boards.Meeting", object_id=str(session.pk))


def test_a_corrected_resolution_takes_its_task_along(persona: Persona) -> None:
    actor, local = persona("actor_a"), persona("local_a")
    item = services.add_agenda_item(meeting(cottbus_board()), by=office(), title="TOP")
    due = timezone.localdate() + datetime.timedelta(days=30)
    resolution = services.record_resolution(
        item,
        by=office(),
        kind=Resolution.Kind.RECOMMENDATION,
        text="Runden Tisch Sandw einberufen",
        responsible=actor,
        due_on=due,
    )
    later = due + datetime.timedelta(days=14)
    services.change_resolution(
        resolution,
        by=office(),
        text="Runden Tisch Sandow einberufen",
        responsible=local,
        due_on=later,
    )
    task = resolution.task
    assert task is not None
    task.refresh_from_db()
    assert (task.assignee, task.due_on) == (local, later)
    assert "Sandow" in task.title and "Sandw" not in task.title
    with pytest.raises(ValidationError) as refused:
        services.change_resolution(resolution, by=office(), responsible=None)
    assert "braucht eine verantwortliche Person" in refused.value.message_dict["responsible"][0]
    # a decision may lose its responsible person, but not once the follow-up is their task
    with pytest.raises(ValidationError) as refused:
        services.change_resolution(
            resolution, by=office(), kind=Resolution.Kind.DECISION, responsible=None
        )
    assert "Aufgabe von" in refused.value.message_dict["responsible"][0]


def test_a_decision_given_a_responsible_person_later_becomes_a_task(persona: Persona) -> None:
    item = services.add_agenda_item(meeting(cottbus_board()), by=office(), title="TOP")
    decision = services.record_resolution(
        item, by=office(), kind=Resolution.Kind.DECISION, text="Beirat tagt öffentlich"
    )
    assert decision.task is None
    corrected = services.change_resolution(decision, by=office(), responsible=persona("actor_a"))
    assert corrected.task is not None and corrected.task.assignee == persona("actor_a")
