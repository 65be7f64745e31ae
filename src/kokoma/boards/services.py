"""Business operations on advisory boards. Each takes the acting user, runs atomically and audits."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.cases.models import Case
from kokoma.core.uploads import accepted
from kokoma.municipalities.models import Municipality, ProcessStep
from kokoma.tasks import services as tasks
from kokoma.tasks.models import Task

from .invitations import CANCEL, REQUEST, recipients
from .jobs import send_meeting_mails
from .models import (
    AgendaDocument,
    AgendaItem,
    Attendance,
    Board,
    BoardMember,
    Meeting,
    Resolution,
    ResolutionStatusChange,
)


def _municipality(board: Board) -> Municipality | None:
    return board.municipality if board.municipality_id else None


# Boards -------------------------------------------------------------------------------------


@transaction.atomic
def create_board(
    *,
    by: User,
    kind: str,
    name: str,
    municipality: Municipality | None = None,
    description: str = "",
) -> Board:
    if kind == Board.Kind.LOCAL and municipality is None:
        raise ValidationError({"municipality": _("A local board belongs to a municipality.")})
    if kind == Board.Kind.INTER_MUNICIPAL:
        if not by.is_programme_office:
            raise ValidationError(
                {"kind": _("Only the programme office sets up the inter-municipal board.")}
            )
        municipality = None
    board = Board(
        kind=kind, municipality=municipality, name=name, description=description, created_by=by
    )
    return save_audited(board, by=by, municipality=municipality, exclude=["created_by"])


@transaction.atomic
def change_board(board: Board, *, by: User, name: str, description: str = "") -> Board:
    board = assign(stored(board), {"name": name, "description": description})
    return save_audited(board, by=by, municipality=_municipality(board), exclude=["created_by"])


@transaction.atomic
def add_member(
    board: Board,
    *,
    by: User,
    function: str = BoardMember.Function.MEMBER,
    user: User | None = None,
    name: str = "",
    organisation: str = "",
    role_title: str = "",
    email: str = "",
    purpose: str = "",
    joined_on: datetime.date | None = None,
) -> BoardMember:
    """Add a platform user, or an external member with name and the purpose of keeping their
    data; the same user only once."""
    errors: dict[str, list[str]] = {}
    if user is None:
        if not name.strip():
            errors["name"] = [_("Please choose a platform user or enter the name of the member.")]
        if not purpose.strip():
            errors["purpose"] = [
                _("Please state why the personal data of this external member are stored.")
            ]
    elif board.members.active().filter(user=user).exists():
        errors["user"] = [_("%(name)s is already a member of this board.") % {"name": user}]
    if errors:
        raise ValidationError(errors)
    member = BoardMember(
        board=board,
        user=user,
        name="" if user else name.strip(),
        organisation=organisation,
        role_title=role_title,
        email="" if user else email,
        purpose=purpose,
        function=function,
        joined_on=joined_on or timezone.localdate(),
    )
    return save_audited(member, by=by, municipality=_municipality(board))


@transaction.atomic
def end_membership(
    member: BoardMember, *, by: User, left_on: datetime.date | None = None
) -> BoardMember:
    member = stored(member)
    member.left_on = left_on or timezone.localdate()
    if member.left_on < member.joined_on:
        raise ValidationError(_("A membership cannot end before it began."))
    return save_audited(member, by=by, municipality=_municipality(member.board))


# Meetings -----------------------------------------------------------------------------------

TIME_AND_PLACE = ("starts_at", "ends_at", "place", "online_link")


def _check_meeting(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = [_("The meeting must end after it starts.")]
    if not meeting.place.strip() and not meeting.online_link.strip():
        errors["place"] = [_("Please enter a place or an online link.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def schedule_meeting(
    board: Board,
    *,
    by: User,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_link: str = "",
) -> Meeting:
    meeting = Meeting(
        board=board,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_link=online_link,
        created_by=by,
    )
    _check_meeting(meeting)
    return save_audited(meeting, by=by, municipality=_municipality(board), exclude=["created_by"])


def _queue_mails(meeting: Meeting, method: str, kind: str) -> None:
    transaction.on_commit(
        partial(send_meeting_mails.enqueue, meeting.pk, method, kind), robust=True
    )


class MeetingFields(TypedDict, total=False):
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_link: str


@transaction.atomic
def change_meeting(meeting: Meeting, *, by: User, **changes: Unpack[MeetingFields]) -> Meeting:
    """Change title, time or place; once invited, a change of time or place is sent to every
    member as an update of the same calendar entry (SEQUENCE + 1)."""
    meeting = stored(meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled and can no longer be changed."))
    before = {name: getattr(meeting, name) for name in TIME_AND_PLACE}
    assign(meeting, changes)
    _check_meeting(meeting)
    moved = any(getattr(meeting, name) != value for name, value in before.items())
    if moved and meeting.invitations_sent_at:
        meeting.sequence += 1
    save_audited(meeting, by=by, municipality=_municipality(meeting.board), exclude=["created_by"])
    if moved and meeting.invitations_sent_at:
        _queue_mails(meeting, REQUEST, "update")
    return meeting


@dataclass(frozen=True)
class Invited:
    meeting: Meeting
    sent_to: list[BoardMember]
    without_email: list[BoardMember]


@transaction.atomic
def invite(meeting: Meeting, *, by: User) -> Invited:
    """Send the invitation (again: as an update) to every active member with an address; who
    has none is named in the answer, the others are invited all the same."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled."))
    sent_to, without_email = recipients(meeting)
    if not sent_to:
        raise ValidationError(
            _("No member of this board has an e-mail address. Nobody could be invited.")
        )
    kind = "invitation"
    if meeting.invitations_sent_at:
        meeting.sequence += 1
        kind = "update"
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["sequence", "invitations_sent_at", "updated_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=meeting,
        municipality=_municipality(meeting.board),
        changes={"invited": [m.display_name for m in sent_to], "sequence": meeting.sequence},
    )
    _queue_mails(meeting, REQUEST, kind)
    return Invited(meeting, sent_to, without_email)


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by: User) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status = Meeting.Status.CANCELLED
    if meeting.invitations_sent_at:
        meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=meeting,
        municipality=_municipality(meeting.board),
        changes={"status": [Meeting.Status.PLANNED, Meeting.Status.CANCELLED]},
    )
    if meeting.invitations_sent_at:
        _queue_mails(meeting, CANCEL, "cancellation")
    return meeting


