"""Advisory boards and their meetings: confidential agenda items only for who may see them."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from kokoma.boards.models import Board, Meeting

from ..base import READ, Page, PageQuery, acting_user, inline_enum, paginate, reach

KIND = Annotated[Board.Kind, inline_enum(Board.Kind)]
MEETING_STATUS = Annotated[Meeting.Status, inline_enum(Meeting.Status)]

router = Router(tags=["boards"], auth=READ)


class BoardOut(Schema):
    id: int
    kind: KIND
    municipality: str | None = Field(
        description=gettext_noop("AGS; none for the inter-municipal board")
    )
    name: str
    description: str

    @staticmethod
    def resolve_municipality(obj: Board) -> str | None:
        return obj.municipality.register.ags if obj.municipality else None


class MeetingOut(Schema):
    id: int
    board: int = Field(alias="board_id")
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    status: MEETING_STATUS
    minutes_approved_at: datetime.datetime | None


class AgendaItemOut(Schema):
    position: int
    title: str
    presenter: str
    description: str


class MeetingDetailOut(MeetingOut):
    minutes: str
    items: list[AgendaItemOut]
    confidential_items_hidden: int


def _board(request: HttpRequest, board_id: int) -> Board:
    user = acting_user(request)
    queryset = Board.objects.visible_to(user).select_related("municipality__register")
    return reach(queryset, user, "boards.view_board", pk=board_id)


@router.get("/", response=Page[BoardOut], summary=gettext_noop("List boards"))
def list_boards(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    queryset = Board.objects.visible_to(acting_user(request)).select_related(
        "municipality__register"
    )
    return paginate(queryset.order_by("name", "pk"), page)


@router.get("/{board_id}", response=BoardOut, summary=gettext_noop("One board"))
def get_board(request: HttpRequest, board_id: int) -> Board:
    return _board(request, board_id)


@router.get(
    "/{board_id}/meetings", response=Page[MeetingOut], summary=gettext_noop("A board's meetings")
)
def list_meetings(request: HttpRequest, board_id: int, page: Query[PageQuery]) -> dict[str, Any]:
    board = _board(request, board_id)
    return paginate(board.meetings.order_by("-starts_at", "-pk"), page)


@router.get(
    "/{board_id}/meetings/{meeting_id}",
    response=MeetingDetailOut,
    summary=gettext_noop("One meeting"),
)
def get_meeting(request: HttpRequest, board_id: int, meeting_id: int) -> dict[str, Any]:
    board = _board(request, board_id)
    meeting = get_object_or_404(board.meetings, pk=meeting_id)
    items = list(meeting.items.order_by("position", "pk"))
    shown = (
        items
        if acting_user(request).has_perm("boards.view_confidential", board)
        else [item for item in items if not item.confidential]
    )
    return {
        **{field: getattr(meeting, field) for field in MeetingOut.model_fields if field != "board"},
        "board_id": board.pk,
        "minutes": meeting.minutes,
        "items": shown,
        "confidential_items_hidden": len(items) - len(shown),
    }
