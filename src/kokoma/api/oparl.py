"""Advisory boards as OParl 1.1 (read-only), for council information systems and their clients.

Mapping (docs/decisions/0038-boards-as-oparl.md): a municipality with a local board is a Body
(with its AGS), the programme's inter-municipal board belongs to the Body "programme"; a board is
an Organization, a board member a Person (name only), a meeting a Meeting with its AgendaItems
embedded, approved or written minutes a File (its text, and an access URL under this API). The
programme keeps no council papers, so every Body's paper list is empty.

Boards are not public: the same token as the REST API, the same visibility (`visible_to`) and
permissions (`boards.view_board`, `boards.view_confidential`) as the board pages. Every object's
`id` is its URL here; lists are OParl external lists with pagination and links.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kokoma.boards.models import AgendaItem, Board, BoardMember, Meeting
from kokoma.municipalities.models import Municipality

from .base import READ, KokomaAPI, acting_user, reach

OPARL = "https://schema.oparl.org/1.1/"
PREFIX = "/api/oparl/v1"
PROGRAMME = "programm"
PER_PAGE = 50
JSON = dict[str, Any]

router = Router(auth=READ)


class ListQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000)


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(f"{PREFIX}/{path}")


def _object(request: HttpRequest, kind: str, path: str, **fields: Any) -> JSON:
    return {"id": _url(request, path), "type": OPARL + kind, **fields}


def _stamp(created: Any, modified: Any) -> JSON:
    return {"created": created.isoformat(), "modified": (modified or created).isoformat()}


def _external_list(
    request: HttpRequest,
    path: str,
    items: Sequence[Any] | QuerySet[Any],
    page: int,
    render: Callable[[Any], JSON],
) -> JSON:
    total = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(total / PER_PAGE))
    if page > pages:
        raise HttpError(
            404,
            _("There is no page %(page)s; the last page is %(pages)s.")
            % {"page": page, "pages": pages},
        )
    start = (page - 1) * PER_PAGE
    links = {
        "first": _url(request, f"{path}?page=1"),
        "last": _url(request, f"{path}?page={pages}"),
        "self": _url(request, f"{path}?page={page}"),
    }
    if page > 1:
        links["prev"] = _url(request, f"{path}?page={page - 1}")
    if page < pages:
        links["next"] = _url(request, f"{path}?page={page + 1}")
    return {
        "data": [render(item) for item in items[start : start + PER_PAGE]],
        "pagination": {
            "totalElements": total,
            "elementsPerPage": PER_PAGE,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }


# --- What a user may see -----------------------------------------------------------------------


def _boards(request: HttpRequest) -> QuerySet[Board]:
    return Board.objects.visible_to(acting_user(request)).select_related("municipality__register")


def _body_key(board: Board) -> str:
    return board.municipality.ags if board.municipality else PROGRAMME


def _boards_of_body(request: HttpRequest, body_key: str) -> QuerySet[Board]:
    boards = _boards(request)
    if body_key == PROGRAMME:
        return boards.filter(municipality__isnull=True)
    return boards.filter(municipality__register__ags=body_key)


def _board(request: HttpRequest, board_id: int) -> Board:
    user = acting_user(request)
    return reach(_boards(request), user, "boards.view_board", pk=board_id)


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("board__municipality__register"), pk=meeting_id
    )
    _board(request, meeting.board_id)
    return meeting


def _items(request: HttpRequest, meeting: Meeting) -> list[AgendaItem]:
    items = meeting.items.order_by("position", "pk")
    if not acting_user(request).has_perm("boards.view_confidential", meeting.board):
        items = items.filter(confidential=False)
    return list(items)


# --- Rendering ---------------------------------------------------------------------------------


def _body(request: HttpRequest, key: str, name: str, municipality: Municipality | None) -> JSON:
    path = f"bodies/{key}"
    body = _object(
        request,
        "Body",
        path,
        system=_url(request, "system"),
        name=name,
        organization=_url(request, f"{path}/organizations"),
        person=_url(request, f"{path}/people"),
        meeting=_url(request, f"{path}/meetings"),
        paper=_url(request, f"{path}/papers"),
        legislativeTerm=[],
        classification=_("Municipality") if municipality else _("Programme"),
    )
    if municipality is not None:
        body["ags"] = municipality.ags
        body["shortName"] = municipality.register.name
    return body


def _organization(request: HttpRequest, board: Board) -> JSON:
    return _object(
        request,
        "Organization",
        f"organizations/{board.pk}",
        body=_url(request, f"bodies/{_body_key(board)}"),
        name=board.name,
        organizationType=_("Advisory board"),
        classification=board.get_kind_display(),
        meeting=_url(request, f"organizations/{board.pk}/meetings"),
        **_stamp(board.created_at, board.updated_at),
    )


def _person(request: HttpRequest, member: BoardMember) -> JSON:
    return _object(
        request,
        "Person",
        f"people/{member.pk}",
        body=_url(request, f"bodies/{_body_key(member.board)}"),
        name=member.display_name,
    )


def _agenda_item(request: HttpRequest, item: AgendaItem) -> JSON:
    return _object(
        request,
        "AgendaItem",
        f"agendaitems/{item.pk}",
        meeting=_url(request, f"meetings/{item.meeting_id}"),
        number=str(item.position),
        order=item.position,
        name=item.title,
        public=not item.confidential,
    )


def _minutes_file(request: HttpRequest, meeting: Meeting) -> JSON:
    approved = meeting.minutes_approved_at
    return _object(
        request,
        "File",
        f"meetings/{meeting.pk}/minutes",
        name=_("Minutes"),
        fileName=f"protokoll-{meeting.pk}.md",
        mimeType="text/markdown",
        text=meeting.minutes,
        accessUrl=_url(request, f"meetings/{meeting.pk}/minutes.md"),
        meeting=[_url(request, f"meetings/{meeting.pk}")],
        **({"date": approved.date().isoformat()} if approved else {}),
    )


def _meeting_json(request: HttpRequest, meeting: Meeting, items: list[AgendaItem]) -> JSON:
    cancelled = meeting.status == Meeting.Status.CANCELLED
    found = _object(
        request,
        "Meeting",
        f"meetings/{meeting.pk}",
        name=meeting.title,
        cancelled=cancelled,
        meetingState=meeting.get_status_display(),
        start=meeting.starts_at.isoformat(),
        end=meeting.ends_at.isoformat(),
        organization=[_url(request, f"organizations/{meeting.board_id}")],
        agendaItem=[_agenda_item(request, item) for item in items],
        **_stamp(meeting.created_at, meeting.updated_at),
    )
    if meeting.place:
        found["location"] = _object(
            request, "Location", f"meetings/{meeting.pk}/location", description=meeting.place
        )
    if meeting.minutes:
        found["resultsProtocol"] = _minutes_file(request, meeting)
    return found


# --- Endpoints ---------------------------------------------------------------------------------


@router.get("/system")
def system(request: HttpRequest) -> JSON:
    return _object(
        request,
        "System",
        "system",
        oparlVersion=OPARL,
        body=_url(request, "bodies"),
        name=_("KoKoMa – municipal conflict management"),
    )


def _bodies(request: HttpRequest) -> list[JSON]:
    boards = list(_boards(request).order_by("municipality__register__name", "pk"))
    bodies: dict[str, JSON] = {}
    for board in boards:
        key = _body_key(board)
        if key not in bodies:
            name = board.municipality.name if board.municipality else _("Programme")
            bodies[key] = _body(request, key, name, board.municipality)
    return list(bodies.values())


@router.get("/bodies")
def body_list(request: HttpRequest, query: Query[ListQuery]) -> JSON:
    return _external_list(request, "bodies", _bodies(request), query.page, lambda body: body)


@router.get("/bodies/{body_key}")
def body_detail(request: HttpRequest, body_key: str) -> JSON:
    for found in _bodies(request):
        if found["id"] == _url(request, f"bodies/{body_key}"):
            return found
    raise Http404


def _known_body(request: HttpRequest, body_key: str) -> QuerySet[Board]:
    boards = _boards_of_body(request, body_key)
    if not boards.exists():
        raise Http404
    return boards


@router.get("/bodies/{body_key}/organizations")
def body_organizations(request: HttpRequest, body_key: str, query: Query[ListQuery]) -> JSON:
    boards = _known_body(request, body_key).order_by("name", "pk")
    path = f"bodies/{body_key}/organizations"
    return _external_list(request, path, boards, query.page, lambda b: _organization(request, b))


@router.get("/bodies/{body_key}/people")
def body_people(request: HttpRequest, body_key: str, query: Query[ListQuery]) -> JSON:
    boards = _known_body(request, body_key)
    members = (
        BoardMember.objects.active()
        .filter(board__in=boards)
        .select_related("board__municipality__register", "user")
        .order_by("name", "pk")
    )
    path = f"bodies/{body_key}/people"
    return _external_list(request, path, members, query.page, lambda m: _person(request, m))


def _meeting_list(request: HttpRequest, path: str, meetings: Any, page: int) -> JSON:
    meetings = meetings.select_related("board").order_by("-starts_at", "-pk")
    confidential = {
        board.pk
        for board in Board.objects.filter(pk__in=meetings.values("board_id"))
        if acting_user(request).has_perm("boards.view_confidential", board)
    }
    rows = list(meetings.prefetch_related("items"))

    def render(meeting: Meeting) -> JSON:
        items = sorted(meeting.items.all(), key=lambda item: (item.position, item.pk))
        if meeting.board_id not in confidential:
            items = [item for item in items if not item.confidential]
        return _meeting_json(request, meeting, items)

    return _external_list(request, path, rows, page, render)


@router.get("/bodies/{body_key}/meetings")
def body_meetings(request: HttpRequest, body_key: str, query: Query[ListQuery]) -> JSON:
    boards = _known_body(request, body_key)
    meetings = Meeting.objects.filter(board__in=boards)
    return _meeting_list(request, f"bodies/{body_key}/meetings", meetings, query.page)


@router.get("/bodies/{body_key}/papers")
def body_papers(request: HttpRequest, body_key: str, query: Query[ListQuery]) -> JSON:
    _known_body(request, body_key)
    return _external_list(request, f"bodies/{body_key}/papers", [], query.page, lambda paper: paper)


@router.get("/organizations/{board_id}")
def organization(request: HttpRequest, board_id: int) -> JSON:
    return _organization(request, _board(request, board_id))


@router.get("/organizations/{board_id}/meetings")
def organization_meetings(request: HttpRequest, board_id: int, query: Query[ListQuery]) -> JSON:
    board = _board(request, board_id)
    meetings = Meeting.objects.filter(board=board)
    return _meeting_list(request, f"organizations/{board.pk}/meetings", meetings, query.page)


@router.get("/people/{member_id}")
def person(request: HttpRequest, member_id: int) -> JSON:
    member = get_object_or_404(
        BoardMember.objects.active().select_related("board__municipality__register"),
        pk=member_id,
    )
    _board(request, member.board_id)
    return _person(request, member)


@router.get("/meetings/{meeting_id}")
def meeting(request: HttpRequest, meeting_id: int) -> JSON:
    found = _meeting(request, meeting_id)
    return _meeting_json(request, found, _items(request, found))


@router.get("/meetings/{meeting_id}/minutes")
def minutes_file(request: HttpRequest, meeting_id: int) -> JSON:
    found = _meeting(request, meeting_id)
    if not found.minutes:
        raise Http404
    return _minutes_file(request, found)


@router.get("/meetings/{meeting_id}/minutes.md")
def minutes_text(request: HttpRequest, meeting_id: int) -> HttpResponse:
    found = _meeting(request, meeting_id)
    if not found.minutes:
        raise Http404
    return HttpResponse(found.minutes, content_type="text/markdown; charset=utf-8")


@router.get("/agendaitems/{item_id}")
def agenda_item(request: HttpRequest, item_id: int) -> JSON:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=item_id)
    found = _meeting(request, item.meeting_id)
    if item not in _items(request, found):
        raise Http404
    return _agenda_item(request, item)


oparl_api = KokomaAPI(
    title="KoKoMa OParl",
    version="oparl-1.1",
    urls_namespace="oparl",
    docs_url=None,
    openapi_url=None,
)
oparl_api.add_router("", router)
