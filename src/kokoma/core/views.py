from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import ratelimit
from .access import login_only, public
from .forms import AccessibilityFeedbackForm
from .models import GeneratedFile
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


def _own_file(request: HttpRequest, file_id: uuid.UUID) -> GeneratedFile:
    """A file made for the person asking; anyone else gets 404, as if it did not exist."""
    return get_object_or_404(GeneratedFile, pk=file_id, owner=request.user)


@login_only
@require_safe
def generated_file(request: HttpRequest, file_id: uuid.UUID) -> HttpResponse:
    """How far the file is; htmx asks again every second until it is ready or failed."""
    generated = _own_file(request, file_id)
    polled = request.headers.get("HX-Request") == "true"
    template = "core/_generated_file_status.html" if polled else "core/generated_file.html"
    return render(request, template, {"generated": generated})


@login_only
@require_safe
def generated_file_download(request: HttpRequest, file_id: uuid.UUID) -> HttpResponseBase:
    generated = _own_file(request, file_id)
    if generated.status != GeneratedFile.Status.DONE:
        raise Http404
    try:
        handle = generated.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=generated.filename, content_type=generated.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_only
@require_safe
def session_alive(request: HttpRequest) -> HttpResponse:
    """Asked by the page when its user chooses to go on: the request itself renews the session."""
    response = JsonResponse({"idle_seconds": settings.KOKOMA_SESSION_IDLE_SECONDS})
    response["Cache-Control"] = "private, no-store"
    return response
