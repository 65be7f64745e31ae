from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .problems import is_api, problem

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/barrierefreiheit/", "/leichte-sprache/", "/i18n/")


class RequireMFAMiddleware:
    """Holders of the roles in KOKOMA_MFA_REQUIRED_ROLES (in production: the programme office and
    the tandems, everyone who sees case data) must set up MFA before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        roles = settings.KOKOMA_MFA_REQUIRED_ROLES
        if (
            roles
            and user.is_authenticated
            and not request.path.startswith(("/konto/", *ALWAYS_ALLOWED_PREFIXES))
            and user.holds_any_role(roles)
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
            if is_api(request):
                detail = _("The request is larger than %(limit)s MB.") % {"limit": limit_mb}
                return problem(request, 413, detail)
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
            if is_api(request):
                return problem(request, 404, _("There is no such address."))
            raise Http404
        if any(_has(CONTROL_IN_PATH, key, values) for key, values in request.GET.lists()):
            if is_api(request):
                return problem(request, 400, _("The query contains a control character."))
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
    """Every answer tells the browser which features the site never uses (`Permissions-Policy`);
    an answer to a signed-in person is never stored by a browser or proxy
    (`Cache-Control: private, no-store`), whatever the view forgot. What is typed into a form
    survives Back and a new sign-in as a draft in the tab (core/kokoma.js, decision 0023).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


LAST_SEEN = "kokoma-last-seen"


def seen_at_login(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Signing in is activity: the idle time starts then (and the next page writes nothing)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    """A signed-in session ends after `KOKOMA_SESSION_IDLE_SECONDS` without a request.

    The last request's time is kept in the session (written at most every 30 seconds). A page
    warns two minutes before the end and offers to go on (`core:session_alive`); typing into a
    form counts as activity, so nobody loses a long text to the timeout (core/kokoma.js).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(LAST_SEEN)
            if isinstance(seen, int) and now - seen > settings.KOKOMA_SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out after %(minutes)d minutes without activity, to "
                        "protect the data. Please sign in again."
                    )
                    % {"minutes": settings.KOKOMA_SESSION_IDLE_SECONDS // 60},
                )
            elif not isinstance(seen, int) or now - seen >= 30:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
