"""The training on the start page: a participant's next session, attendance and progress; a
trainer's sessions and the attendance lists still to fill in; the applications that wait for a
tandem's consent or the office's decision; cohorts open for application."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from kokoma.accounts.models import COMPANION_ROLES, ProgrammeRole, User
from kokoma.municipalities.predicates import roles_by_municipality

from .models import Attendance, Cohort, Consent, Enrolment, EnrolmentStatus, TrainingSession
from .queries import cohort_progress

# Held sessions this long ago whose attendance list is incomplete are still shown to the trainer.
OPEN_LIST_DAYS = 60


def _participant(user: User) -> list[dict[str, Any]]:
    enrolments = list(
        Enrolment.objects.filter(participant=user)
        .exclude(status__in=[EnrolmentStatus.DECLINED, EnrolmentStatus.WITHDRAWN])
        .select_related("cohort", "municipality", "certificate")
        .order_by("-created_at")
    )
    now = timezone.now()
    rows = []
    for enrolment in enrolments:
        row: dict[str, Any] = {
            "enrolment": enrolment,
            "next": None,
            "progress": None,
            "certificate": getattr(enrolment, "certificate", None),
        }
        if enrolment.is_enrolled:
            row["next"] = (
                enrolment.cohort.sessions.filter(ends_at__gte=now)
                .annotate(material_count=Count("materials"))
                .order_by("starts_at")
                .first()
            )
            row["progress"] = cohort_progress(enrolment.cohort, [enrolment])[enrolment.pk]
        rows.append(row)
    return rows


def _trainer(user: User) -> dict[str, Any]:
    now = timezone.now()
    sessions = TrainingSession.objects.filter(trainers=user).select_related("cohort")
    upcoming = list(sessions.filter(ends_at__gte=now).order_by("starts_at")[:5])
    # a session held lately with an enrolled participant whose attendance is not recorded
    unrecorded = Enrolment.objects.filter(
        cohort=OuterRef("cohort"), status=EnrolmentStatus.APPROVED
    ).exclude(
        Exists(
            Attendance.objects.filter(session=OuterRef(OuterRef("pk")), enrolment=OuterRef("pk"))
        )
    )
    since = now - datetime.timedelta(days=OPEN_LIST_DAYS)
    open_lists = list(
        sessions.filter(starts_at__lte=now, starts_at__gte=since)
        .filter(Exists(unrecorded))
        .order_by("starts_at")
    )
    return {"upcoming": upcoming, "open_lists": open_lists}


def start_panel(user: User) -> dict[str, Any] | None:
    """What the training holds for `user` today, or None when it holds nothing."""
    roles = roles_by_municipality(user)
    # a participant belongs to the municipality they came through (`services.enrol`)
    participant = _participant(user) if roles else []
    trainer = _trainer(user) if user.programme_role == ProgrammeRole.TRAINER else None
    tandem = any(set(COMPANION_ROLES) & held for held in roles.values())
    to_consent = (
        list(Enrolment.objects.awaiting_consent_of(user).select_related("cohort", "participant"))
        if tandem
        else []
    )
    decidable = Q(enrolments__status=EnrolmentStatus.APPLIED) & ~Q(
        enrolments__consent__in=[Consent.PENDING, Consent.REFUSED]
    )
    to_decide = (
        list(
            Cohort.objects.annotate(applications=Count("enrolments", filter=decidable)).filter(
                applications__gt=0
            )
        )
        if user.is_programme_office
        else []
    )
    registered = {row["enrolment"].cohort_id for row in participant}
    open_cohorts = (
        [
            cohort
            for cohort in Cohort.objects.filter(accepts_applications=True).annotate(
                first_session=Min("sessions__starts_at")
            )
            if cohort.is_open_for_applications() and cohort.pk not in registered
        ]
        if roles
        else []
    )
    if not (participant or trainer or to_consent or to_decide or open_cohorts):
        return None
    return {
        "participant": participant,
        "trainer": trainer,
        "to_consent": to_consent,
        "to_decide": to_decide,
        "open_cohorts": open_cohorts,
    }
