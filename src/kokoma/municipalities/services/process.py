"""The accompaniment process: its steps, milestones and documents, written by the tandem.

Every write moves the step's `last_progress_at`, which the stalled-process notice reads. A step
is done only when its milestones are reached (a milestone that needs a document has one).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.core.moments import backdate, moment
from kokoma.core.uploads import accepted

from ..models import (
    STANDARD_MILESTONES,
    STEP_KINDS,
    Milestone,
    Municipality,
    ProcessStep,
    StepDocument,
    StepStatus,
)


def start_process(
    municipality: Municipality, *, by: User | None, at: datetime.datetime | None = None
) -> list[ProcessStep]:
    """Give a municipality its seven steps with their standard milestones (once).

    `at` is when the process began (the day the municipality joined): a process that does not
    move from then on counts as stalled after the configured weeks.
    """
    steps = []
    with transaction.atomic(savepoint=False):
        for position, kind in enumerate(STEP_KINDS, start=1):
            step, created = ProcessStep.objects.get_or_create(
                municipality=municipality,
                kind=kind,
                defaults={"position": position, "last_progress_at": moment(at)},
            )
            if created:
                for standard, needs_document in STANDARD_MILESTONES[kind]:
                    Milestone.objects.create(
                        step=step, standard=standard, needs_document=needs_document
                    )
                record(by=by, action=AuditAction.CREATE, obj=step, municipality=municipality)
            steps.append(step)
    return steps


class StepFields(TypedDict, total=False):
    status: str
    skip_reason: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    started_on: datetime.date | None
    finished_on: datetime.date | None
    external_participants: str
    notes: str


def _check_step(step: ProcessStep, today: datetime.date) -> None:
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if step.planned_start and step.planned_end and step.planned_end < step.planned_start:
        refuse("planned_end", _("The planned end lies before the planned start."))
    for field in ("started_on", "finished_on"):
        value = getattr(step, field)
        if value is not None and value > today:
            refuse(field, _("An actual date cannot lie in the future."))
    if step.started_on and step.finished_on and step.finished_on < step.started_on:
        refuse("finished_on", _("The step cannot finish before it started."))
    if step.status == StepStatus.NOT_STARTED and (step.started_on or step.finished_on):
        refuse("status", _("A step that has not started has no actual dates; remove them."))
    if step.status == StepStatus.IN_PROGRESS and step.finished_on:
        refuse("finished_on", _("A step in progress has no end date yet."))
    if step.status == StepStatus.SKIPPED and not step.skip_reason.strip():
        refuse("skip_reason", _("Please give the reason for skipping this step."))
    if step.status == StepStatus.DONE:
        missing = [m for m in step.milestones.select_related("document") if not m.is_reached]
        if missing:
            refuse(
                "status",
                _("The step can only be done once its milestones are reached. Missing: %(list)s.")
                % {"list": "; ".join(str(m.display_title) for m in missing)},
            )
    if errors:
        raise ValidationError(errors)


def _check_participants(step: ProcessStep, participants: Iterable[User]) -> None:
    members = set(
        Membership.objects.filter(municipality_id=step.municipality_id).values_list(
            "user_id", flat=True
        )
    )
    strangers = [str(user) for user in participants if user.pk not in members]
    if strangers:
        raise ValidationError(
            {
                "participants": _(
                    "Only people of the municipality can be chosen as participants: %(names)s. "
                    "Name others as external participants."
                )
                % {"names": ", ".join(strangers)}
            }
        )


def _progress(step: ProcessStep, at: datetime.datetime | None) -> None:
    """Record that the step moved (now, or at the given earlier moment)."""
    step.last_progress_at = moment(at)
    ProcessStep.objects.filter(pk=step.pk).update(last_progress_at=step.last_progress_at)


def _snapshot(step: ProcessStep) -> dict[str, object]:
    return {
        "status": step.status,
        "skip_reason": step.skip_reason,
        "planned_start": step.planned_start,
        "planned_end": step.planned_end,
        "started_on": step.started_on,
        "finished_on": step.finished_on,
        "external_participants": step.external_participants,
        "notes": step.notes,
        "participants": sorted(step.participants.values_list("pk", flat=True)) if step.pk else [],
    }


@transaction.atomic
def update_step(
    step: ProcessStep,
    *,
    by: User,
    participants: Iterable[User] | None = None,
    at: datetime.datetime | None = None,
    **changes: Unpack[StepFields],
) -> ProcessStep:
    """Change a step: status, dates, participants, notes.

    Starting a step without an actual start date starts it on the day of the change; finishing
    it without an end date finishes it on that day. `at` is when the change happened, if not now.
    """
    step = stored(step)
    today = timezone.localdate(moment(at))
    assign(step, changes)
    if step.status in (StepStatus.IN_PROGRESS, StepStatus.DONE) and step.started_on is None:
        step.started_on = min(step.finished_on or today, today)
    if step.status == StepStatus.DONE and step.finished_on is None:
        step.finished_on = today
    _check_step(step, today)
    people = list(participants) if participants is not None else None
    if people is not None:
        _check_participants(step, people)
    save_audited(
        step,
        by=by,
        municipality=step.municipality,
        related={"participants": people} if people is not None else None,
        snapshot=_snapshot,
        exclude=["last_progress_at"],
    )
    _progress(step, at)
    return step


@transaction.atomic
def upload_step_document(
    step: ProcessStep,
    *,
    by: User,
    title: str,
    upload: UploadedFile,
    at: datetime.datetime | None = None,
) -> StepDocument:
    document = StepDocument(step=step, title=title, uploaded_by=by, **accepted(upload))
    save_audited(document, by=by, municipality=step.municipality)
    backdate(document, "uploaded_at", at)
    _progress(step, at)
    return document


@transaction.atomic
def delete_step_document(document: StepDocument, *, by: User) -> None:
    """Remove a document; one that proves a milestone of a done step stays."""
    step = ProcessStep.objects.select_for_update().get(pk=document.step_id)
    proving = [m for m in document.milestones.all() if m.needs_document]
    if proving and step.status == StepStatus.DONE:
        raise ValidationError(
            _(
                "This document proves the milestone “%(milestone)s” of a step that is done. "
                "Set the step back to “in progress” first."
            )
            % {"milestone": proving[0].display_title}
        )
    for milestone in proving:  # the proof is gone, so the milestone is no longer reached
        milestone.reached_on = None
        milestone.save(update_fields=["reached_on"])
    record(by=by, action=AuditAction.DELETE, obj=document, municipality=step.municipality)
    document.file.delete(save=False)
    document.delete()
    _progress(step, None)


@transaction.atomic
def add_milestone(
    step: ProcessStep, *, by: User, title: str, needs_document: bool = False
) -> Milestone:
    """An own milestone of the tandem; the step is done only once it is reached, too."""
    if step.status == StepStatus.DONE:
        raise ValidationError(
            _("The step is done. Set it back to “in progress” to add a milestone.")
        )
    milestone = Milestone(step=step, title=title, needs_document=needs_document)
    save_audited(milestone, by=by, municipality=step.municipality)
    _progress(step, None)
    return milestone


@transaction.atomic
def reach_milestone(
    milestone: Milestone,
    *,
    by: User,
    reached_on: datetime.date | None,
    document: StepDocument | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Milestone:
    """Record when a milestone was reached (and the document proving it), or that it was not."""
    milestone = stored(milestone)
    step = milestone.step
    errors: dict[str, list[str]] = {}
    today = timezone.localdate(moment(at))
    if reached_on is None:
        if step.status == StepStatus.DONE:
            errors["reached_on"] = [
                _("The step is done. Set it back to “in progress” before you reopen a milestone.")
            ]
        document = None
    else:
        if reached_on > today:
            errors["reached_on"] = [_("A milestone cannot be reached in the future.")]
        if milestone.needs_document and document is None:
            errors["document"] = [
                _("This milestone needs a document: upload it to the step, then choose it here.")
            ]
    if document is not None and document.step_id != step.pk:
        errors["document"] = [_("The document belongs to another step.")]
    if errors:
        raise ValidationError(errors)
    milestone.reached_on = reached_on
    milestone.document = document
    milestone.note = note
    save_audited(milestone, by=by, municipality=step.municipality)
    _progress(step, at)
    return milestone


@transaction.atomic
def delete_milestone(milestone: Milestone, *, by: User) -> None:
    """Remove an own milestone; the standard ones belong to every process."""
    if milestone.standard:
        raise ValidationError(_("A standard milestone of the process cannot be removed."))
    step = milestone.step
    record(by=by, action=AuditAction.DELETE, obj=milestone, municipality=step.municipality)
    milestone.delete()
    _progress(step, None)
