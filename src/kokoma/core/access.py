"""Access declarations for views: the one place where tenancy and permissions are enforced.

Every view declares who may reach it with one of these decorators, or with the ones built on
them for a municipality (`kokoma.municipalities.access`) and for a case (`kokoma.cases.access`). The permission-matrix test
(`tests/test_permission_matrix.py`) reads the declaration of every URL pattern and checks that
the view answers 200 / 403 / 404 / redirect-to-login accordingly, for every demo role.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Access:
    """What a view requires: `scope` is 'public', 'login', 'programme', 'municipality', 'case' or
    the name of an `ObjectScope`, whose `find` then names the object the permission is checked on."""

    scope: str
    permission: str | None = None
    find: Callable[[Any, Mapping[str, Any]], Any] | None = field(default=None, compare=False)


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


class ObjectScope:
    """One kind of object that views are about, named by the URL's parameters.

    `queryset(user)` is what the user may reach (the model's `visible_to`); `lookups` map a field
    to the URL parameter holding its value, e.g. `pk="cohort_id"`. A view decorated with
    `scope.permission("app.perm")` receives the object in place of those parameters: out of the
    user's reach answers 404, in reach without the permission 403. The permission-matrix test
    finds the object through the same declaration (`Access.find`).
    """

    def __init__(self, name: str, queryset: Callable[[Any], Any], **lookups: str) -> None:
        self.name = name
        self.queryset = queryset
        self.lookups = lookups

    def find(self, user: Any, kwargs: Mapping[str, Any]) -> Any:
        """The object named by `kwargs` if `user` may reach it, else None."""
        values = {name: kwargs[key] for name, key in self.lookups.items()}
        return self.queryset(user).filter(**values).first()

    def permission(self, permission: str) -> Callable[[View], View]:
        def decorator(view: View) -> View:
            @wraps(view)
            def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
                if response := require_login(request):
                    return response
                values = {name: kwargs.pop(key) for name, key in self.lookups.items()}
                found = get_object_or_404(self.queryset(request.user), **values)
                if not request.user.has_perm(permission, found):
                    raise PermissionDenied
                return view(request, found, *args, **kwargs)

            return declare(wrapper, Access(self.name, permission, find=self.find))

        return decorator
