"""Problem details for HTTP APIs (RFC 9457): how the API answers every error, in one shape.

`core` knows no domain; it only knows that requests under API_PREFIX are answered in JSON, so
that even an error raised before the API's own code runs (a body too large, a control character
in the query, a path that matches nothing) reaches an API client as a problem document.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
CONTENT_TYPE = "application/problem+json"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def default_title(status: int) -> str:
    titles = {
        400: _("Bad request"),
        401: _("Authentication required"),
        403: _("Not permitted"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("Request too large"),
        422: _("Invalid input"),
        429: _("Too many requests"),
        500: _("Server error"),
    }
    return titles.get(status, _("Error"))


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    title: str | None = None,
    errors: Sequence[Mapping[str, Any]] = (),
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or default_title(status),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = list(errors)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
