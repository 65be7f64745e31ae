"""The pages around the API: one's personal access tokens, and the API's documentation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user
from kokoma.core.access import login_only, public
from kokoma.core.viewutils import call_service

from . import services
from .access import token_scope
from .docs import api_reference
from .forms import AccessTokenForm
from .models import AccessToken


@login_only
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """One's tokens, and the form for a new one; a new token's text is shown on this answer
    only (it is stored as a digest), so the answer is never cached (`no-store` as every page)."""
    user = acting_user(request)
    form = AccessTokenForm(request.POST or None)
    created: tuple[AccessToken, str] | None = None
    if request.method == "POST" and form.is_valid():
        created = call_service(form, services.create_token, by=user, **form.cleaned_data)
        if created is not None:
            form = AccessTokenForm()
    return render(
        request,
        "api/accesstoken_list.html",
        {
            "form": form,
            "created": created,
            "tokens": list(AccessToken.objects.of(user)),
            "today": timezone.localdate(),
        },
    )


@token_scope.permission("api.revoke_token")
@require_POST
def token_revoke(request: HttpRequest, token: AccessToken) -> HttpResponse:
    services.revoke_token(token, by=acting_user(request))
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_pages:tokens")


@public
@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"reference": api_reference(get_language())}
    return render(request, "api/api_docs.html", context)
