"""The start page: the welcome for visitors, and for each role what its day needs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kokoma.accounts.access import acting_user
from kokoma.boards.pages import start_panel
from kokoma.core.access import public
from kokoma.dialogue.pages import start_panel as dialogue_panel
from kokoma.municipalities.queries import start_page
from kokoma.network.pages import start_panel as network_panel
from kokoma.supervision.pages import start_panel as supervision_panel
from kokoma.training.pages import start_panel as training_panel

from .modules import coming_soon
from .navigation import reach


@public
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "start/welcome.html")
    user = acting_user(request)
    context = {
        **start_page(user),
        "reach": reach(user),
        "coming_soon": coming_soon(user),
        "boards": start_panel(user) if reach(user).boards else None,
        "training": training_panel(user),
        "supervision": supervision_panel(user),
        "network": network_panel(user),
        "dialogues": dialogue_panel(user),
    }
    return render(request, "start/home.html", context)
