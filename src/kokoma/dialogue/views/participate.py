"""Taking part through the dialogue's link, with or without an account, and the public pages that
list a municipality's dialogues beside its report form and chronicle."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kokoma.core import ratelimit
from kokoma.core.access import public
from kokoma.core.viewutils import call_service
from kokoma.municipalities.models import Municipality, Phase

from .. import services
from ..access import dialogue_by_key
from ..forms import StatementForm
from ..models import Dialogue, Participant, Vote, VoteValue
from ..opinion_map import current_map
from ..results import build_results

COOKIE = "kokoma_dialog"
COOKIE_AGE = 365 * 24 * 3600
# At most this many statements per client and hour (against flooding the moderation queue).
SUBMIT_LIMIT = 10
SUBMIT_WINDOW = 60 * 60


def _token(request: HttpRequest) -> str:
    value = request.COOKIES.get(COOKIE, "")
    return (
        value
        if 20 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum()
        else ""
    )


def _participant(request: HttpRequest, dialogue: Dialogue) -> Participant | None:
    user = request.user if request.user.is_authenticated else None
    return services.find_participant(dialogue, user=user, token=_token(request))


def _who(request: HttpRequest) -> dict[str, Any]:
    """Who acts: the logged-in user, or the browser's token – a new random one for a browser
    that has none yet (set as its cookie once something was stored)."""
    if request.user.is_authenticated:
        return {"user": request.user}
    return {"token": _token(request) or secrets.token_urlsafe(24)}


def _remember(response: HttpResponse, token: str) -> HttpResponse:
    if token:
        response.set_cookie(
            COOKIE,
            token,
            max_age=COOKIE_AGE,
            path="/dialog/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def _page(dialogue: Dialogue) -> str:
    return reverse("dialogue_public:take_part", kwargs={"dialogue_key": dialogue.key})


@public
@require_safe
def take_part(request: HttpRequest, dialogue_key: str) -> HttpResponse:
    dialogue = dialogue_by_key(dialogue_key)
    participant = _participant(request, dialogue)
    statement = services.next_statement(dialogue, participant) if dialogue.accepts_votes else None
    votable = services.votable(dialogue)
    mine = (
        list(
            Vote.objects.filter(participant=participant)
            .select_related("statement")
            .order_by("-updated_at")
        )
        if participant is not None
        else []
    )
    return render(
        request,
        "dialogue/dialogue_take_part.html",
        {
            "dialogue": dialogue,
            "statement": statement,
            "n_statements": votable.count(),
            "my_votes": mine,
            "choices": VoteValue.choices,
            "form": StatementForm() if dialogue.allow_submissions else None,
        },
    )


@public
@require_POST
def vote(request: HttpRequest, dialogue_key: str) -> HttpResponse:
    dialogue = dialogue_by_key(dialogue_key)
    try:
        statement_id = int(request.POST.get("statement", ""))
        value = int(request.POST.get("value", ""))
    except ValueError:
        messages.error(request, _("The vote could not be read; please choose again."))
        return redirect(_page(dialogue))
    who = _who(request)
    try:
        services.vote_as(dialogue, **who, statement_id=statement_id, value=value)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_page(dialogue) + "#aussage")
    return _remember(redirect(_page(dialogue) + "#aussage"), who.get("token", ""))


@public
@require_POST
def submit(request: HttpRequest, dialogue_key: str) -> HttpResponse:
    dialogue = dialogue_by_key(dialogue_key)
    form = StatementForm(request.POST)
    limited = ratelimit.over_limit(
        request, scope="dialogue-submit", limit=SUBMIT_LIMIT, window=SUBMIT_WINDOW
    )
    if limited:
        form.add_error(
            None, _("You have sent many statements in a short time; please wait a while.")
        )
    elif form.is_valid():
        ratelimit.count(request, scope="dialogue-submit", window=SUBMIT_WINDOW)
        who = _who(request)
        saved = call_service(
            form, services.submit_as, dialogue, **who, text=form.cleaned_data["text"]
        )
        if saved is not None:
            messages.success(
                request,
                _("Thank you. Your statement will be shown to others once it is moderated."),
            )
            return _remember(redirect(_page(dialogue)), who.get("token", ""))
    return render(
        request,
        "dialogue/dialogue_take_part.html",
        {"dialogue": dialogue, "form": form, "submit_failed": True, "choices": VoteValue.choices},
        status=429 if limited else 200,
    )


@public
@require_safe
def map_page(request: HttpRequest, dialogue_key: str) -> HttpResponse:
    dialogue = dialogue_by_key(dialogue_key)
    participant = _participant(request, dialogue)
    analysis = current_map(dialogue)
    results = (
        build_results(dialogue, analysis, me=participant.pk if participant else None)
        if analysis is not None
        else None
    )
    return render(
        request,
        "dialogue/dialogue_map.html",
        {"dialogue": dialogue, "results": results, "participant": participant, "public": True},
    )


@public
@require_safe
def take_part_index(request: HttpRequest) -> HttpResponse:
    """Where residents take part: each municipality's report form, chronicle and dialogues."""
    municipalities = (
        Municipality.objects.exclude(phase=Phase.COMPLETED)
        .with_register()
        .annotate(
            open_dialogues=Count(
                "dialogues",
                filter=Q(dialogues__in=Dialogue.objects.listed().filter(closed_at=None)),
            )
        )
        .order_by("register__name")
    )
    return render(request, "dialogue/take_part_index.html", {"municipalities": municipalities})


@public
@require_safe
def municipality_page(request: HttpRequest, ags: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.with_register(), register__ags=ags)
    dialogues = list(Dialogue.objects.listed().filter(municipality=municipality))
    return render(
        request,
        "dialogue/municipality_public.html",
        {
            "municipality": municipality,
            "open": [d for d in dialogues if d.state == Dialogue.State.OPEN],
            "closed": [d for d in dialogues if d.state == Dialogue.State.CLOSED],
            "reporting_closed": municipality.phase == Phase.COMPLETED,
        },
    )
