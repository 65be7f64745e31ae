"""Views of one slot: out of the user's reach → 404, in reach but not allowed → 403."""

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

from .models import Slot


def access_slot(request: HttpRequest, slot_id: int, permission: str) -> Slot:
    slot = get_object_or_404(
        Slot.objects.visible_to(acting_user(request)).select_related("supervisor"), pk=slot_id
    )
    if not request.user.has_perm(permission, slot):
        raise PermissionDenied
    return slot


def slot_permission(permission: str) -> Callable[[View], View]:
    """The view gets the slot named by the URL's `slot_id`, checked against `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, slot_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if response := require_login(request):
                return response
            slot = access_slot(request, slot_id, permission)
            return view(request, slot, *args, **kwargs)

        return declare(wrapper, Access("slot", permission))

    return decorator
