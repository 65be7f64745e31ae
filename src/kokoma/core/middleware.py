from __future__ import annotations

import re
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/barrierefreiheit/", "/leichte-sprache/", "/i18n/")


class RequireMFAMiddleware:
    """Where settings ask for it (production), programme-office staff must set up MFA first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.KOKOMA_REQUIRE_MFA_FOR_OFFICE
            and user.is_authenticated
            and user.is_programme_office
            and not request.path.startswith(("/konto/", *ALWAYS_ALLOWED_PREFIXES))
            and not is_mfa_enabled(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class LimitRequestBodyMiddleware:
    """A request whose body is larger than KOKOMA_MAX_REQUEST_MB is answered 413 from its declared
    length, before anything reads it: Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out, so an
    upload would otherwise be streamed to disk whole before the form could say it is too large.
    (Without a Content-Length, Django reads no body at all.) The reverse proxy should refuse the
    same size first (docs/betrieb.md); this is the limit that holds without one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError as error:
            raise BadRequest("unreadable Content-Length") from error
        limit_mb: int = settings.KOKOMA_MAX_REQUEST_MB
        if length > limit_mb * 1024 * 1024:
            context = {"limit_mb": limit_mb, "file_limit_mb": settings.KOKOMA_MAX_UPLOAD_MB}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


# C0 control characters and DEL; tab, line feed and carriage return are ordinary in text areas.
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """Control characters never reach a view (issue 10): NUL breaks PostgreSQL, others break
    e-mail headers and the iCal feed. A path with one is a page that does not exist (404); a query
    with one is a bad request (400), as is a form field with one other than tab and line breaks —
    the 400 page tells the person that nothing was saved, and shows the text of the refused fields
    without the control characters, to copy back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROL_IN_PATH.search(request.path):
            raise Http404
        if any(_has(CONTROL_IN_PATH, key, values) for key, values in request.GET.lists()):
            raise BadRequest("control character in the query")
        posted = request.method == "POST" and request.content_type in FORM_TYPES
        if posted and any(_has(CONTROL_IN_TEXT, k, v) for k, v in request.POST.lists()):
            return _refused_form(request)
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refused_form(request: HttpRequest) -> HttpResponse:
    """The 400 page for a form, with the text of the fields that held control characters, without
    them, ready to be copied back: nothing typed is lost, even where Back does not restore it."""
    kept = [
        cleaned
        for key, values in request.POST.lists()
        if _has(CONTROL_IN_TEXT, key, values)
        for value in values
        if (cleaned := CONTROL_IN_TEXT.sub("", value)).strip()
    ]
    return render(request, "400.html", {"kept": kept}, status=400)


def _has(pattern: re.Pattern[str], key: str, values: list[str]) -> bool:
    return bool(pattern.search(key)) or any(pattern.search(value) for value in values)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Every answer tells the browser which features the site never uses (`Permissions-Policy`).

    (`Cache-Control: no-store` on every page behind login, issue 10 item 4, waits: it makes the
    browser's Back button reload a form page instead of showing what was typed; see the note in
    CHANGELOG.md.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
