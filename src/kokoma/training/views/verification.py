"""Public: the verification of a certificate by its code, and the issuer's Open Badges documents
(profile, public key, achievement, revocation list) at stable addresses."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kokoma.core import ratelimit
from kokoma.core.access import public

from .. import credentials
from ..forms import VerifyForm
from ..models import CODE_PATTERN, Certificate, normalised_code

# Lookups per client and hour: enough for a person checking certificates by hand, far too few
# to try codes (2^80 of them).
LOOKUP_LIMIT = 30
LOOKUP_WINDOW = 3600


def _lookup(request: HttpRequest, typed: str) -> tuple[str, Certificate | None, int]:
    """(outcome, certificate, status code) for a typed code, counted against the limit."""
    if ratelimit.over_limit(
        request, scope="certificate-check", limit=LOOKUP_LIMIT, window=LOOKUP_WINDOW
    ):
        return "limited", None, 429
    ratelimit.count(request, scope="certificate-check", window=LOOKUP_WINDOW)
    code = normalised_code(typed)
    if not re.fullmatch(CODE_PATTERN, code):
        return "malformed", None, 400
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        return "unknown", None, 404
    return ("revoked" if certificate.is_revoked else "valid"), certificate, 200


def _page(
    request: HttpRequest, form: VerifyForm, found: tuple[str, Certificate | None, int] | None
) -> HttpResponse:
    outcome, certificate, status = found or ("", None, 200)
    response = render(
        request,
        "training/verify.html",
        {"form": form, "outcome": outcome, "certificate": certificate},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@public
@require_safe
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    found = _lookup(request, form.cleaned_data["code"]) if form.is_valid() else None
    return _page(request, form, found)


@public
@require_safe
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """The address in the certificate's QR code."""
    form = VerifyForm({"code": code})
    form.is_valid()
    return _page(request, form, _lookup(request, code))


def _document(data: dict[str, Any], content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(
        data, content_type=content_type, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"  # public documents, read by verifiers anywhere
    return response


@public
@require_safe
def issuer(request: HttpRequest) -> JsonResponse:
    return _document(credentials.issuer_profile(), "application/ld+json")


@public
@require_safe
def key(request: HttpRequest) -> JsonResponse:
    return _document(credentials.public_jwk(), "application/jwk+json")


@public
@require_safe
def achievement(request: HttpRequest) -> JsonResponse:
    return _document(
        {"@context": [credentials.VC_CONTEXT, credentials.OB_CONTEXT], **credentials.achievement()},
        "application/ld+json",
    )


@public
@require_safe
def status_list(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(credentials.status_list_credential(), content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"  # a revocation counts at once
    return response
