"""The forms that record threat and Glasl escalation assessments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import call_service

from .. import services
from ..forms.assessments import EscalationForm, ThreatForm
from ..models import (
    GLASL_STAGES,
    Case,
)
from .case import case_form_page


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def threat_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = ThreatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        threat = call_service(
            form, services.assess_threat, case, by=_user(request), **form.cleaned_data
        )
        if threat is not None:
            messages.success(request, _("The threat assessment was saved."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(request, case, form, _("Add threat assessment"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def escalation_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = EscalationForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        escalation = call_service(
            form, services.assess_escalation, case, by=_user(request), **form.cleaned_data
        )
        if escalation is not None:
            messages.success(request, _("The escalation assessment was saved."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(
        request,
        case,
        form,
        _("Add escalation assessment"),
        "cases/escalationassessment_form.html",
        stages=GLASL_STAGES.items(),
    )