@transaction.atomic
def add_agenda_item(
    meeting: Meeting,
    *,
    by: User,
    title: str,
    presenter: str = "",
    description: str = "",
    confidential: bool = False,
) -> AgendaItem:
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title,
        presenter=presenter,
        description=description,
        confidential=confidential,
    )
    return save_audited(item, by=by, municipality=_municipality(meeting.board))


class AgendaItemFields(TypedDict, total=False):
    title: str
    presenter: str
    description: str
    confidential: bool


@transaction.atomic
def change_agenda_item(
    item: AgendaItem, *, by: User, **changes: Unpack[AgendaItemFields]
) -> AgendaItem:
    item = assign(stored(item), changes)
    return save_audited(item, by=by, municipality=_municipality(item.meeting.board))


@transaction.atomic
def upload_agenda_document(
    item: AgendaItem, *, by: User, title: str, upload: UploadedFile
) -> AgendaDocument:
    document = AgendaDocument(item=item, title=title, uploaded_by=by, **accepted(upload))
    return save_audited(document, by=by, municipality=_municipality(item.meeting.board))


@transaction.atomic
def record_attendance(meeting: Meeting, *, by: User, statuses: dict[int, str]) -> Meeting:
    """`statuses`: member id → present/excused/absent; an empty status forgets the entry."""
    members = {member.pk: member for member in meeting.board.members.all()}
    changes: dict[str, Any] = {}
    for member_id, status in statuses.items():
        member = members.get(member_id)
        if member is None:
            continue
        if not status:
            Attendance.objects.filter(meeting=meeting, member=member).delete()
        elif status in Attendance.Status.values:
            Attendance.objects.update_or_create(
                meeting=meeting, member=member, defaults={"status": status}
            )
        changes[member.display_name] = status
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=meeting,
        municipality=_municipality(meeting.board),
        changes={"attendance": changes},
    )
    return meeting


