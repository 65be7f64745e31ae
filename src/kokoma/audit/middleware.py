"""A refused request writes one line to the audit log, in one place for every view."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from kokoma.core.access import Access

from .models import ACCESS, AuditAction
from .services import record_event


class AuditDeniedAccessMiddleware:
    """A logged-in person refused by a view's access declaration — 403, or 404 on a page behind
    login (out of their tenancy, the same answer as for an object that does not exist) — leaves
    one audit line with who and which page. Anonymous requests are sent to the login page before
    any of this; a 404 on a public page or an unknown address is no refusal."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if not request.user.is_authenticated:
            return
        if isinstance(exception, PermissionDenied):
            status = 403
        elif isinstance(exception, Http404) and _behind_login(request):
            status = 404
        else:
            return
        path = request.get_full_path()
        record_event(
            by=request.user,
            action=AuditAction.DENIED,
            object_type=ACCESS,
            object_repr=f"{request.method} {path}",
            changes={"page": path, "status": status},
        )


def _behind_login(request: HttpRequest) -> bool:
    match = request.resolver_match
    access = getattr(match.func, "kokoma_access", None) if match else None
    return isinstance(access, Access) and access.scope != "public"
