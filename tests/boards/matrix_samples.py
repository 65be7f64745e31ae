"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): the
objects of a Cottbus board whose members are the Cottbus board member (no e-mail needed) and an
external guest. The Cottbus tandem organises it; the actor and the trainee are no members."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kokoma.boards import services
from kokoma.boards.models import AgendaDocument, AgendaItem, Board, Meeting, Resolution
from kokoma.municipalities.models import Municipality

from ..conftest import COTTBUS, demo_user

NAME = "Matrix-Gremium"


def matrix_board() -> Board:
    board = Board.objects.filter(name=NAME).first()
    if board is not None:
        return board
    office = demo_user("servicestelle")
    board = services.create_board(
        by=office,
        kind=Board.Kind.LOCAL,
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        name=NAME,
    )
    services.add_member(board, by=office, user=demo_user("gremium.cottbus"))
    services.add_member(
        board, by=office, name="Gast Extern", purpose="Einladungen", function="guest"
    )
    start = timezone.now() + datetime.timedelta(days=7)
    meeting = services.schedule_meeting(
        board,
        by=office,
        title="Matrix-Sitzung",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Rathaus",
    )
    item = services.add_agenda_item(meeting, by=office, title="Matrix-TOP")
    services.upload_agenda_document(
        item,
        by=office,
        title="Matrix-Dokument",
        upload=SimpleUploadedFile("notiz.txt", b"Notiz", content_type="text/plain"),
    )
    services.record_resolution(
        item,
        by=office,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Matrix-Empfehlung",
        responsible=demo_user("gremium.cottbus"),
    )
    return board


def _meeting() -> Meeting:
    return matrix_board().meetings.get()


def _item() -> AgendaItem:
    return _meeting().items.get()


SAMPLES: dict[str, Any] = {
    "board_id": lambda: matrix_board().pk,
    "meeting_id": lambda: _meeting().pk,
    "item_id": lambda: _item().pk,
    "agenda_document_id": lambda: AgendaDocument.objects.get(item=_item()).pk,
    # the external guest: ending a membership in the matrix's POST leaves the board member in
    "board_member_id": lambda: matrix_board().members.get(name="Gast Extern").pk,
    "resolution_id": lambda: Resolution.objects.get(item=_item()).pk,
}
