"""Views of one municipality: out of the user's tenancy → 404, in it but not allowed → 403."""

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

from .models import Municipality


def access_municipality(request: HttpRequest, ags: str, permission: str) -> Municipality:
    """Out of the user's tenancy → 404; in it but not allowed → 403."""
    municipality = get_object_or_404(
        Municipality.objects.visible_to(acting_user(request)).with_register(),
        register__ags=ags,
    )
    if not request.user.has_perm(permission, municipality):
        raise PermissionDenied
    return municipality


def municipality_permission(permission: str) -> Callable[[View], View]:
    """The view gets the municipality named by the URL's `ags`, checked against `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, ags: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if response := require_login(request):
                return response
            municipality = access_municipality(request, ags, permission)
            return view(request, municipality, *args, **kwargs)

        return declare(wrapper, Access("municipality", permission))

    return decorator
