"""The accompaniment process: step rules, milestones, documents, the stalled notice, the pages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.municipalities import services
from kokoma.municipalities.models import (
    STEP_KINDS,
    Milestone,
    Municipality,
    Phase,
    ProcessStep,
    StepKind,
    StepStatus,
)
from tests.conftest import BAUTZEN, COTTBUS, Login, Persona
from tests.municipalities.factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MATRIX = reverse("municipalities:process_matrix")


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def local(persona: Persona) -> User:
    return persona("local_a")


def step_of(municipality: Municipality, kind: StepKind) -> ProcessStep:
    return municipality.process_steps.get(kind=kind)


def pdf(name: str = "vereinbarung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% signed agreement\n")


def fresh_municipality(office: User, **kwargs: object) -> Municipality:
    return services.onboard_municipality(
        by=office,
        register=RegisterEntryFactory.create(),
        joined_on=kwargs.pop("joined_on", TODAY),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


# The process itself --------------------------------------------------------------------------


def test_onboarding_gives_the_seven_steps_with_their_standard_milestones(
    persona: Persona,
) -> None:
    municipality = fresh_municipality(persona("office"))
    steps = list(municipality.process_steps.order_by("position"))
    assert [step.kind for step in steps] == STEP_KINDS
    assert [step.position for step in steps] == list(range(1, 8))
    assert all(step.status == StepStatus.NOT_STARTED for step in steps)
    mandate = steps[0].milestones.get()
    assert mandate.needs_document and mandate.standard == "agreement_signed"
    assert str(mandate.display_title) == (
        "Kooperationsvereinbarung von der Verwaltungsspitze unterzeichnet"
    )


def test_starting_a_step_dates_it_today_and_is_audited(cottbus: Municipality, local: User) -> None:
    step = step_of(cottbus, StepKind.IMPLEMENTATION)
    before = step.last_progress_at
    services.update_step(step, by=local, status=StepStatus.IN_PROGRESS)
    step.refresh_from_db()
    assert step.started_on == TODAY
    assert step.last_progress_at > before
    entry = AuditEntry.objects.filter(object_id=str(step.pk), action=AuditAction.UPDATE).latest(
        "at"
    )
    assert entry.changes["status"] == ["not_started", "in_progress"]


def test_a_step_is_done_only_with_its_milestone_and_document(persona: Persona, local: User) -> None:
    municipality = fresh_municipality(persona("office"), joined_on=TODAY)
    mandate = step_of(municipality, StepKind.MANDATE)
    services.update_step(mandate, by=local, status=StepStatus.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        services.update_step(mandate, by=local, status=StepStatus.DONE)
    assert "Meilensteine" in refused.value.message_dict["status"][0]
    assert "Kooperationsvereinbarung" in refused.value.message_dict["status"][0]

    milestone = mandate.milestones.get()
    with pytest.raises(ValidationError) as no_document:
        services.reach_milestone(milestone, by=local, reached_on=TODAY)
    assert "Dokument" in no_document.value.message_dict["document"][0]

    document = services.upload_step_document(mandate, by=local, title="Vereinbarung", upload=pdf())
    services.reach_milestone(milestone, by=local, reached_on=TODAY, document=document)
    done = services.update_step(mandate, by=local, status=StepStatus.DONE)
    assert done.status == StepStatus.DONE and done.finished_on == TODAY


def test_an_own_milestone_must_be_reached_too(cottbus: Municipality, local: User) -> None:
    step = step_of(cottbus, StepKind.AGREEMENT)
    services.update_step(step, by=local, status=StepStatus.IN_PROGRESS)
    own = services.add_milestone(step, by=local, title="Stadtratsbeschluss")
    for milestone in step.milestones.exclude(pk=own.pk):
        services.reach_milestone(milestone, by=local, reached_on=TODAY)
    with pytest.raises(ValidationError, match="Stadtratsbeschluss"):
        services.update_step(step, by=local, status=StepStatus.DONE)
    services.reach_milestone(own, by=local, reached_on=TODAY)
    assert services.update_step(step, by=local, status=StepStatus.DONE).status == StepStatus.DONE


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"status": StepStatus.SKIPPED}, "skip_reason", "Grund"),
        (
            {"status": StepStatus.IN_PROGRESS, "started_on": TODAY + datetime.timedelta(days=1)},
            "started_on",
            "Zukunft",
        ),
        (
            {
                "status": StepStatus.IN_PROGRESS,
                "planned_start": TODAY,
                "planned_end": TODAY - datetime.timedelta(days=1),
            },
            "planned_end",
            "geplante Ende",
        ),
        ({"started_on": TODAY}, "status", "nicht begonnen"),
        (
            {"status": StepStatus.IN_PROGRESS, "finished_on": TODAY},
            "finished_on",
            "läuft",
        ),
    ],
)
def test_bad_step_input_is_refused_with_a_german_message(
    cottbus: Municipality, local: User, changes: dict[str, object], field: str, words: str
) -> None:
    step = step_of(cottbus, StepKind.FOLLOW_UP)
    with pytest.raises(ValidationError) as refused:
        services.update_step(step, by=local, **changes)  # type: ignore[arg-type]
    assert words in " ".join(refused.value.message_dict[field])
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED


def test_skipping_needs_a_reason_and_keeps_it(cottbus: Municipality, local: User) -> None:
    step = step_of(cottbus, StepKind.AGREEMENT)
    skipped = services.update_step(
        step, by=local, status=StepStatus.SKIPPED, skip_reason="Im Stadtrat beschlossen."
    )
    assert skipped.skip_reason == "Im Stadtrat beschlossen."


def test_participants_come_from_the_municipality(
    cottbus: Municipality, local: User, persona: Persona
) -> None:
    step = step_of(cottbus, StepKind.IMPLEMENTATION)
    services.update_step(step, by=local, participants=[local, persona("actor_a")])
    assert set(step.participants.all()) == {local, persona("actor_a")}
    with pytest.raises(ValidationError, match="Personen der Kommune"):
        services.update_step(step, by=local, participants=[persona("actor_b")])


def test_a_document_that_proves_a_done_step_stays(persona: Persona) -> None:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    local = persona("local_a")
    mandate = step_of(cottbus, StepKind.MANDATE)  # done in the demo, with its signed agreement
    proof = mandate.milestones.get().document
    assert proof is not None
    with pytest.raises(ValidationError, match="in Arbeit"):
        services.delete_step_document(proof, by=local)
    services.update_step(mandate, by=local, status=StepStatus.IN_PROGRESS, finished_on=None)
    services.delete_step_document(proof, by=local)
    milestone = mandate.milestones.get()
    assert milestone.reached_on is None and milestone.document is None


def test_standard_milestones_cannot_be_removed(cottbus: Municipality, local: User) -> None:
    milestone = step_of(cottbus, StepKind.CONCEPT).milestones.get(standard="concept_written")
    with pytest.raises(ValidationError, match="Standard"):
        services.delete_milestone(milestone, by=local)
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_of_a_done_step_cannot_be_reopened(cottbus: Municipality, local: User) -> None:
    milestone = step_of(cottbus, StepKind.INTERVIEWS).milestones.get()
    with pytest.raises(ValidationError, match="erledigt"):
        services.reach_milestone(milestone, by=local, reached_on=None)


def test_a_work_log_entry_is_filed_under_a_step_of_its_own_municipality(
    cottbus: Municipality, local: User
) -> None:
    step = step_of(cottbus, StepKind.CONCEPT)
    entry = services.add_work_log_entry(
        cottbus, by=local, date=TODAY, participants="Tandem", topic="Workshop", step=step
    )
    assert entry.step == step and entry in step.work_log.all()
    bautzen_step = step_of(Municipality.objects.get(register__ags=BAUTZEN), StepKind.CONCEPT)
    with pytest.raises(ValidationError) as refused:
        services.change_work_log_entry(entry, by=local, step=bautzen_step)
    assert "anderen Kommune" in refused.value.message_dict["step"][0]


# Stalled processes ---------------------------------------------------------------------------


def test_the_demo_has_one_stalled_process() -> None:
    stalled = Municipality.objects.stalled(weeks=8)
    assert [m.ags for m in stalled] == [BAUTZEN]


def test_progress_ends_the_stall_and_the_weeks_are_configurable(persona: Persona) -> None:
    bautzen = Municipality.objects.get(register__ags=BAUTZEN)
    assert bautzen in Municipality.objects.stalled(weeks=8)
    assert bautzen not in Municipality.objects.stalled(weeks=52)
    services.update_step(
        step_of(bautzen, StepKind.INTERVIEWS), by=persona("local_b"), notes="Auswertung begonnen."
    )
    assert bautzen not in Municipality.objects.stalled(weeks=8)


def test_unstarted_finished_and_completed_processes_are_not_stalled(persona: Persona) -> None:
    office = persona("office")
    long_ago = TODAY - datetime.timedelta(days=400)
    unstarted = fresh_municipality(office, joined_on=long_ago)
    assert unstarted not in Municipality.objects.stalled(weeks=8)
    bautzen = Municipality.objects.get(register__ags=BAUTZEN)
    services.change_phase(bautzen, by=office, to_phase=Phase.COMPLETED, effective_on=TODAY)
    assert bautzen not in Municipality.objects.stalled(weeks=8)


def test_the_office_start_page_names_the_stalled_municipality(client: Client, login: Login) -> None:
    login("office")
    page = client.get(reverse("start:home")).content.decode()
    assert "Begleitprozess stockt in 1 Kommune" in page
    assert reverse("municipalities:process", args=[BAUTZEN]) in page
    login("local_a")
    assert "Begleitprozess stockt" not in client.get(reverse("start:home")).content.decode()


# Pages ---------------------------------------------------------------------------------------


def test_the_municipality_page_shows_where_the_process_stands(client: Client, login: Login) -> None:
    login("actor_a")
    page = client.get(reverse("municipalities:detail", args=[COTTBUS])).content.decode()
    assert "Aktueller Schritt: 4. Handlungskonzept aus Workshops (in Arbeit)" in page
    overview = client.get(reverse("municipalities:process", args=[COTTBUS]))
    assert overview.status_code == 200
    # an actor sees where it stands, not the step's details
    assert (
        reverse("municipalities:process_step", args=[COTTBUS, 1]) not in overview.content.decode()
    )


def test_the_office_follows_a_done_step_to_the_document_that_proves_it(
    client: Client, login: Login, persona: Persona, cottbus: Municipality
) -> None:
    mandate = step_of(cottbus, StepKind.MANDATE)
    proof = mandate.milestones.get().document
    assert proof is not None
    login("office")
    page = client.get(reverse("municipalities:process_step", args=[COTTBUS, 1])).content.decode()
    link = reverse("municipalities:step_document", args=[COTTBUS, 1, proof.pk])
    assert page.count(f'href="{link}"') == 2  # at the milestone and in the list of documents
    assert reverse("municipalities:step_edit", args=[COTTBUS, 1]) not in page
    # a document uploaded now (the demo's files live in the demo's media folder, not the tests')
    added = services.upload_step_document(
        mandate, by=persona("local_a"), title="Nachtrag", upload=pdf()
    )
    link = reverse("municipalities:step_document", args=[COTTBUS, 1, added.pk])
    assert client.get(link).status_code == 200
    login("actor_a")
    assert client.get(link).status_code == 403


def test_the_tandem_moves_a_step_with_a_document_through_the_pages(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("local_a")
    step = step_of(cottbus, StepKind.CONCEPT)
    upload = client.post(
        reverse("municipalities:step_document_add", args=[COTTBUS, step.position]),
        {"title": "Handlungskonzept Entwurf", "file": pdf("konzept.pdf")},
    )
    assert upload.status_code == 302
    document = step.documents.get(title="Handlungskonzept Entwurf")
    milestone = step.milestones.get()
    edit = reverse("municipalities:milestone_edit", args=[COTTBUS, step.position, milestone.pk])
    form = client.get(edit).context["form"]
    answer = client.post(
        edit,
        {
            "reached_on": TODAY.strftime("%d.%m.%Y"),
            "document": document.pk,
            "state": form.initial["state"](),
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    step_edit = reverse("municipalities:step_edit", args=[COTTBUS, step.position])
    form = client.get(step_edit).context["form"]
    data = {
        name: value
        for name, value in {
            "status": "done",
            "started_on": step.started_on.strftime("%d.%m.%Y") if step.started_on else "",
            "planned_start": "",
            "planned_end": "",
            "finished_on": "",
            "skip_reason": "",
            "external_participants": step.external_participants,
            "notes": step.notes,
            "state": form.initial["state"](),
        }.items()
    }
    done = client.post(step_edit, data)
    assert done.status_code == 302, done.context["form"].errors
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and step.finished_on == TODAY
    download = client.get(
        reverse("municipalities:step_document", args=[COTTBUS, step.position, document.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"


def test_done_without_milestone_shows_the_reason_and_keeps_the_input(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("local_a")
    step = step_of(cottbus, StepKind.IMPLEMENTATION)
    url = reverse("municipalities:step_edit", args=[COTTBUS, step.position])
    form = client.get(url).context["form"]
    answer = client.post(
        url,
        {"status": "done", "notes": "Alles umgesetzt, wirklich.", "state": form.initial["state"]()},
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "erst erledigt, wenn seine Meilensteine erreicht sind" in page
    assert "Alles umgesetzt, wirklich." in page
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED


# The programme office's matrix ---------------------------------------------------------------


def test_the_matrix_shows_every_municipality_and_its_steps(client: Client, login: Login) -> None:
    login("office")
    response = client.get(MATRIX)
    rows = response.context["rows"]
    names = [row["municipality"].ags for row in rows]
    assert set(names) >= {COTTBUS, BAUTZEN}
    cottbus_row = next(row for row in rows if row["municipality"].ags == COTTBUS)
    statuses = [step.status for step, _days in cottbus_row["steps"]]
    assert statuses[:4] == ["done", "done", "done", "in_progress"]
    days = [days for _step, days in cottbus_row["steps"]]
    assert days[0] == 40 and days[3] == 90  # the demo's mandate took 40 days; the concept runs
    assert [row["stalled"] for row in rows if row["municipality"].ags == BAUTZEN] == [True]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"land": "12"}, {COTTBUS}),
        ({"stalled": "on"}, {BAUTZEN}),
        ({"current": "concept"}, {COTTBUS}),
        ({"current": "interviews"}, {BAUTZEN}),
        ({"phase": "kickoff"}, {BAUTZEN}),
        ({"stalled": "on", "weeks": "52"}, set()),
    ],
)
def test_the_matrix_filters(
    client: Client, login: Login, query: dict[str, str], expected: set[str]
) -> None:
    login("office")
    rows = client.get(MATRIX, query).context["rows"]
    assert {row["municipality"].ags for row in rows} == expected


def test_the_matrix_sorts_by_progress_and_by_quiet(client: Client, login: Login) -> None:
    login("office")
    furthest = client.get(MATRIX, {"sort": "-progress"}).context["rows"][0]
    assert furthest["municipality"].name.startswith("Hameln")
    quiet = [
        row["municipality"].ags for row in client.get(MATRIX, {"sort": "quiet"}).context["rows"]
    ]
    assert quiet.index(BAUTZEN) < quiet.index(COTTBUS)


def _admit(office: User, count: int) -> None:
    for _ in range(count):
        fresh_municipality(office)


def _matrix_queries(client: Client) -> int:
    assert client.get(MATRIX).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(MATRIX)
    assert response.status_code == 200
    return len(context)


@pytest.mark.slow
def test_the_matrix_costs_the_same_queries_at_10_and_200_municipalities(
    client: Client, login: Login, persona: Persona
) -> None:
    office = login("office")
    _admit(office, 10 - Municipality.objects.count())
    assert Municipality.objects.count() == 10
    at_10 = _matrix_queries(client)
    _admit(office, 190)
    assert Municipality.objects.count() == 200
    at_200 = _matrix_queries(client)
    assert at_10 == at_200
    assert at_200 <= 12
