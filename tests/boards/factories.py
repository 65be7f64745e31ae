"""Boards for the tests, made through the services like real use."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.boards import services
from kokoma.boards.models import Board, Meeting
from kokoma.municipalities.models import Municipality
from tests.conftest import COTTBUS, demo_user


def office() -> User:
    return demo_user("servicestelle")


def cottbus_board(**kwargs: object) -> Board:
    """A local board of Cottbus: the board member as member, the actor as chair."""
    board = services.create_board(
        by=office(),
        kind=Board.Kind.LOCAL,
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        name=str(kwargs.get("name", "Testbeirat Cottbus")),
    )
    services.add_member(board, by=office(), user=demo_user("gremium.cottbus"))
    services.add_member(board, by=office(), user=demo_user("akteur.cottbus"), function="chair")
    return board


def inter_municipal_board() -> Board:
    board = services.create_board(
        by=office(), kind=Board.Kind.INTER_MUNICIPAL, name="Testbeirat kommunenübergreifend"
    )
    services.add_member(board, by=office(), user=demo_user("lokal.bautzen"))
    return board


def meeting(board: Board, *, days: int = 7, **kwargs: object) -> Meeting:
    start = (timezone.now() + datetime.timedelta(days=days)).replace(second=0, microsecond=0)
    return services.schedule_meeting(
        board,
        by=office(),
        title=str(kwargs.get("title", "Sitzung")),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place=str(kwargs.get("place", "Rathaus, Raum 101")),
    )
