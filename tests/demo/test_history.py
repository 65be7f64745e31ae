"""The demo's history carries plausible dates: everything a case went through lies between its
opening and today, spread over that time, and no open case is overdue on the day of loading."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kokoma.cases.models import Agreement, Case, Comment, EscalationAssessment, Measure
from kokoma.demo.case_stories import CASES
from kokoma.observations.models import ChronicleEntry, Observation
from kokoma.tasks.models import Task

pytestmark = pytest.mark.django_db

DEMO_TITLES = [spec.title for spec in CASES]


def demo_cases() -> list[Case]:
    cases = list(
        Case.objects.filter(title__in=DEMO_TITLES)
        .select_related("step")
        .prefetch_related("step_changes")
    )
    assert len(cases) == len(CASES)
    return cases


def day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def test_each_step_change_lies_between_the_opening_and_today_in_order() -> None:
    today = timezone.localdate()
    for case in demo_cases():
        changes = sorted(case.step_changes.all(), key=lambda change: change.pk)
        moments = [change.changed_at for change in changes]
        assert moments == sorted(moments), case
        assert day(moments[0]) == case.opened_on, case
        assert all(case.opened_on <= day(moment) <= today for moment in moments), case
        assert case.step_since == moments[-1], case
        if case.closed_at is not None:
            assert case.closed_at == moments[-1], case


def test_no_case_opened_long_ago_entered_its_step_today() -> None:
    """A case opened in June does not show "Bearbeitung seit <today>"."""
    today = timezone.localdate()
    for case in demo_cases():
        if (today - case.opened_on).days > 7:
            assert day(case.step_since) < today, case


def test_the_histories_are_spread_over_the_cases_lives() -> None:
    """Not every change on one day: the long cases moved through several steps on different
    days, and the times of day differ."""
    for case in demo_cases():
        days = {day(change.changed_at) for change in case.step_changes.all()}
        assert len(days) == case.step_changes.count(), case
        if (timezone.localdate() - case.opened_on).days > 100:
            assert len(days) >= 3, case
    times = {
        timezone.localtime(change.changed_at).time()
        for case in demo_cases()
        for change in case.step_changes.all()
    }
    assert len(times) > 20


def test_open_cases_are_within_the_response_time_of_their_step() -> None:
    """So that loading the demo raises no overdue alerts beyond the ones it means to show."""
    now = timezone.now()
    late = [case.title for case in demo_cases() if case.is_overdue(now)]
    assert late == []


def test_what_happened_on_a_case_lies_between_its_opening_and_today() -> None:
    today = timezone.localdate()
    cases = {case.pk: case for case in demo_cases()}

    def within(case_id: int, when: datetime.date) -> bool:
        case = cases[case_id]
        end = day(case.closed_at) if case.closed_at else today
        return case.opened_on <= when <= end

    comments = Comment.objects.filter(case__in=cases)
    assert comments.count() >= 20
    assert all(within(c.case_id, day(c.created_at)) for c in comments)
    assert len({day(c.created_at) for c in comments}) >= 20
    measures = Measure.objects.filter(case__in=cases)
    assert all(within(m.case_id, day(m.created_at)) for m in measures)
    assert all(m.due_on is None or m.due_on >= day(m.created_at) for m in measures)
    agreements = Agreement.objects.filter(case__in=cases)
    assert all(within(a.case_id, a.agreed_on) for a in agreements)
    assessments = EscalationAssessment.objects.filter(case__in=cases)
    assert all(within(a.case_id, a.assessed_on) for a in assessments)
    for case in cases.values():
        assert case.team.exists() is False or all(
            day(member.added_at) == case.opened_on for member in case.team.all()
        )


def test_tasks_of_demo_cases_were_set_and_done_on_their_days() -> None:
    today = timezone.localdate()
    tasks = Task.objects.filter(case__title__in=DEMO_TITLES, created_by__isnull=False)
    assert tasks.count() >= 8
    assert all(day(task.created_at) < today for task in tasks)
    done = [task for task in tasks if task.done_at is not None]
    assert done and all(day(t.created_at) <= day(t.done_at) < today for t in done)  # type: ignore[arg-type]
    assert any(task.done_at is None and task.due_on and task.due_on > today for task in tasks)


def test_observations_are_received_when_they_happen_and_triaged_after() -> None:
    observations = Observation.objects.exclude(status=Observation.Status.NEW)
    assert observations.count() >= 10
    for observation in Observation.objects.all():
        assert day(observation.created_at) == observation.occurred_on, observation
    for observation in observations:
        assert observation.triaged_at is not None
        assert observation.triaged_at >= observation.created_at, observation
    for entry in ChronicleEntry.objects.select_related("observation"):
        assert entry.published_at >= entry.observation.created_at, entry
