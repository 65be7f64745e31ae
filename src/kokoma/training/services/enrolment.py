"""Who takes part in a cohort: applications with the municipality's consent, enrolment within
the cohort's places, the waiting list in its order, attendance and the practice project.

Every write that counts places takes a lock on the cohort's row first, so that two decisions at
the same moment cannot both take the last place (docs/decisions/0027).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, ProgrammeRole, User
from kokoma.audit.services import save_audited
from kokoma.core.messages import message
from kokoma.core.moments import backdate
from kokoma.core.uploads import accepted
from kokoma.municipalities.models import Municipality
from kokoma.notifications.services import notify

from .. import texts
from ..models import (
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    Consent,
    Enrolment,
    EnrolmentStatus,
    PracticeProject,
    ProjectStatus,
    TrainingSession,
)


def _link(enrolment: Enrolment) -> str:
    return reverse(
        "training:enrolment_detail",
        kwargs={"cohort_id": enrolment.cohort_id, "enrolment_id": enrolment.pk},
    )


def _locked(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


def _has_place(cohort: Cohort) -> bool:
    return cohort.enrolments.enrolled().count() < cohort.capacity


def waiting_position(enrolment: Enrolment) -> int | None:
    """The person's number on the waiting list (1 = next to move up), None when not on it."""
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    ahead = (
        enrolment.cohort.enrolments.waiting_list()
        .filter(waiting_since__lt=enrolment.waiting_since)
        .count()
    )
    return ahead + 1


def _check_municipality(participant: User, municipality: Municipality) -> None:
    if not Membership.objects.filter(user=participant, municipality=municipality).exists():
        raise ValidationError(
            {
                "municipality": _("%(name)s is not a member of this municipality.")
                % {"name": participant}
            }
        )


def _place(enrolment: Enrolment, *, by: User, note: str = "") -> Enrolment:
    """Enrol the person if the (locked) cohort has a place, else put them on the waiting list."""
    now = timezone.now()
    enrolment.decided_by, enrolment.decided_at = by, now
    if note:
        enrolment.decision_note = note
    if _has_place(enrolment.cohort):
        enrolment.status = EnrolmentStatus.APPROVED
        save_audited(enrolment, by=by, municipality=enrolment.municipality)
        notify(
            [enrolment.participant],
            message=message(texts.ENROLLED, cohort=enrolment.cohort.title),
            link=_link(enrolment),
        )
    else:
        enrolment.status = EnrolmentStatus.WAITING
        enrolment.waiting_since = enrolment.waiting_since or now
        save_audited(enrolment, by=by, municipality=enrolment.municipality)
        notify(
            [enrolment.participant],
            message=message(
                texts.WAITING,
                cohort=enrolment.cohort.title,
                position=waiting_position(enrolment),
            ),
            link=_link(enrolment),
        )
    return enrolment


@transaction.atomic
def enrol(
    cohort: Cohort, *, by: User, participant: User, municipality: Municipality, note: str = ""
) -> Enrolment:
    """The office enrols a person directly: into a place, or onto the waiting list when the
    cohort is full (the answer's status says which)."""
    cohort = _locked(cohort)
    _check_municipality(participant, municipality)
    if cohort.enrolments.filter(participant=participant).exists():
        raise ValidationError(
            {
                "participant": _("%(name)s is already registered for this cohort.")
                % {"name": participant}
            }
        )
    enrolment = Enrolment(cohort=cohort, participant=participant, municipality=municipality)
    return _place(enrolment, by=by, note=note)


