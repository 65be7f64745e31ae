from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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
