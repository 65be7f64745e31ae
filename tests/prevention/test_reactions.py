"""The early warning reacts to the change: the check of the municipality is queued on commit."""

from __future__ import annotations

import contextlib

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.cases import services as case_services
from kokoma.observations import services as observation_services
from kokoma.prevention import services
from kokoma.prevention.jobs import check_municipality
from kokoma.prevention.models import Alert, AlertKind
from kokoma.prevention.reactions import _QueueCheck
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import Persona

from .helpers import ago, case_with_stages, cottbus

pytestmark = pytest.mark.django_db

CHECK_JOB = "kokoma.prevention.jobs.check_municipality"


def setup_committed() -> None:
    """In real use the setup has committed and its queued checks have run.

    The test runs in one transaction that never commits, so the setup's after-commit callbacks
    are still waiting and would count as "already queued"; they are dropped here.
    """
    connection.run_on_commit[:] = [
        entry for entry in connection.run_on_commit if not isinstance(entry[1], _QueueCheck)
    ]
    DBTaskResult.objects.filter(task_path=CHECK_JOB).delete()


def queued_checks() -> list[int]:
    return [
        row.args_kwargs["args"][0]
        for row in DBTaskResult.objects.filter(task_path=CHECK_JOB).order_by("enqueued_at")
    ]


def test_an_escalation_queues_the_check_once_per_transaction_and_raises_the_alert(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    town = cottbus()
    by = persona("local_a")
    case = case_with_stages(town, by, [(10, 3)])
    setup_committed()
    with django_capture_on_commit_callbacks(execute=True):
        case_services.assess_escalation(
            case, by=by, stage=7, rationale="Gewalt", assessed_on=ago(1)
        )
        case_services.assess_escalation(case, by=by, stage=7, rationale="bestätigt")
    assert queued_checks() == [town.pk]  # two changes, one check

    check_municipality.call(town.pk)  # what the worker does with the queued job

    kinds = set(Alert.objects.filter(case=case).values_list("kind", flat=True))
    assert {AlertKind.STAGE_7, AlertKind.STAGE_CLIMB} <= kinds


def test_a_perspective_and_a_rolled_back_change_queue_nothing(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    town = cottbus()
    by = persona("local_a")
    case = case_with_stages(town, by, [(10, 3)])
    actor = case_services.add_actor(case, by=by, pseudonym="Anwohner A", kind="person")
    setup_committed()
    with django_capture_on_commit_callbacks(execute=True):
        case_services.assess_escalation(case, by=by, stage=6, rationale="Sicht", actor=actor)
        with contextlib.suppress(RuntimeError), transaction.atomic():
            case_services.assess_escalation(case, by=by, stage=7, rationale="verworfen")
            raise RuntimeError("rolled back")
    assert queued_checks() == []


def test_an_observation_and_a_step_change_queue_the_check(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    town = cottbus()
    by = persona("local_a")
    setup_committed()
    with django_capture_on_commit_callbacks(execute=True):
        observation_services.record_observation(
            municipality=town,
            by=by,
            occurred_on=ago(0),
            place="Markt",
            description="Aufkleber",
            source="internal",
            topics=[Term.objects.get(kind=TermKind.TOPIC, name="Jugend")],
        )
    assert queued_checks() == [town.pk]
    case = case_with_stages(town, by, [])
    setup_committed()
    target = case.step.outgoing.first()
    assert target is not None
    with django_capture_on_commit_callbacks(execute=True):
        case_services.transition_case(case, by=by, to_step=target.target)
    assert queued_checks() == [town.pk]


def test_one_escalation_episode_raises_one_climb_alert(persona: Persona) -> None:
    town = cottbus()
    by = persona("local_a")
    case = case_with_stages(town, by, [(20, 5), (10, 7)])
    services.run_check(municipality=town)
    case_services.assess_escalation(case, by=by, stage=8, rationale="weiter", assessed_on=ago(5))
    services.run_check(municipality=town)
    climbs = Alert.objects.filter(case=case, kind=AlertKind.STAGE_CLIMB)
    assert climbs.count() == 1  # 5 → 7 and then 5 → 8 are one escalation
