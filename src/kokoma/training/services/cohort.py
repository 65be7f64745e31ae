"""Cohorts, their sessions and the sessions' materials."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import ProgrammeRole, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.core.moments import backdate
from kokoma.core.uploads import accepted

from ..models import Cohort, CurriculumModule, SessionFormat, SessionMaterial, TrainingSession
from .enrolment import fill_from_waiting_list


class CohortFields(TypedDict, total=False):
    title: str
    description: str
    capacity: int
    accepts_applications: bool
    application_deadline: datetime.date | None
    requires_consent: bool
    min_attendance_percent: int
    requires_project: bool


@transaction.atomic
def add_cohort(
    *,
    by: User,
    modules: Iterable[CurriculumModule] = (),
    **fields: Unpack[CohortFields],
) -> Cohort:
    cohort = assign(Cohort(created_by=by), fields)
    return save_audited(cohort, by=by, related={"modules": list(modules)})


@transaction.atomic
def change_cohort(
    cohort: Cohort,
    *,
    by: User,
    modules: Iterable[CurriculumModule] | None = None,
    **changes: Unpack[CohortFields],
) -> Cohort:
    """Save the changes; places added are filled from the waiting list, in its order."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    enrolled = locked.enrolments.enrolled().count()
    if changes.get("capacity", locked.capacity) < enrolled:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s people are enrolled; the cohort cannot have fewer places. "
                    "Withdraw enrolments first."
                )
                % {"count": enrolled}
            }
        )
    related = {"modules": list(modules)} if modules is not None else None
    saved = save_audited(assign(stored(locked), changes), by=by, related=related)
    fill_from_waiting_list(saved, by=by)
    return saved


class SessionFields(TypedDict, total=False):
    title: str
    module: CurriculumModule | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    format: str
    place: str
    online_link: str


def _check_session(session: TrainingSession, trainers: Iterable[User]) -> None:
    errors: dict[str, str] = {}
    if session.format == SessionFormat.IN_PERSON and not session.place.strip():
        errors["place"] = _("Please name the place of a session held in a place.")
    if session.format == SessionFormat.ONLINE and not session.online_link:
        errors["online_link"] = _("Please give the link of an online session.")
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    not_trainers = [str(user) for user in trainers if user.programme_role != ProgrammeRole.TRAINER]
    if not_trainers:
        errors["trainers"] = _("Not a trainer of the programme: %(names)s.") % {
            "names": ", ".join(not_trainers)
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_session(
    cohort: Cohort,
    *,
    by: User,
    trainers: Iterable[User] = (),
    **fields: Unpack[SessionFields],
) -> TrainingSession:
    session = assign(TrainingSession(cohort=cohort), fields)
    trainers = list(trainers)
    _check_session(session, trainers)
    return save_audited(session, by=by, related={"trainers": trainers})


@transaction.atomic
def change_session(
    session: TrainingSession,
    *,
    by: User,
    trainers: Iterable[User] | None = None,
    **changes: Unpack[SessionFields],
) -> TrainingSession:
    current = stored(session)
    changed = assign(current, changes)
    trainers = list(trainers) if trainers is not None else list(current.trainers.all())
    _check_session(changed, trainers)
    return save_audited(changed, by=by, related={"trainers": trainers})


@transaction.atomic
def delete_session(session: TrainingSession, *, by: User) -> None:
    """Remove a session that nobody's attendance was recorded for."""
    if session.attendance.exists():
        raise ValidationError(
            _(
                "Attendance has been recorded for this session, so it counts towards the "
                "participants' completion and cannot be deleted."
            )
        )
    record(by=by, action=AuditAction.DELETE, obj=session)
    session.delete()


@transaction.atomic
def upload_material(
    session: TrainingSession,
    *,
    by: User,
    title: str,
    upload: UploadedFile,
    at: datetime.datetime | None = None,
) -> SessionMaterial:
    material = SessionMaterial(session=session, title=title, uploaded_by=by, **accepted(upload))
    save_audited(material, by=by)
    backdate(material, "uploaded_at", at)
    return material


@transaction.atomic
def delete_material(material: SessionMaterial, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=material)
    material.file.delete(save=False)
    material.delete()
