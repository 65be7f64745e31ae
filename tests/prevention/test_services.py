"""The scheduled check, responses, acknowledgements and thresholds (services)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kokoma.accounts.models import COMPANION_ROLES, Membership, User
from kokoma.audit.models import AuditEntry
from kokoma.cases.models import Actor, Case, EscalationAssessment
from kokoma.municipalities.models import Municipality
from kokoma.notifications.models import Notification
from kokoma.observations import services as services_observations
from kokoma.observations.models import Observation
from kokoma.prevention import services
from kokoma.prevention.models import (
    Alert,
    AlertKind,
    ResponderRole,
    ResponseStep,
    WarningSettings,
)
from kokoma.prevention.services import PlannedStep
from kokoma.tasks.models import Task
from tests.conftest import Persona

from .helpers import ago, bautzen, case_with_stages, cottbus, topic, topic_alert

pytestmark = pytest.mark.django_db


def tandem(municipality: Municipality) -> set[int]:
    return set(
        Membership.objects.filter(municipality=municipality, role__in=COMPANION_ROLES).values_list(
            "user_id", flat=True
        )
    )


def notified_about(alert: Alert) -> set[int]:
    return set(
        Notification.objects.filter(link=services.alert_url(alert)).values_list(
            "recipient_id", flat=True
        )
    )


# --- case alerts ------------------------------------------------------------------------------


def test_a_climb_raises_once_and_tells_only_people_who_may_see_the_case(persona: Persona) -> None:
    local, actor, board = persona("local_a"), persona("actor_a"), persona("board_a")
    case = case_with_stages(cottbus(), local, [(20, 2), (2, 4)], team=[actor])

    services.run_check(municipality=cottbus())

    alerts = {alert.kind: alert for alert in Alert.objects.filter(case=case)}
    assert set(alerts) == {AlertKind.STAGE_CLIMB, AlertKind.STAGE_4}
    climb = alerts[AlertKind.STAGE_CLIMB]
    assert climb.triggered_on == ago(2)
    assert case.reference in climb.summary
    recipients = notified_about(climb)
    assert recipients == tandem(cottbus()) | {actor.pk}
    assert board.pk not in recipients
    assert AuditEntry.objects.filter(object_type="prevention.Alert", object_id=str(climb.pk))

    again = services.run_check(municipality=cottbus())
    assert Alert.objects.filter(case=case).count() == 2
    assert again.by_kind[AlertKind.STAGE_CLIMB] == 0
    assert len(notified_about(climb)) == len(recipients)


def test_the_response_plan_becomes_tasks_for_the_named_people(persona: Persona) -> None:
    local, external = persona("local_a"), persona("external")
    case = case_with_stages(cottbus(), local, [(3, 3), (1, 4)])

    services.run_check(municipality=cottbus())

    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_4)
    tasks = {(task.assignee_id, task.title): task for task in alert.tasks.all()}
    plan = ResponseStep.objects.filter(municipality=cottbus(), kind=AlertKind.STAGE_4)
    assert len(tasks) == plan.count() == 2
    first = tasks[(local.pk, "Akteurslandkarte und Gefährdungseinschätzung aktualisieren")]
    assert first.case == case
    assert first.due_on == timezone.localdate() + datetime.timedelta(days=5)
    assert (external.pk, plan[1].action) in tasks


def test_a_jump_into_stage_7_raises_stage_7_and_the_climb_not_stage_4(persona: Persona) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(10, 3), (1, 7)])
    services.run_check(municipality=cottbus())
    kinds = set(Alert.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {AlertKind.STAGE_7, AlertKind.STAGE_CLIMB}


def test_old_history_closed_cases_and_actor_perspectives_raise_nothing(persona: Persona) -> None:
    local = persona("local_a")
    old = case_with_stages(cottbus(), local, [(90, 2), (60, 5)])
    closed = case_with_stages(cottbus(), local, [(5, 2), (1, 6)])
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    perspective = case_with_stages(cottbus(), local, [(5, 2)])
    actor = Actor.objects.create(case=perspective, pseudonym="Gruppe A", kind=Actor.Kind.GROUP)
    EscalationAssessment.objects.create(
        case=perspective, actor=actor, stage=8, assessed_on=ago(1), rationale="Sicht A"
    )

    services.run_check(municipality=cottbus())

    assert not Alert.objects.filter(case__in=[old, closed, perspective]).exists()


def test_a_step_that_names_nobody_falls_back_to_the_tandem(persona: Persona) -> None:
    local, board = persona("local_a"), persona("board_a")
    services.settings_for(cottbus())
    services.set_response_plan(
        cottbus(),
        by=local,
        kind=AlertKind.STAGE_4,
        steps=[PlannedStep(ResponderRole.MEMBER, "Presse informieren", 2, member=board)],
    )
    case = case_with_stages(cottbus(), local, [(1, 4)])

    services.run_check(municipality=cottbus())

    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_4)
    # The board member may not see the case: the tandem takes the step, and the alert says so.
    assert set(alert.tasks.values_list("assignee_id", flat=True)) == tandem(cottbus())
    assert "Tandem" in alert.note or "tandem" in alert.note
    assert board.pk not in notified_about(alert)


# --- topic alerts -----------------------------------------------------------------------------


def record(
    municipality: Municipality, by: User, day: datetime.date, topic_name: str
) -> Observation:
    return services_observations.record_observation(
        municipality=municipality,
        by=by,
        occurred_on=day,
        place="Testviertel",
        description="Test",
        source=Observation.Source.INTERNAL,
        topics=[topic(topic_name)],
    )


def test_observations_over_the_weekly_threshold_raise_a_topic_alert(persona: Persona) -> None:
    local, actor = persona("local_a"), persona("actor_a")
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    observations = [record(cottbus(), local, monday, "Wohnen") for _ in range(4)]
    services_observations.dismiss_observation(observations[0], by=local, reason="Doppelt")

    services.run_check(municipality=cottbus())
    assert not Alert.objects.filter(municipality=cottbus(), topic=topic("Wohnen")).exists()

    services.update_settings(
        cottbus(),
        by=local,
        observations_per_week=3,
        climb_stages=2,
        climb_window_days=30,
        topic_thresholds={topic("Wohnen"): 2},
    )
    services.run_check(municipality=cottbus())
    alert = Alert.objects.get(municipality=cottbus(), topic=topic("Wohnen"))
    assert alert.kind == AlertKind.TOPIC_THRESHOLD and alert.case is None
    assert "3" in alert.summary
    assert notified_about(alert) == tandem(cottbus())
    assert actor.pk not in notified_about(alert)
    assert alert.tasks.count() >= 1

    record(cottbus(), local, monday, "Wohnen")
    services.run_check(municipality=cottbus())
    assert Alert.objects.filter(municipality=cottbus(), topic=topic("Wohnen")).count() == 1


def test_topic_alerts_stay_in_their_municipality(persona: Persona) -> None:
    local_b = persona("local_b")
    today = timezone.localdate()
    for _ in range(5):
        record(bautzen(), local_b, today, "Religion")
    services.run_check(municipality=cottbus())
    assert not Alert.objects.filter(topic=topic("Religion")).exists()
    services.run_check(municipality=bautzen())
    alert = Alert.objects.get(topic=topic("Religion"))
    assert alert.municipality == bautzen()
    assert notified_about(alert) == tandem(bautzen())


# --- escalation chain -------------------------------------------------------------------------


def test_the_escalation_chain_notifies_each_level_once(persona: Persona) -> None:
    local, external = persona("local_a"), persona("external")
    case = case_with_stages(cottbus(), local, [])
    response_days = case.step.response_days
    assert response_days is not None
    # Five days past the response time: level 1 (after 3 days, the tandem).
    Case.objects.filter(pk=case.pk).update(
        step_since=timezone.now() - datetime.timedelta(days=response_days + 5)
    )

    services.run_check(municipality=cottbus())
    services.run_check(municipality=cottbus())
    first = Alert.objects.get(case=case, kind=AlertKind.STEP_OVERDUE)
    assert "(1)" in first.summary or " 1)" in first.summary
    assert notified_about(first) == tandem(cottbus())
    assert first.tasks.filter(title__startswith="Rücksprache im Tandem").exists()

    later = timezone.localdate() + datetime.timedelta(days=10)
    services.run_check(today=later, municipality=cottbus())
    services.run_check(today=later, municipality=cottbus())
    alerts = Alert.objects.filter(case=case, kind=AlertKind.STEP_OVERDUE).order_by("id")
    assert alerts.count() == 2
    second = alerts[1]
    assert notified_about(second) == {external.pk}
    assert set(second.tasks.values_list("assignee_id", flat=True)) == {external.pk}


def test_entering_a_new_step_starts_the_chain_afresh(persona: Persona) -> None:
    local = persona("local_a")
    case = case_with_stages(cottbus(), local, [])
    past = timezone.now() - datetime.timedelta(days=(case.step.response_days or 0) + 4)
    Case.objects.filter(pk=case.pk).update(step_since=past)
    services.run_check(municipality=cottbus())
    Case.objects.filter(pk=case.pk).update(step_since=past - datetime.timedelta(hours=1))
    services.run_check(municipality=cottbus())
    assert Alert.objects.filter(case=case, kind=AlertKind.STEP_OVERDUE).count() == 2


# --- acknowledging ----------------------------------------------------------------------------


def test_acknowledging_needs_a_comment(persona: Persona) -> None:
    local = persona("local_a")
    alert = topic_alert(cottbus())
    with pytest.raises(ValidationError) as error:
        services.acknowledge_alert(alert, by=local, comment="   ")
    assert "comment" in error.value.message_dict
    alert.refresh_from_db()
    assert alert.acknowledged_at is None

    services.acknowledge_alert(alert, by=local, comment="Im Tandem besprochen.")
    alert.refresh_from_db()
    assert alert.acknowledged_by == local and alert.acknowledgement == "Im Tandem besprochen."
    assert Alert.objects.acknowledged().filter(pk=alert.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="prevention.Alert", object_id=str(alert.pk), actor=local
    ).exists()
    with pytest.raises(ValidationError):
        services.acknowledge_alert(alert, by=local, comment="Nochmal")


# --- thresholds and plans ---------------------------------------------------------------------


def test_settings_are_created_with_defaults_once() -> None:
    municipality = cottbus()
    WarningSettings.objects.filter(municipality=municipality).delete()
    ResponseStep.objects.filter(municipality=municipality).delete()
    first = services.settings_for(municipality)
    steps = ResponseStep.objects.filter(municipality=municipality).count()
    assert (first.observations_per_week, first.climb_stages, first.climb_window_days) == (3, 2, 30)
    assert steps > 0
    assert services.settings_for(municipality) == first
    assert ResponseStep.objects.filter(municipality=municipality).count() == steps
    assert ResponseStep.objects.filter(
        municipality=municipality,
        kind=AlertKind.STAGE_7,
        action="Sofortiges Gespräch mit der Verwaltungsspitze",
    ).exists()


@pytest.mark.parametrize("bad", [0, -1, "3", 2.5, True, None, 10_000])
def test_a_threshold_that_is_not_a_positive_number_changes_nothing(
    persona: Persona, bad: Any
) -> None:
    local = persona("local_a")
    before = services.settings_for(cottbus())
    for field in ("observations_per_week", "climb_stages", "climb_window_days"):
        values: dict[str, Any] = {
            "observations_per_week": 4,
            "climb_stages": 2,
            "climb_window_days": 20,
        }
        values[field] = bad
        with pytest.raises(ValidationError) as error:
            services.update_settings(cottbus(), by=local, **values)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError):
        services.update_settings(
            cottbus(),
            by=local,
            observations_per_week=4,
            climb_stages=2,
            climb_window_days=20,
            topic_thresholds={topic("Wohnen"): bad if bad is not None else 0},
        )
    after = WarningSettings.objects.get(municipality=cottbus())
    assert (after.observations_per_week, after.climb_window_days) == (
        before.observations_per_week,
        before.climb_window_days,
    )
    assert not after.topic_thresholds.exists()


def test_a_response_plan_names_only_members(persona: Persona) -> None:
    local = persona("local_a")
    services.settings_for(cottbus())
    before = list(ResponseStep.objects.filter(municipality=cottbus(), kind=AlertKind.STAGE_7))
    bad_plans = [
        [PlannedStep(ResponderRole.MEMBER, "Anrufen", 1, member=persona("local_b"))],
        [PlannedStep(ResponderRole.MEMBER, "Anrufen", 1)],
        [PlannedStep(ResponderRole.TANDEM, "  ", 1)],
        [PlannedStep(ResponderRole.TANDEM, "Anrufen", 0)],
        [PlannedStep("boss", "Anrufen", 1)],
    ]
    for steps in bad_plans:
        with pytest.raises(ValidationError):
            services.set_response_plan(cottbus(), by=local, kind=AlertKind.STAGE_7, steps=steps)
    assert list(ResponseStep.objects.filter(municipality=cottbus(), kind=AlertKind.STAGE_7)) == (
        before
    )
    saved = services.set_response_plan(
        cottbus(),
        by=local,
        kind=AlertKind.STAGE_7,
        steps=[PlannedStep(ResponderRole.MEMBER, "Anrufen", 1, member=persona("actor_a"))],
    )
    assert [step.position for step in saved] == [1]


def test_tasks_are_never_due_in_the_past(persona: Persona) -> None:
    local = persona("local_a")
    case = case_with_stages(cottbus(), local, [(12, 2), (10, 5)])
    services.run_check(today=ago(5), municipality=cottbus())
    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_CLIMB)
    assert all(
        task.due_on is not None and task.due_on >= timezone.localdate()
        for task in Task.objects.filter(case=case)
    )
    assert alert.tasks.exists()


def test_a_refused_task_is_noted_and_does_not_stop_the_alert(
    persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: Any) -> None:
        raise ValidationError("nicht möglich")

    monkeypatch.setattr(services, "create_task", refuse)
    case = case_with_stages(cottbus(), persona("local_a"), [(1, 4)])
    services.run_check(municipality=cottbus())
    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_4)
    assert "nicht möglich" in alert.note
    assert not alert.tasks.exists()
    assert notified_about(alert)
