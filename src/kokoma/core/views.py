from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import ratelimit
from .access import public
from .forms import AccessibilityFeedbackForm
from .services import submit_accessibility_feedback

FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW = 60 * 60


@public
@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(
        request.POST or None, initial={"page_url": request.GET.get("seite", "")}
    )
    limited = False
    if request.method == "POST" and form.is_valid():
        # The form sends e-mail: limited per connection, without storing addresses (0007).
        limited = ratelimit.over_limit(
            request, scope="accessibility-feedback", limit=FEEDBACK_LIMIT, window=FEEDBACK_WINDOW
        )
        if not limited:
            ratelimit.count(request, scope="accessibility-feedback", window=FEEDBACK_WINDOW)
            submit_accessibility_feedback(**form.cleaned_data)
            messages.success(
                request, _("Thank you. We have received your feedback and will reply.")
            )
            return redirect("core:accessibility")
    response = render(request, "core/accessibility.html", {"form": form, "limited": limited})
    if limited:
        response.status_code = 429
        response["Retry-After"] = str(FEEDBACK_WINDOW)
    return response


@public
def easy_language(request: HttpRequest) -> HttpResponse:
    return render(request, "core/easy_language.html")


@public
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")
