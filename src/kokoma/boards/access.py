"""Views of one board: out of the user's reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from kokoma.accounts.access import acting_user
from kokoma.core.access import Access, View, declare, require_login

from .models import Board


def access_board(request: HttpRequest, board_id: int, permission: str) -> Board:
    board = get_object_or_404(
        Board.objects.visible_to(acting_user(request)).select_related("municipality__register"),
        pk=board_id,
    )
    if not request.user.has_perm(permission, board):
        raise PermissionDenied
    return board


def board_permission(permission: str) -> Callable[[View], View]:
    """The view gets the board named by the URL's `board_id`, checked against `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, board_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if response := require_login(request):
                return response
            board = access_board(request, board_id, permission)
            return view(request, board, *args, **kwargs)

        return declare(wrapper, Access("board", permission))

    return decorator
