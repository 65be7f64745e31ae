"""The tandem's work log: written by the tandem, audited."""

from __future__ import annotations

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored

from ..models import (
    Municipality,
    ProcessStep,
    WorkLogEntry,
)


def _check_step(municipality: Municipality, step: ProcessStep | None) -> None:
    if step is not None and step.municipality_id != municipality.pk:
        raise ValidationError({"step": _("The step belongs to another municipality's process.")})


class WorkLogEntryFields(TypedDict, total=False):
    date: datetime.date
    step: ProcessStep | None
    participants: str
    topic: str
    notes: str
    next_steps: str
    next_steps_due: datetime.date | None
    next_steps_done: bool


@transaction.atomic
def add_work_log_entry(
    municipality: Municipality,
    *,
    by: User,
    date: datetime.date,
    participants: str,
    topic: str,
    notes: str = "",
    next_steps: str = "",
    next_steps_due: datetime.date | None = None,
    next_steps_done: bool = False,
    step: ProcessStep | None = None,
) -> WorkLogEntry:
    """Write an entry of the tandem's work log, filed under a process step if given; the acting
    user is its author."""
    _check_step(municipality, step)
    entry = WorkLogEntry(
        municipality=municipality,
        step=step,
        date=date,
        participants=participants,
        topic=topic,
        notes=notes,
        next_steps=next_steps,
        next_steps_due=next_steps_due,
        next_steps_done=next_steps_done,
        author=by,
    )
    return save_audited(entry, by=by, municipality=municipality)


@transaction.atomic
def change_work_log_entry(
    entry: WorkLogEntry, *, by: User, **changes: Unpack[WorkLogEntryFields]
) -> WorkLogEntry:
    """Change the given fields of an entry; it keeps its author (who may have left since)."""
    changed = assign(stored(entry), changes)
    _check_step(changed.municipality, changed.step)
    return save_audited(changed, by=by, municipality=changed.municipality, exclude=["author"])


@transaction.atomic
def delete_work_log_entry(entry: WorkLogEntry, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=entry, municipality=entry.municipality)
    entry.delete()
