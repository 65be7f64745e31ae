from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kokoma.core.access import programme_permission

from ..models import Event


@programme_permission("network.use_network")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The network's front door: its areas, and the next events."""
    upcoming = Event.objects.upcoming().with_counts()[:3]
    return render(request, "network/home.html", {"upcoming": upcoming})
