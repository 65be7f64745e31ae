"""Access declarations for views: the one place where tenancy and permissions are enforced.

Every view declares who may reach it with one of these decorators. The permission-matrix test
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
from django.shortcuts import get_object_or_404

from kokoma.cases.models import Case
from kokoma.cases.services import record_case_view
from kokoma.municipalities.models import Municipality

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Access:
    """What a view requires: `scope` is 'public', 'login', 'programme', 'municipality' or 'case'."""

    scope: str
    permission: str | None = None


def _declare(view: View, access: Access) -> View:
    view.kokoma_access = access  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    return _declare(view, Access("public"))


def _require_login(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def login_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _require_login(request) or view(request, *args, **kwargs)

    return _declare(wrapper, Access("login"))


def programme_permission(permission: str) -> Callable[[View], View]:
    """A permission that is not bound to a municipality (e.g. onboarding)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if response := _require_login(request):
                return response
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapper, Access("programme", permission))

    return decorator


def access_municipality(request: HttpRequest, ags: str, permission: str) -> Municipality:
    """Out of the user's tenancy → 404; in it but not allowed → 403."""
    municipality = get_object_or_404(
        Municipality.objects.visible_to(request.user).with_register(),  # type: ignore[arg-type]
        register__ags=ags,
    )
    if not request.user.has_perm(permission, municipality):
        raise PermissionDenied
    return municipality


def municipality_permission(permission: str) -> Callable[[View], View]:
    """The view gets the municipality named by the URL's `ags`, checked against `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, ags: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if response := _require_login(request):
                return response
            municipality = access_municipality(request, ags, permission)
            return view(request, municipality, *args, **kwargs)

        return _declare(wrapper, Access("municipality", permission))

    return decorator


def access_case(request: HttpRequest, reference: str, permission: str) -> Case:
    """Need-to-know: a case outside the user's reach → 404; visible but not allowed → 403."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related(  # type: ignore[arg-type]
            "municipality__register", "step"
        ),
        reference=reference,
    )
    if not request.user.has_perm(permission, case):
        raise PermissionDenied
    return case


def case_permission(permission: str) -> Callable[[View], View]:
    """The view gets the case named by the URL's `reference`, checked against `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, reference: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if response := _require_login(request):
                return response
            case = access_case(request, reference, permission)
            if request.method == "GET":
                # Every page of a case shows its details: each read goes to the audit log.
                record_case_view(case, by=request.user, path=request.path)  # type: ignore[arg-type]
            return view(request, case, *args, **kwargs)

        return _declare(wrapper, Access("case", permission))

    return decorator
