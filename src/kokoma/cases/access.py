"""Views of one case (need-to-know): out of reach → 404, visible but not allowed → 403."""

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

from .models import Case
from .services.case import record_case_view


def access_case(request: HttpRequest, reference: str, permission: str) -> Case:
    """Need-to-know: a case outside the user's reach → 404; visible but not allowed → 403."""
    case = get_object_or_404(
        Case.objects.visible_to(acting_user(request)).select_related(
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
        ) -> HttpResponseBase:
            if response := require_login(request):
                return response
            case = access_case(request, reference, permission)
            if request.method == "GET":
                # Every page of a case shows its details: each read goes to the audit log.
                record_case_view(case, by=acting_user(request), path=request.path)
            return view(request, case, *args, **kwargs)

        return declare(wrapper, Access("case", permission))

    return decorator