@transaction.atomic
def send_apologies(meeting: Meeting, *, by: User, withdraw: bool = False) -> Meeting:
    """A member tells the board ahead of a meeting that they cannot attend (or can after all).

    Only for an upcoming meeting and only for the person's own membership; after the meeting
    the chair records attendance (`record_attendance`).
    """
    member = meeting.board.members.active().filter(user=by).first()
    if member is None:
        raise ValidationError(_("Only a member of the board can send apologies."))
    if meeting.status != Meeting.Status.PLANNED or meeting.starts_at <= timezone.now():
        raise ValidationError(_("Apologies can only be sent before a planned meeting."))
    if withdraw:
        Attendance.objects.filter(
            meeting=meeting, member=member, status=Attendance.Status.EXCUSED
        ).delete()
    else:
        Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"status": Attendance.Status.EXCUSED}
        )
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=meeting,
        municipality=_municipality(meeting.board),
        changes={"attendance": {member.display_name: "" if withdraw else "excused"}},
    )
    return meeting


@transaction.atomic
def save_minutes(meeting: Meeting, *, by: User, minutes: str) -> Meeting:
    meeting = stored(meeting)
    if meeting.minutes_approved_at:
        raise ValidationError(_("These minutes have been approved and can no longer be changed."))
    meeting.minutes = minutes
    return save_audited(
        meeting, by=by, municipality=_municipality(meeting.board), exclude=["created_by"]
    )


def minutes_to_approve(meeting: Meeting) -> Meeting | None:
    """The previous meeting of the board, if it has minutes not yet approved."""
    return (
        Meeting.objects.filter(
            board_id=meeting.board_id,
            starts_at__lt=meeting.starts_at,
            status=Meeting.Status.PLANNED,
            minutes_approved_at__isnull=True,
        )
        .exclude(minutes="")
        .order_by("-starts_at")
        .first()
    )