@transaction.atomic
def apply(cohort: Cohort, *, by: User, municipality: Municipality, motivation: str) -> Enrolment:
    """`by` applies for a place; where the cohort asks for it, the tandem of their municipality
    is asked to consent before the office decides."""
    cohort = _locked(cohort)
    if not cohort.is_open_for_applications():
        raise ValidationError(_("This cohort does not accept applications (any more)."))
    _check_municipality(by, municipality)
    if cohort.enrolments.filter(participant=by).exists():
        raise ValidationError(_("You have already applied for this cohort."))
    if not motivation.strip():
        raise ValidationError({"motivation": _("Please say in a few sentences why you apply.")})
    enrolment = Enrolment(
        cohort=cohort,
        participant=by,
        municipality=municipality,
        motivation=motivation,
        consent=Consent.PENDING if cohort.requires_consent else Consent.NOT_NEEDED,
    )
    save_audited(enrolment, by=by, municipality=municipality)
    if cohort.requires_consent:
        tandem = User.objects.filter(
            memberships__in=Membership.objects.companions().filter(municipality=municipality),
            is_active=True,
        )
        notify(
            tandem,
            message=message(
                texts.CONSENT_ASKED,
                participant=str(by),
                cohort=cohort.title,
                municipality=municipality.name,
            ),
            link=_link(enrolment),
        )
    office = User.objects.filter(programme_role=ProgrammeRole.OFFICE, is_active=True)
    notify(
        office,
        message=message(texts.APPLICATION_RECEIVED, participant=str(by), cohort=cohort.title),
        link=_link(enrolment),
    )
    return enrolment


