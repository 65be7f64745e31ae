"""Views of one cohort or one registration: out of reach → 404, in reach but not allowed → 403."""

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

from .models import Cohort, Enrolment


def cohort_permission(permission: str) -> Callable[[View], View]:
    """The view gets the cohort named by the URL's `cohort_id`, checked against `permission`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, cohort_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if response := require_login(request):
                return response
            cohort = get_object_or_404(
                Cohort.objects.visible_to(acting_user(request)), pk=cohort_id
            )
            if not request.user.has_perm(permission, cohort):
                raise PermissionDenied
            return view(request, cohort, *args, **kwargs)

        return declare(wrapper, Access("cohort", permission))

    return decorator


def enrolment_permission(permission: str) -> Callable[[View], View]:
    """The view gets the registration named by `cohort_id` and `enrolment_id`, checked against
    `permission`; one the person may not see answers 404."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, cohort_id: int, enrolment_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if response := require_login(request):
                return response
            enrolment = get_object_or_404(
                Enrolment.objects.visible_to(acting_user(request)).select_related(
                    "cohort", "participant", "municipality"
                ),
                pk=enrolment_id,
                cohort_id=cohort_id,
            )
            if not request.user.has_perm(permission, enrolment):
                raise PermissionDenied
            return view(request, enrolment, *args, **kwargs)

        return declare(wrapper, Access("enrolment", permission))

    return decorator
