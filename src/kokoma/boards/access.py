"""Views of one board: out of the user's reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Board

board_permission = ObjectScope(
    "board",
    lambda user: Board.objects.visible_to(user).select_related("municipality__register"),
    pk="board_id",
).permission
"""The view gets the board named by the URL's `board_id`, checked against the permission."""
