"""Django's error handlers, answering problem documents for API paths (a 404 of a path that
matches no endpoint, a 500) and Django's own pages everywhere else."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults

from kokoma.core.problems import is_api, problem


def bad_request(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    if is_api(request):
        return problem(request, 400, _("The request could not be read."))
    return defaults.bad_request(request, exception, **kwargs)


def permission_denied(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    if is_api(request):
        return problem(request, 403, _("You may not do this."))
    return defaults.permission_denied(request, exception, **kwargs)


def page_not_found(request: HttpRequest, exception: Exception, **kwargs: Any) -> HttpResponse:
    if is_api(request):
        return problem(request, 404, _("There is no such address."))
    return defaults.page_not_found(request, exception, **kwargs)


def server_error(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    if is_api(request):
        return problem(request, 500, _("Something went wrong on our side; please try again."))
    return defaults.server_error(request, **kwargs)
