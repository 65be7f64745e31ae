from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kokoma.municipalities.queries import start_page

from .access import public
from .forms import AccessibilityFeedbackForm
from .services import submit_accessibility_feedback


@public
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    return render(request, "core/home.html", start_page(request.user))


@public
@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(
        request.POST or None, initial={"page_url": request.GET.get("seite", "")}
    )
    if request.method == "POST" and form.is_valid():
        submit_accessibility_feedback(form.instance)
        messages.success(request, _("Thank you. We have received your feedback and will reply."))
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})


@public
def easy_language(request: HttpRequest) -> HttpResponse:
    return render(request, "core/easy_language.html")


@public
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")