@transaction.atomic
def give_consent(enrolment: Enrolment, *, by: User, given: bool, note: str = "") -> Enrolment:
    """The municipality's answer to an application that asks for its consent."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.consent != Consent.PENDING or enrolment.status != EnrolmentStatus.APPLIED:
        raise ValidationError(_("This application does not wait for a consent (any more)."))
    if not given and not note.strip():
        raise ValidationError({"note": _("Please give the reason for refusing the consent.")})
    enrolment.consent = Consent.GIVEN if given else Consent.REFUSED
    enrolment.consent_by, enrolment.consent_at = by, timezone.now()
    enrolment.consent_note = note
    save_audited(enrolment, by=by, municipality=enrolment.municipality)
    if not given:
        notify(
            [enrolment.participant],
            message=message(
                texts.CONSENT_REFUSED,
                municipality=enrolment.municipality.name,
                cohort=enrolment.cohort.title,
            ),
            link=_link(enrolment),
        )
    return enrolment


class Decision:
    APPROVE = "approve"
    DECLINE = "decline"
    CHOICES = (APPROVE, DECLINE)


@transaction.atomic
def decide(enrolment: Enrolment, *, by: User, decision: str, note: str = "") -> Enrolment:
    """The office's decision on an application: approved (into a place, or onto the waiting list
    when the cohort is full) or declined (with a reason)."""
    if decision not in Decision.CHOICES:
        raise ValidationError(_("Unknown decision."))
    cohort = _locked(enrolment.cohort)
    enrolment = Enrolment.objects.select_related("participant", "municipality").get(pk=enrolment.pk)
    enrolment.cohort = cohort
    if enrolment.status not in (EnrolmentStatus.APPLIED, EnrolmentStatus.WAITING):
        raise ValidationError(_("This application has already been decided."))
    if decision == Decision.DECLINE:
        if not note.strip():
            raise ValidationError({"note": _("Please give the reason for declining.")})
        enrolment.status = EnrolmentStatus.DECLINED
        enrolment.decided_by, enrolment.decided_at = by, timezone.now()
        enrolment.decision_note = note
        save_audited(enrolment, by=by, municipality=enrolment.municipality)
        notify(
            [enrolment.participant],
            message=message(texts.DECLINED, cohort=cohort.title),
            link=_link(enrolment),
        )
        return enrolment
    if enrolment.status == EnrolmentStatus.WAITING:
        raise ValidationError(
            _("People on the waiting list move up in its order when a place becomes free.")
        )
    if enrolment.consent in (Consent.PENDING, Consent.REFUSED):
        raise ValidationError(
            _("The municipality has not consented to this application; it cannot be approved.")
        )
    return _place(enrolment, by=by, note=note)


@transaction.atomic
def withdraw(enrolment: Enrolment, *, by: User) -> Enrolment | None:
    """Withdraw an application or enrolment. A place that becomes free goes to the first on the
    waiting list, who is returned (None when nobody moved up)."""
    cohort = _locked(enrolment.cohort)
    enrolment = Enrolment.objects.select_related("participant", "municipality").get(pk=enrolment.pk)
    if enrolment.status in (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.DECLINED):
        raise ValidationError(_("This registration has already ended."))
    if Certificate.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(
            _("The participant has completed the cohort and holds its certificate.")
        )
    had_place = enrolment.status == EnrolmentStatus.APPROVED
    enrolment.status = EnrolmentStatus.WITHDRAWN
    save_audited(enrolment, by=by, municipality=enrolment.municipality)
    if not had_place:
        return None
    promoted = fill_from_waiting_list(cohort, by=by)
    return promoted[0] if promoted else None


def fill_from_waiting_list(cohort: Cohort, *, by: User) -> list[Enrolment]:
    """Give free places to the waiting list in its order. Call it with the cohort locked."""
    free = cohort.capacity - cohort.enrolments.enrolled().count()
    if free <= 0:
        return []
    promoted = list(cohort.enrolments.waiting_list().select_related("participant")[:free])
    for enrolment in promoted:
        enrolment.cohort = cohort
        _place(enrolment, by=by)
    return promoted


@transaction.atomic
def record_attendance(
    session: TrainingSession, *, by: User, statuses: Mapping[int, str]
) -> list[Attendance]:
    """Record who was present, excused or absent (by enrolment id) at a session that has begun."""
    if not session.has_begun:
        raise ValidationError(
            _("This session has not taken place yet; attendance can be recorded once it begins.")
        )
    enrolled = {
        enrolment.pk: enrolment
        for enrolment in session.cohort.enrolments.enrolled().select_related("municipality")
    }
    unknown = set(statuses) - set(enrolled)
    if unknown:
        raise ValidationError(_("Attendance can only be recorded for enrolled participants."))
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ValidationError(_("Please choose present, excused or absent."))
    existing = {row.enrolment_id: row for row in session.attendance.all()}
    saved = []
    for enrolment_id, status in statuses.items():
        row = existing.get(enrolment_id) or Attendance(
            session=session, enrolment=enrolled[enrolment_id]
        )
        if row.pk and row.status == status:
            saved.append(row)
            continue
        row.status, row.recorded_by = status, by
        enrolment = enrolled[enrolment_id]
        saved.append(save_audited(row, by=by, municipality=enrolment.municipality))
    return saved


@transaction.atomic
def submit_project(
    enrolment: Enrolment,
    *,
    by: User,
    title: str,
    summary: str,
    upload: UploadedFile,
    at: datetime.datetime | None = None,
) -> PracticeProject:
    """The participant hands in (or, after a request for revision, hands in again) their project."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not enrolment.is_enrolled:
        raise ValidationError(_("Only enrolled participants submit a practice project."))
    project = PracticeProject.objects.filter(enrolment=enrolment).first()
    if project is not None and project.status == ProjectStatus.ACCEPTED:
        raise ValidationError(_("The practice project has already been accepted."))
    old_file = project.file if project is not None else None
    project = project or PracticeProject(enrolment=enrolment)
    for name, value in accepted(upload).items():
        setattr(project, name, value)
    project.title, project.summary, project.uploaded_by = title, summary, by
    project.status = ProjectStatus.SUBMITTED
    save_audited(project, by=by, municipality=enrolment.municipality)
    if old_file:
        transaction.on_commit(lambda: old_file.delete(save=False))
    backdate(project, "uploaded_at", at)
    trainers = User.objects.filter(training_sessions__cohort=enrolment.cohort).distinct()
    notify(
        trainers,
        message=message(
            texts.PROJECT_SUBMITTED,
            participant=str(enrolment.participant),
            title=title,
            cohort=enrolment.cohort.title,
        ),
        link=_link(enrolment),
    )
    return project


@transaction.atomic
def review_project(
    project: PracticeProject, *, by: User, accept: bool, feedback: str
) -> PracticeProject:
    """A trainer accepts the project or asks for a revision, always with feedback."""
    project = (
        PracticeProject.objects.select_for_update().select_related("enrolment").get(pk=project.pk)
    )
    if not feedback.strip():
        raise ValidationError({"feedback": _("Please give the participant your feedback.")})
    if project.status == ProjectStatus.ACCEPTED:
        raise ValidationError(_("The practice project has already been accepted."))
    project.status = ProjectStatus.ACCEPTED if accept else ProjectStatus.REVISION
    project.feedback, project.reviewed_by, project.reviewed_at = feedback, by, timezone.now()
    save_audited(project, by=by, municipality=project.enrolment.municipality)
    notify(
        [project.enrolment.participant],
        message=message(
            texts.PROJECT_ACCEPTED if accept else texts.PROJECT_REVISION, title=project.title
        ),
        link=_link(project.enrolment),
    )
    return project
