"""Access declarations for views: the one place where tenancy and permissions are enforced.

Every view declares who may reach it with one of these decorators, or with the ones built on
them for a municipality (`kokoma.municipalities.access`) and for a case (`kokoma.cases.access`). The permission-matrix test
(`tests/test_permission_matrix.py`) reads the declaration of every URL pattern and checks that
the view answers 200 / 403 / 404 / redirect-to-login accordingly, for every demo role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Access:
    """What a view requires: `scope` is 'public', 'login', 'programme', 'municipality' or 'case'."""

    scope: str
    permission: str | None = None


def declare(view: View, access: Access) -> View:
    view.kokoma_access = access  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    return declare(view, Access("public"))


def require_login(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def login_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return require_login(request) or view(request, *args, **kwargs)

    return declare(wrapper, Access("login"))


def programme_permission(permission: str) -> Callable[[View], View]:
    """A permission that is not bound to a municipality (e.g. onboarding)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if response := require_login(request):
                return response
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return declare(wrapper, Access("programme", permission))

    return decorator
