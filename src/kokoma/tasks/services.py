"""Writes for tasks and calendar tokens: validated, atomic and audited."""

from __future__ import annotations

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, diff, record, record_reads, save_audited, stored
from kokoma.cases.models import Case
from kokoma.core.messages import Message, in_default_language, message
from kokoma.core.moments import backdate, moment
from kokoma.municipalities.models import Municipality
from kokoma.notifications.services import notify

from . import texts
from .models import CalendarToken, Task, new_token

TRACKED = ("title", "description", "assignee_id", "case_id", "due_on", "done_at")


def _fields(task: Task) -> dict[str, object]:
    return {name: getattr(task, name) for name in TRACKED}


def task_url(task: Task) -> str:
    return reverse("tasks:detail", kwargs={"ags": task.municipality.ags, "task_id": task.pk})


def _validate(
    task: Task,
    *,
    due_changed: bool,
    assignee_vetted: bool = False,
    today: datetime.date | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if (
        not assignee_vetted
        and not Membership.objects.filter(
            user=task.assignee, municipality=task.municipality
        ).exists()
    ):
        errors.setdefault("assignee", []).append(
            _("The assignee must be a member of the municipality.")
        )
    if task.case is not None:
        if task.case.municipality_id != task.municipality.pk:
            errors.setdefault("case", []).append(_("The case belongs to another municipality."))
        elif (
            not assignee_vetted
            and not Case.objects.visible_to(task.assignee).filter(pk=task.case.pk).exists()
        ):
            errors.setdefault("assignee", []).append(
                _("The assignee cannot see this case. Add them to the case team first.")
            )
    if due_changed and task.due_on is not None and task.due_on < (today or timezone.localdate()):
        errors.setdefault("due_on", []).append(_("The due date must not be in the past."))
    if errors:
        raise ValidationError(errors)


def _title(task: Task) -> Message | str:
    """The task's title as a message parameter: its message, or the words a person wrote."""
    return task.title_message or task.title


def _tell_assignee(task: Task, *, by: User | None) -> None:
    if by is None:  # created by the system, e.g. as the pre-planned response to an alert
        notify(
            [task.assignee],
            message=message(texts.ASSIGNED, title=_title(task)),
            link=task_url(task),
        )
    elif task.assignee_id != by.pk:
        notify(
            [task.assignee],
            message=message(texts.ASSIGNED_BY, person=str(by), title=_title(task)),
            link=task_url(task),
        )


def create_task(
    *,
    municipality: Municipality,
    by: User | None,
    title: str,
    assignee: User,
    description: str = "",
    case: Case | None = None,
    due_on: datetime.date | None = None,
    assignee_vetted: bool = False,
    title_message: Message | None = None,
    description_message: Message | None = None,
    at: datetime.datetime | None = None,
) -> Task:
    """Create, audit and announce a task; ValidationError (nothing saved) for bad input.

    A task the system writes passes its texts as messages (`title_message`,
    `description_message`): they are shown in the reader's language, and `title` and
    `description` are then ignored (they become the messages' words in the default language).

    `assignee_vetted` is for the early-warning check only, which has already established, once
    per run and through the same rules (`Membership`, `Case.objects.visible_to`), that the
    assignee is a member of the municipality and may see the case: it skips these two look-ups,
    nothing else. Everybody else leaves it False.

    `at` is when the task was set, if not now; its due date must not lie before that day.
    """
    if title_message:
        title = in_default_language(title_message, title)[:200]
    if description_message:
        description = in_default_language(description_message, description)
    task = Task(
        municipality=municipality,
        case=case,
        title=title,
        description=description,
        title_message=title_message or {},
        description_message=description_message or {},
        assignee=assignee,
        created_by=by,
        due_on=due_on,
    )
    # Validation reads only, so it needs no transaction; it comes first so that a refusal
    # leaves the caller's transaction usable. The writes need no savepoint of their own: when
    # one of them fails, the caller's transaction fails as a whole (on their own, they are one
    # transaction as before).
    _validate(
        task,
        due_changed=True,
        assignee_vetted=assignee_vetted,
        today=timezone.localdate(moment(at)),
    )
    with transaction.atomic(savepoint=False):
        task.save()
        backdate(task, "created_at", at)
        record(by=by, action=AuditAction.CREATE, obj=task, municipality=municipality)
        _tell_assignee(task, by=by)
    return task


class TaskFields(TypedDict, total=False):
    title: str
    description: str
    assignee: User
    case: Case | None
    due_on: datetime.date | None


@transaction.atomic
def update_task(task: Task, *, by: User, **changes: Unpack[TaskFields]) -> Task:
    """Change the given fields of a task; a new assignee is told."""
    task = stored(task)
    due_on, assignee_id = task.due_on, task.assignee_id
    title, description = task.title, task.description
    assign(task, changes)
    # A text someone edits is theirs from now on (what they did not touch keeps its message).
    if task.title != title:
        task.title_message = {}
    if task.description != description:
        task.description_message = {}
    _validate(task, due_changed=task.due_on != due_on)
    save_audited(
        task,
        by=by,
        municipality=task.municipality,
        # Tasks of the early-warning check have no creator.
        exclude=["created_by"],
        snapshot=_fields,
    )
    if task.assignee_id != assignee_id:
        _tell_assignee(task, by=by)
    return task


@transaction.atomic
def set_done(
    task: Task, *, by: User, done: bool = True, at: datetime.datetime | None = None
) -> Task:
    """Mark a task done (`at`: when, if not now) or open again."""
    before = _fields(task)
    task.done_at = moment(at) if done else None
    task.save(update_fields=["done_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=task,
        municipality=task.municipality,
        changes=diff(before, _fields(task)),
    )
    return task


@transaction.atomic
def delete_task(task: Task, *, by: User) -> None:
    """Withdraw a task: audited, and the assignee learns that it is gone."""
    if not task.may_delete(by):
        raise PermissionDenied
    municipality = task.municipality
    record(
        by=by,
        action=AuditAction.DELETE,
        obj=task,
        municipality=municipality,
        changes=diff(_fields(task), dict.fromkeys(TRACKED)),
    )
    assignee, title = task.assignee, _title(task)
    task.delete()
    if assignee.pk != by.pk:
        notify(
            [assignee],
            message=message(texts.WITHDRAWN, person=str(by), title=title),
            link=reverse("tasks:mine"),
        )


@transaction.atomic
def issue_calendar_token(*, by: User) -> CalendarToken:
    """Create the user's feed token, or renew it: the old feed URL stops working at once."""
    token, created = CalendarToken.objects.get_or_create(user=by)
    if not created:
        token.token = new_token()
        token.revoked_at = None
        token.created_at = timezone.now()
        token.save()
    record(by=by, action=AuditAction.CREATE if created else AuditAction.UPDATE, obj=token)
    return token


@transaction.atomic
def revoke_calendar_token(*, by: User) -> None:
    token = CalendarToken.objects.filter(user=by, revoked_at__isnull=True).first()
    if token is not None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(by=by, action=AuditAction.UPDATE, obj=token, changes={"revoked": [False, True]})


def record_calendar_read(owner: User, *, path: str) -> None:
    """A calendar program fetched `owner`'s feed (their tasks and cases' next steps): one line,
    under the owner, whose feed address authenticated the request."""
    record_reads(by=owner, reads=[(owner, None, {"page": path})])
