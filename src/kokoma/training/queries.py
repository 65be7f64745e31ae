"""Reads of the training that several pages share: progress against the completion rule."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from .completion import CompletionRule, Progress, progress
from .models import Attendance, Cohort, Enrolment, PracticeProject, ProjectStatus


def rule_of(cohort: Cohort) -> CompletionRule:
    return CompletionRule(
        min_attendance_percent=cohort.min_attendance_percent,
        requires_project=cohort.requires_project,
    )


def cohort_progress(cohort: Cohort, enrolments: list[Enrolment]) -> dict[int, Progress]:
    """The progress of each of `enrolments` of the cohort, in three queries."""
    now = timezone.now()
    starts = list(cohort.sessions.values_list("starts_at", flat=True))
    held = sum(1 for start in starts if start <= now)
    ids = [enrolment.pk for enrolment in enrolments]
    statuses: dict[int, list[str]] = defaultdict(list)
    for enrolment_id, status in Attendance.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "status"
    ):
        statuses[enrolment_id].append(status)
    accepted = set(
        PracticeProject.objects.filter(
            enrolment_id__in=ids, status=ProjectStatus.ACCEPTED
        ).values_list("enrolment_id", flat=True)
    )
    rule = rule_of(cohort)
    return {
        enrolment_id: progress(
            rule,
            total=len(starts),
            held=held,
            statuses=statuses[enrolment_id],
            project_accepted=enrolment_id in accepted,
        )
        for enrolment_id in ids
    }


def enrolment_progress(enrolment: Enrolment) -> Progress:
    return cohort_progress(enrolment.cohort, [enrolment])[enrolment.pk]
