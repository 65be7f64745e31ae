"""Conflict processing pages of a case: procedures, measures, agreements, closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import call_service
from kokoma.workflow import services as workflow

from .. import services
from ..forms.processing import AgreementForm, CloseCaseForm, MeasureForm, ProcedureForm
from ..models import Agreement, Case, CaseProcedure, Measure


def _page(
    request: HttpRequest, case: Case, form: BaseForm, title: str, template: str, **extra: Any
) -> HttpResponse:
    return render(request, template, {"case": case, "form": form, "title": title, **extra})


def _detail(case: Case, anchor: str) -> HttpResponse:
    response = redirect("cases:detail", reference=case.reference)
    response["Location"] += f"#{anchor}"
    return response


def _procedure_form(
    request: HttpRequest, case: Case, procedure: CaseProcedure | None, title: str
) -> HttpResponse:
    form = ProcedureForm(
        request.POST or None, instance=procedure or CaseProcedure(case=case), case=case
    )
    if request.method == "POST" and form.is_valid():
        if procedure is None:
            saved = call_service(
                form, services.add_procedure, case, by=_user(request), **form.cleaned_data
            )
        else:
            saved = call_service(
                form, services.update_procedure, procedure, by=_user(request), **form.cleaned_data
            )
        if saved is not None:
            messages.success(request, _("The procedure was saved."))
            return _detail(case, "procedures-heading")
    return _page(request, case, form, title, "cases/caseprocedure_form.html")


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def procedure_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _procedure_form(request, case, None, _("Add procedure"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def procedure_edit(request: HttpRequest, case: Case, procedure_id: int) -> HttpResponse:
    procedure = get_object_or_404(case.procedures.all(), pk=procedure_id)
    return _procedure_form(request, case, procedure, _("Edit procedure"))


def _measure_form(
    request: HttpRequest, case: Case, measure: Measure | None, title: str
) -> HttpResponse:
    user = _user(request)
    form = MeasureForm(
        request.POST or None,
        # A new measure is offered to the person who adds it.
        instance=measure or Measure(case=case, owner=user),
        case=case,
        owners=services.owner_choices(case),
    )
    if request.method == "POST" and form.is_valid():
        if measure is None:
            saved = call_service(form, services.add_measure, case, by=user, **form.cleaned_data)
        else:
            saved = call_service(
                form, services.update_measure, measure, by=user, **form.cleaned_data
            )
        if saved is not None:
            messages.success(request, _("The measure was saved."))
            return _detail(case, "measures-heading")
    return _page(request, case, form, title, "cases/measure_form.html")


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def measure_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _measure_form(request, case, None, _("Add measure"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, case: Case, measure_id: int) -> HttpResponse:
    measure = get_object_or_404(case.measures.all(), pk=measure_id)
    return _measure_form(request, case, measure, _("Edit measure"))


def _agreement_form(
    request: HttpRequest, case: Case, agreement: Agreement | None, title: str
) -> HttpResponse:
    form = AgreementForm(
        request.POST or None, instance=agreement or Agreement(case=case), case=case
    )
    if request.method == "POST" and form.is_valid():
        if agreement is None:
            saved = call_service(
                form, services.add_agreement, case, by=_user(request), **form.cleaned_data
            )
        else:
            saved = call_service(
                form, services.update_agreement, agreement, by=_user(request), **form.cleaned_data
            )
        if saved is not None:
            messages.success(request, _("The agreement was saved."))
            return _detail(case, "agreements-heading")
    return _page(request, case, form, title, "cases/agreement_form.html")


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def agreement_add(request: HttpRequest, case: Case) -> HttpResponse:
    return _agreement_form(request, case, None, _("Add agreement"))


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, case: Case, agreement_id: int) -> HttpResponse:
    agreement = get_object_or_404(case.agreements.all(), pk=agreement_id)
    return _agreement_form(request, case, agreement, _("Edit agreement"))


@case_permission("cases.transition_case")
@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, case: Case) -> HttpResponse:
    closing = workflow.closing(case.step)
    final_steps = closing.final_steps if case.closed_at is None else []
    form = CloseCaseForm(request.POST or None, final_steps=final_steps)
    if request.method == "POST" and final_steps and form.is_valid():
        closed = call_service(
            form,
            services.close_case,
            case,
            by=_user(request),
            outcome=form.cleaned_data["outcome"],
            lessons=form.cleaned_data["lessons"],
            to_step=form.cleaned_data["to_step"],
            note=form.cleaned_data["note"],
        )
        if closed is not None:
            messages.success(request, _("The case was closed."))
            return redirect("cases:detail", reference=case.reference)
    return _page(
        request,
        case,
        form,
        _("Close case"),
        "cases/case_close.html",
        final_steps=final_steps,
        closing=closing,
    )


def _delete_page(
    request: HttpRequest,
    case: Case,
    obj: CaseProcedure | Measure | Agreement,
    *,
    delete: Any,
    title: str,
    label: str,
    consequences: list[str],
    done: str,
    anchor: str,
) -> HttpResponse:
    """GET: the confirmation page; POST: delete, then back to the case page's section."""
    errors: list[str] = []
    if request.method == "POST":
        try:
            delete(obj, by=_user(request), case=case)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, done)
            return _detail(case, anchor)
    return render(
        request,
        "cases/processing_confirm_delete.html",
        {
            "case": case,
            "title": title,
            "label": label,
            "consequences": consequences,
            "errors": errors,
            "anchor": anchor,
        },
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def procedure_delete(request: HttpRequest, case: Case, procedure_id: int) -> HttpResponse:
    procedure = get_object_or_404(case.procedures.select_related("procedure"), pk=procedure_id)
    return _delete_page(
        request,
        case,
        procedure,
        delete=services.delete_procedure,
        title=_("Delete procedure"),
        label=str(procedure),
        consequences=[
            _("The participants remain actors of the case."),
            _(
                "Measures and agreements are not linked to a procedure; they stay as they are. "
                "Delete or change them separately if they belonged to this procedure."
            ),
        ],
        done=_("The procedure was deleted."),
        anchor="procedures-heading",
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def measure_delete(request: HttpRequest, case: Case, measure_id: int) -> HttpResponse:
    measure = get_object_or_404(case.measures.all(), pk=measure_id)
    return _delete_page(
        request,
        case,
        measure,
        delete=services.delete_measure,
        title=_("Delete measure"),
        label=str(measure),
        consequences=[
            _("The measure also disappears from the calendar of the responsible person."),
        ],
        done=_("The measure was deleted."),
        anchor="measures-heading",
    )


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def agreement_delete(request: HttpRequest, case: Case, agreement_id: int) -> HttpResponse:
    agreement = get_object_or_404(case.agreements.all(), pk=agreement_id)
    return _delete_page(
        request,
        case,
        agreement,
        delete=services.delete_agreement,
        title=_("Delete agreement"),
        label=str(agreement),
        consequences=[
            _("The parties remain actors of the case."),
            _(
                "If the agreement was broken or renegotiated, consider changing its status "
                "instead, so that the history stays visible."
            ),
        ],
        done=_("The agreement was deleted."),
        anchor="agreements-heading",
    )
