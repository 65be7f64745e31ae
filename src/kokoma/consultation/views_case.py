"""The case team's pages of peer consultation, under the case (need-to-know, `case_permission`):
draft, edit, approve and close, and the answers that came back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.cases.models import Case
from kokoma.core.viewutils import call_service

from . import services
from .drafting import context_for_case
from .forms import DraftForm, ShareForm
from .models import Consultation, Status
from .pages import answers_by_phase


def _consultation(request: HttpRequest, case: Case, consultation_pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.visible_to(_user(request)).filter(case=case), pk=consultation_pk
    )


def _to_list(case: Case) -> HttpResponse:
    return redirect("case_consultation:list", reference=case.reference)


@case_permission("consultation.view_case_consultations")
@require_safe
def case_consultations(request: HttpRequest, case: Case) -> HttpResponse:
    user = _user(request)
    consultations = list(
        Consultation.objects.visible_to(user).filter(case=case).order_by("-created_at", "-pk")
    )
    running = next((c for c in consultations if c.status != Status.CLOSED), None)
    return render(
        request,
        "consultation/case_consultations.html",
        {
            "case": case,
            "running": running,
            "phases": answers_by_phase(running) if running and running.is_shared else [],
            "past": [c for c in consultations if c is not running],
            "may_draft": user.has_perm("consultation.draft_consultation", case),
            "may_approve": user.has_perm("consultation.approve_consultation", case),
            "may_close": user.has_perm("consultation.close_consultation", case),
        },
    )


@case_permission("consultation.draft_consultation")
@require_http_methods(["GET", "POST"])
def consultation_share(request: HttpRequest, case: Case) -> HttpResponse:
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultation = call_service(
            form, services.draft_consultation, case, by=_user(request), **form.cleaned_data
        )
        if consultation is not None:
            messages.success(
                request,
                _(
                    "The anonymised draft is ready. Please read it carefully and edit it: nothing "
                    "is shared before a coordinator approves it."
                ),
            )
            return redirect(
                "case_consultation:edit",
                reference=case.reference,
                case_consultation_id=consultation.pk,
            )
    return render(request, "consultation/consultation_share.html", {"case": case, "form": form})


@case_permission("consultation.draft_consultation")
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, case: Case, case_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, case, case_consultation_id)
    if not consultation.is_draft:
        messages.info(request, _("This summary was already shared and can no longer be changed."))
        return _to_list(case)
    form = DraftForm(request.POST or None, instance=consultation, context=context_for_case(case))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_draft, consultation, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The draft was saved. It is not shared yet."))
            return _to_list(case)
    return render(
        request,
        "consultation/draft_form.html",
        {"case": case, "consultation": consultation, "form": form},
    )


@case_permission("consultation.approve_consultation")
@require_POST
def consultation_approve(
    request: HttpRequest, case: Case, case_consultation_id: int
) -> HttpResponse:
    consultation = _consultation(request, case, case_consultation_id)
    try:
        services.approve_consultation(consultation, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_list(case)
    messages.success(request, _("The summary is now shared with the network."))
    return _to_list(case)


@case_permission("consultation.close_consultation")
@require_POST
def consultation_close(request: HttpRequest, case: Case, case_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, case, case_consultation_id)
    services.close_consultation(consultation, by=_user(request))
    messages.success(request, _("The peer consultation was closed."))
    return _to_list(case)
