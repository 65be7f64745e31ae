"""The case page, the analysis form with optimistic locking, and moving a case to a step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import call_service
from kokoma.workflow import services as workflow

from .. import services
from ..case_page import case_page
from ..forms.case import CASE_FIELDS, CaseForm, TransitionForm
from ..models import (
    Case,
)


def case_form_page(
    request: HttpRequest,
    case: Case,
    form: BaseForm,
    title: str,
    template: str = "cases/case_form.html",
    **extra: Any,
) -> HttpResponse:
    return render(request, template, {"case": case, "form": form, "title": title, **extra})


@case_permission("cases.view_case")
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
    return render(request, "cases/case_detail.html", case_page(case, user=_user(request)))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case: Case) -> HttpResponse:
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CASE_FIELDS}
        saved = call_service(
            form,
            services.update_case,
            case,
            by=_user(request),
            version=form.cleaned_data["version"],
            **data,
        )
        if saved is not None:
            messages.success(request, _("The case was saved."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(request, case, form, _("Edit case analysis"))


@case_permission("cases.transition_case")
@require_POST
def case_transition(request: HttpRequest, case: Case) -> HttpResponse:
    allowed = workflow.allowed_targets(case.step)
    form = TransitionForm(request.POST, case=case, allowed=allowed)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the allowed next steps."))
        return redirect("cases:detail", reference=case.reference)
    moved = call_service(
        form,
        services.transition_case,
        case,
        by=_user(request),
        to_step=form.cleaned_data["to_step"],
        note=form.cleaned_data["note"],
    )
    if moved is None:
        messages.error(request, " ".join(str(error) for error in form.non_field_errors()))
    else:
        messages.success(
            request,
            _("The case is now in the step “%(step)s”.") % {"step": form.cleaned_data["to_step"]},
        )
    return redirect("cases:detail", reference=case.reference)