@transaction.atomic
def approve_minutes(meeting: Meeting, *, by: User) -> Meeting:
    """Approve, in `meeting`, the minutes of the board's previous meeting."""
    previous = minutes_to_approve(meeting)
    if previous is None:
        raise ValidationError(_("There are no minutes waiting for approval."))
    previous.minutes_approved_at = timezone.now()
    previous.approved_in = meeting
    previous.save(update_fields=["minutes_approved_at", "approved_in", "updated_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=previous,
        municipality=_municipality(meeting.board),
        changes={"minutes_approved_in": str(meeting)},
    )
    return previous


# Resolutions --------------------------------------------------------------------------------


def resolution_path(resolution: Resolution) -> str:
    meeting = resolution.item.meeting
    return reverse(
        "boards:meeting_detail",
        kwargs={"board_id": meeting.board_id, "meeting_id": meeting.pk},
    )


def _check_resolution(resolution: Resolution, *, by: User) -> None:
    board = resolution.item.meeting.board
    errors: dict[str, list[str]] = {}
    if resolution.kind == Resolution.Kind.RECOMMENDATION and resolution.responsible is None:
        errors["responsible"] = [
            _("A recommendation needs a responsible person who follows it up.")
        ]
    if (
        resolution.responsible is not None
        and board.municipality_id is not None
        and not Membership.objects.filter(
            user=resolution.responsible, municipality_id=board.municipality_id
        ).exists()
    ):
        errors.setdefault("responsible", []).append(
            _(
                "The responsible person must belong to %(municipality)s, so that the follow-up "
                "can be given to them as a task."
            )
            % {"municipality": board.municipality}
        )
    if resolution.case is not None:
        if not board.is_local or resolution.case.municipality_id != board.municipality_id:
            errors["case"] = [_("The case belongs to another municipality.")]
        elif not Case.objects.visible_to(by).filter(pk=resolution.case.pk).exists():
            errors["case"] = [_("There is no case with this reference that you may see.")]
    if resolution.step is not None and (
        not board.is_local or resolution.step.municipality_id != board.municipality_id
    ):
        errors["step"] = [
            _("Only a local board's resolution can concern a step of its municipality's process.")
        ]
    if errors:
        raise ValidationError(errors)


def find_case(board: Board, reference: str, *, by: User) -> Case | None:
    """The case of the board's municipality with this reference, if `by` may see it."""
    if not reference.strip() or board.municipality_id is None:
        return None
    return (
        Case.objects.visible_to(by)
        .filter(municipality_id=board.municipality_id, reference__iexact=reference.strip())
        .first()
    )


@transaction.atomic
def record_resolution(
    item: AgendaItem,
    *,
    by: User,
    kind: str,
    text: str,
    responsible: User | None = None,
    due_on: datetime.date | None = None,
    case: Case | None = None,
    step: ProcessStep | None = None,
    status: str = Resolution.Status.OPEN,
    at: datetime.datetime | None = None,
) -> Resolution:
    """Record a decision or recommendation; a responsible person of a local board gets the
    follow-up as a task of the municipality (docs/decisions/0026-advisory-boards.md)."""
    resolution = Resolution(
        item=item,
        kind=kind,
        text=text,
        responsible=responsible,
        due_on=due_on,
        case=case,
        step=step,
        status=status,
        created_by=by,
    )
    _check_resolution(resolution, by=by)
    board = item.meeting.board
    save_audited(resolution, by=by, municipality=_municipality(board), exclude=["created_by"])
    ResolutionStatusChange.objects.create(
        resolution=resolution, from_status="", to_status=status, changed_by=by,
        changed_at=at or timezone.now(),
    )  # fmt: skip
    _give_follow_up(resolution, by=by, at=at)
    return resolution


def _follow_up_title(resolution: Resolution) -> str:
    title = _("Follow up: %(text)s") % {"text": resolution.text}
    return title if len(title) <= 200 else title[:199] + "…"


def _give_follow_up(
    resolution: Resolution, *, by: User, at: datetime.datetime | None = None
) -> None:
    """A local board's resolution with a responsible person becomes their task, once."""
    board = resolution.item.meeting.board
    if resolution.responsible is None or board.municipality is None or resolution.task_id:
        return
    case = resolution.case
    task = tasks.create_task(
        municipality=board.municipality,
        by=by,
        title=_follow_up_title(resolution),
        assignee=resolution.responsible,
        description=_("%(kind)s of %(board)s, meeting of %(date)s: %(text)s")
        % {
            "kind": resolution.get_kind_display(),
            "board": board.name,
            "date": timezone.localdate(resolution.item.meeting.starts_at).strftime("%d.%m.%Y"),
            "text": resolution.text,
        },
        due_on=resolution.due_on,
        case=case if case is not None and _sees(resolution.responsible, case) else None,
        at=at,
    )
    if not resolution.is_pending:
        tasks.set_done(task, by=by, at=at)
    resolution.task = task
    resolution.save(update_fields=["task"])


class ResolutionFields(TypedDict, total=False):
    kind: str
    text: str
    responsible: User | None
    due_on: datetime.date | None
    step: ProcessStep | None


@transaction.atomic
def change_resolution(
    resolution: Resolution, *, by: User, **changes: Unpack[ResolutionFields]
) -> Resolution:
    """Correct a resolution (its text, responsible person, due date, step); its follow-up task
    follows: a new responsible person gets it, a new text or due date changes it."""
    resolution = assign(stored(resolution), changes)
    _check_resolution(resolution, by=by)
    task = resolution.task
    if task is not None and resolution.responsible is None:
        raise ValidationError(
            {
                "responsible": _(
                    "The follow-up is a task of %(person)s. Choose another responsible person "
                    "instead of none."
                )
                % {"person": task.assignee}
            }
        )
    save_audited(
        resolution,
        by=by,
        municipality=_municipality(resolution.item.meeting.board),
        exclude=["created_by"],
    )
    if task is not None and resolution.responsible is not None:
        tasks.update_task(
            task,
            by=by,
            title=_follow_up_title(resolution),
            assignee=resolution.responsible,
            due_on=resolution.due_on,
        )
    else:
        _give_follow_up(resolution, by=by)
    return resolution


def _sees(user: User, case: Case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


@transaction.atomic
def change_resolution_status(
    resolution: Resolution,
    *,
    by: User,
    status: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Resolution:
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if status not in Resolution.Status.values:
        raise ValidationError({"status": _("Please choose one of the offered options.")})
    if status == resolution.status:
        raise ValidationError({"status": _("The resolution already has this status.")})
    before = resolution.status
    resolution.status = status
    resolution.save(update_fields=["status", "updated_at"])
    ResolutionStatusChange.objects.create(
        resolution=resolution,
        from_status=before,
        to_status=status,
        changed_by=by,
        note=note,
        changed_at=at or timezone.now(),
    )
    board = resolution.item.meeting.board
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=resolution,
        municipality=_municipality(board),
        changes={"status": [before, status]},
    )
    task: Task | None = resolution.task
    if task is not None and (task.done_at is None) == (not resolution.is_pending):
        tasks.set_done(task, by=by, done=not resolution.is_pending, at=at)
    return resolution
