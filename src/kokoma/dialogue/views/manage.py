"""The facilitators' pages: opening a dialogue, its statements and their moderation, closing it,
the map with the way from a bridging statement to a draft agreement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user
from kokoma.cases.access import case_permission
from kokoma.cases.models import Case
from kokoma.core.viewutils import call_service, form_page
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from .. import services
from ..access import dialogue_permission, statement_permission
from ..forms import DialogueForm, ModerationForm, NewDialogueForm, SeedForm
from ..models import Dialogue, MapResult, Statement, StatementStatus
from ..opinion_map import current_map
from ..results import build_results

BREADCRUMBS = "dialogue/_breadcrumbs.html"


def _manage(dialogue: Dialogue) -> str:
    return services.manage_url(dialogue)


def _with_counts(dialogues: object) -> object:
    return dialogues.annotate(  # type: ignore[attr-defined]
        n_participants=Count("participants", distinct=True),
        n_pending=Count(
            "statements", filter=Q(statements__status=StatementStatus.PENDING), distinct=True
        ),
    )


@municipality_permission("dialogue.list_dialogues")
@require_safe
def dialogue_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = acting_user(request)
    dialogues = _with_counts(
        Dialogue.objects.visible_to(user)
        .filter(municipality=municipality)
        .select_related("case", "municipality__register")
    )
    return render(
        request,
        "dialogue/dialogue_list.html",
        {
            "municipality": municipality,
            "dialogues": dialogues,
            "can_open": user.has_perm("dialogue.open_dialogue", municipality),
        },
    )


def _open(
    request: HttpRequest, municipality: Municipality, case: Case | None, back_url: str
) -> HttpResponse:
    form = NewDialogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        dialogue = call_service(
            form,
            services.open_dialogue,
            municipality=municipality,
            case=case,
            by=acting_user(request),
            **data,
        )
        if dialogue is not None:
            messages.success(request, _("The dialogue was opened."))
            return redirect(_manage(dialogue))
    return form_page(
        request,
        form,
        title=_("New dialogue inside the case") if case else _("New public dialogue"),
        back_url=back_url,
        breadcrumbs=BREADCRUMBS,
        intro=_(
            "Participants see one statement at a time and agree, disagree or pass. The opinion "
            "map then shows where people differ and which statements bridge the groups."
        ),
        municipality=municipality,
        case=case,
    )


@municipality_permission("dialogue.open_dialogue")
@require_http_methods(["GET", "POST"])
def open_public(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    back = reverse("dialogue_municipality:list", kwargs={"ags": municipality.ags})
    return _open(request, municipality, None, back)


@case_permission("dialogue.open_case_dialogue")
@require_http_methods(["GET", "POST"])
def open_in_case(request: HttpRequest, case: Case) -> HttpResponse:
    back = reverse("cases:detail", kwargs={"reference": case.reference})
    return _open(request, case.municipality, case, back)


@dialogue_permission("dialogue.view_dialogue")
@require_safe
def manage(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    user = acting_user(request)
    statements = list(
        dialogue.statements.annotate(n_votes=Count("votes")).order_by("status", "number")
    )
    result = (
        MapResult.objects.filter(dialogue=dialogue).only("computed_at", "votes_counted").first()
    )
    return render(
        request,
        "dialogue/dialogue_detail.html",
        {
            "dialogue": dialogue,
            "pending": [s for s in statements if s.status == StatementStatus.PENDING],
            "accepted": [s for s in statements if s.status == StatementStatus.ACCEPTED],
            "rejected": [s for s in statements if s.status == StatementStatus.REJECTED],
            "n_participants": dialogue.participants.count(),
            "map_result": result,
            "link": request.build_absolute_uri(
                reverse("dialogue_public:take_part", kwargs={"dialogue_key": dialogue.key})
            ),
            "can_facilitate": user.has_perm("dialogue.facilitate", dialogue),
            "moderation_form": ModerationForm(),
        },
    )


@dialogue_permission("dialogue.facilitate")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    form = DialogueForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_dialogue, dialogue, by=acting_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The dialogue was saved."))
            return redirect(_manage(saved))
    return form_page(
        request,
        form,
        title=_("Edit dialogue"),
        back_url=_manage(dialogue),
        breadcrumbs=BREADCRUMBS,
        subject=dialogue,
        dialogue=dialogue,
        municipality=dialogue.municipality,
    )


@dialogue_permission("dialogue.facilitate")
@require_http_methods(["GET", "POST"])
def add_statement(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    form = SeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statement = call_service(
            form,
            services.add_statement,
            dialogue,
            by=acting_user(request),
            text=form.cleaned_data["text"],
            is_meta=form.cleaned_data["is_meta"],
        )
        if statement is not None:
            messages.success(request, _("The statement was added."))
            return redirect(_manage(dialogue))
    return form_page(
        request,
        form,
        title=_("Add a statement"),
        back_url=_manage(dialogue),
        breadcrumbs=BREADCRUMBS,
        subject=dialogue,
        dialogue=dialogue,
        municipality=dialogue.municipality,
    )


@statement_permission("dialogue.facilitate")
@require_POST
def moderate(request: HttpRequest, statement: Statement) -> HttpResponse:
    dialogue = statement.dialogue
    form = ModerationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(_manage(dialogue) + f"#aussage-{statement.number}")
    decision = form.cleaned_data["decision"]
    changes: dict[str, object] = (
        {"is_meta": decision == "meta"}
        if decision in ("meta", "not_meta")
        else {"status": decision, "reason": form.cleaned_data["reason"]}
    )
    saved = call_service(form, services.moderate, statement, by=acting_user(request), **changes)  # type: ignore[arg-type]
    if saved is None:
        for error in form.non_field_errors() + form.errors.get("reason", []):
            messages.error(request, str(error))
    else:
        messages.success(request, _("The moderation decision was saved."))
    return redirect(_manage(dialogue) + f"#aussage-{statement.number}")


@dialogue_permission("dialogue.facilitate")
@require_POST
def close(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    services.close_dialogue(dialogue, by=acting_user(request))
    messages.success(request, _("The dialogue was closed; its map stays available."))
    return redirect(_manage(dialogue))


@dialogue_permission("dialogue.facilitate")
@require_POST
def renew_link(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    services.renew_link(dialogue, by=acting_user(request))
    messages.success(request, _("The dialogue has a new link; the old one no longer works."))
    return redirect(_manage(dialogue))


@dialogue_permission("dialogue.view_dialogue")
@require_safe
def map_page(request: HttpRequest, dialogue: Dialogue) -> HttpResponse:
    user = acting_user(request)
    analysis = current_map(dialogue)
    mine = dialogue.participants.filter(user=user).values_list("pk", flat=True).first()
    results = build_results(dialogue, analysis, me=mine) if analysis is not None else None
    return render(
        request,
        "dialogue/dialogue_map.html",
        {
            "dialogue": dialogue,
            "results": results,
            "public": False,
            "can_draft": user.has_perm("dialogue.draft_agreement", dialogue),
        },
    )


@statement_permission("dialogue.draft_agreement")
@require_POST
def draft_agreement(request: HttpRequest, statement: Statement) -> HttpResponse:
    dialogue = statement.dialogue
    try:
        services.draft_agreement(statement, by=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("dialogue:map", kwargs={"dialogue_id": dialogue.pk}))
    messages.success(
        request,
        _("A draft agreement was added to the case; complete its parties and dates there."),
    )
    case = statement.dialogue.case
    return redirect(
        reverse("cases:detail", kwargs={"reference": case.reference if case else ""})
        + "#agreements-heading"
    )
