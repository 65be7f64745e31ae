"""What the board and meeting pages show a person: confidential items only to who may see them,
case references only to who may see the case."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases.models import Case

from .forms import ApologiesForm
from .models import AgendaItem, Attendance, Board, BoardMember, Meeting, Resolution
from .predicates import remember_functions
from .services import minutes_to_approve


def _visible_cases(user: User, resolutions: list[Resolution]) -> set[int]:
    ids = {resolution.case_id for resolution in resolutions if resolution.case_id}
    if not ids:
        return set()
    return set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def pending_resolutions(board: Board, user: User) -> list[Resolution]:
    resolutions = (
        Resolution.objects.filter(item__meeting__board=board)
        .pending()
        .select_related("item__meeting", "responsible", "case", "step")
        .order_by("due_on", "created_at")
    )
    if not user.has_perm("boards.view_confidential", board):
        resolutions = resolutions.not_confidential()
    found = list(resolutions)
    shown_cases = _visible_cases(user, found)
    for resolution in found:
        resolution.shown_case = resolution.case if resolution.case_id in shown_cases else None  # type: ignore[attr-defined]
    return found


def _can(board: Board, user: User) -> dict[str, bool]:
    return {
        "manage": user.has_perm("boards.manage_board", board),
        "convene": user.has_perm("boards.convene_meeting", board),
        "record": user.has_perm("boards.record_resolution", board),
        "confidential": user.has_perm("boards.view_confidential", board),
    }


def board_page(board: Board, user: User) -> dict[str, Any]:
    can = _can(board, user)
    members = list(board.members.active().select_related("user").order_by("function", "name"))
    return {
        "board": board,
        "can": can,
        "members": members,
        "meetings": list(board.meetings.order_by("-starts_at")[:50]),
        "pending": pending_resolutions(board, user),
        "user_id": user.pk,
    }


def meeting_page(board: Board, meeting: Meeting, user: User) -> dict[str, Any]:
    can = _can(board, user)
    items = meeting.items.all()
    if not can["confidential"]:
        items = items.filter(confidential=False)
    resolutions = Resolution.objects.select_related("responsible", "case", "step")
    item_list = list(
        items.prefetch_related("documents", Prefetch("resolutions", queryset=resolutions))
    )
    all_resolutions = [r for item in item_list for r in item.resolutions.all()]
    shown_cases = _visible_cases(user, all_resolutions)
    for resolution in all_resolutions:
        resolution.shown_case = resolution.case if resolution.case_id in shown_cases else None  # type: ignore[attr-defined]
    attendance = {a.member_id: a for a in meeting.attendance.all()}
    members: list[BoardMember] = list(board.members.active().select_related("user"))
    mine = next((member for member in members if member.user_id == user.pk), None)
    apologised = mine is not None and (
        getattr(attendance.get(mine.pk), "status", "") == Attendance.Status.EXCUSED
    )
    return {
        "board": board,
        "meeting": meeting,
        "can": can,
        "items": item_list,
        "hidden_items": (
            0 if can["confidential"] else meeting.items.filter(confidential=True).count()
        ),
        "pending": [r for r in pending_resolutions(board, user) if r.item.meeting_id != meeting.pk],
        "to_approve": minutes_to_approve(meeting),
        "attendance": [(member, attendance.get(member.pk)) for member in members],
        "user_id": user.pk,
        # the signed-in member's own apologies, before a planned meeting
        "may_apologise": mine is not None
        and meeting.status == Meeting.Status.PLANNED
        and meeting.starts_at > timezone.now(),
        "apologised": apologised,
        "apologies_form": ApologiesForm(initial={"withdraw": apologised}),
    }


def start_panel(user: User) -> dict[str, Any] | None:
    """A board member's day on the start page: the next meeting of their boards with its agenda,
    the pending resolutions of their boards, and the minutes waiting for approval. A fixed
    number of queries, however many boards and meetings there are."""
    members = list(BoardMember.objects.active().filter(user=user).select_related("board"))
    remember_functions(user, {member.board_id: member.function for member in members})
    boards = {member.board_id: member.board for member in members}
    if not boards:
        return None
    board_ids = list(boards)
    # Boards where the person is a guest (and neither office nor tandem) hide confidential items.
    hidden = [
        pk for pk, board in boards.items() if not user.has_perm("boards.view_confidential", board)
    ]
    next_meeting = (
        Meeting.objects.upcoming().filter(board_id__in=board_ids).select_related("board")
        .order_by("starts_at").first()
    )  # fmt: skip
    next_items: list[AgendaItem] = []
    if next_meeting is not None:
        items = next_meeting.items.annotate(document_count=Count("documents"))
        if next_meeting.board_id in hidden:
            items = items.filter(confidential=False)
        next_items = list(items)
    pending = list(
        Resolution.objects.filter(item__meeting__board_id__in=board_ids)
        .pending()
        .exclude(item__confidential=True, item__meeting__board_id__in=hidden)
        .select_related("responsible", "item__meeting")
        .order_by("due_on", "created_at")
    )
    to_approve = list(
        Meeting.objects.filter(board_id__in=board_ids, status=Meeting.Status.PLANNED)
        .past()
        .exclude(minutes="")
        .filter(minutes_approved_at__isnull=True)
        .select_related("board")
        .order_by("starts_at")
    )
    return {
        "next_meeting": next_meeting,
        "next_items": next_items,
        "pending": pending,
        "to_approve": to_approve,
    }
