from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user
from kokoma.core.access import programme_permission
from kokoma.core.markdown import render_markdown
from kokoma.core.viewutils import add_validation_errors, call_service, form_page
from kokoma.outcomes.evidence import MIN_CELL, Cell, evidence
from kokoma.outcomes.models import SharedStatus
from kokoma.workflow.template import describe

from . import services
from .access import adoption_permission, model_permission
from .forms import ModelChecklistForm, MunicipalityChoiceForm, ReportForm, TransferModelForm
from .models import Adoption, TransferModel, tandem_municipality_ids

BREADCRUMBS = "transfer/_breadcrumbs.html"


def _url(model: TransferModel) -> str:
    return reverse("transfer:detail", kwargs={"transfer_model_id": model.pk})


@programme_permission("transfer.use_models")
@require_safe
def model_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    models = (
        TransferModel.objects.visible_to(user)
        .select_related("source_municipality__register")
        .prefetch_related("topics", "procedures")
        .annotate(adoption_count=Count("adoptions", distinct=True))
    )
    return render(
        request,
        "transfer/model_list.html",
        {"models": list(models), "can_add": user.has_perm("transfer.add_model")},
    )


def _model_fields(form: TransferModelForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["topics"] = list(data.pop("topics"))
    data["procedures"] = list(data.pop("procedures"))
    data["evidence_cases"] = list(data.pop("evidence_cases"))
    return data


@programme_permission("transfer.add_model")
@require_http_methods(["GET", "POST"])
def model_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = TransferModelForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        model = call_service(form, services.create_model, by=user, **_model_fields(form))
        if model is not None:
            messages.success(request, _("The transfer model was saved."))
            return redirect(_url(model))
    return form_page(
        request,
        form,
        title=_("New transfer model"),
        back_url=reverse("transfer:list"),
        breadcrumbs=BREADCRUMBS,
        intro=_(
            "Describe what worked so that another municipality can do it too. Then take the "
            "procedure rules of your municipality into it and add the checklists it needs."
        ),
    )


@model_permission("transfer.view_model")
@require_safe
def model_detail(request: HttpRequest, model: TransferModel) -> HttpResponse:
    user = acting_user(request)
    adoptions = list(
        model.adoptions.select_related("municipality__register", "adopted_by").prefetch_related(
            "reports__author"
        )
    )
    mine = set(tandem_municipality_ids(user))
    steps, escalation = describe(model.procedure_template) if model.procedure_template else ([], [])
    return render(
        request,
        "transfer/model_detail.html",
        {
            "model": model,
            "texts": {
                name: render_markdown(getattr(model, name))
                for name in (
                    "problem",
                    "target_group",
                    "approach",
                    "structures_and_roles",
                    "conditions_for_success",
                    "resources_needed",
                    "evidence",
                )
            },
            "template": model.procedure_template,
            "steps": steps,
            "escalation": escalation,
            "checklists": list(model.checklists.all()),
            "adoptions": [(adoption, adoption.municipality_id in mine) for adoption in adoptions],
            "can_change": user.has_perm("transfer.change_model", model),
            "can_adopt": user.has_perm("transfer.adopt_model", model),
            "evidence": _evidence_for(model),
            "evidence_cases": list(
                model.evidence_cases.filter(status=SharedStatus.SHARED).order_by("-closed_month")
            ),
            "min_cell": MIN_CELL,
        },
    )


def _evidence_for(model: TransferModel) -> list[Cell]:
    """The programme's evidence for the model's procedure types (outcomes.evidence)."""
    names = {procedure.name for procedure in model.procedures.all()}
    return [cell for cell in evidence() if cell.procedure in names] if names else []


@model_permission("transfer.change_model")
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, model: TransferModel) -> HttpResponse:
    user = acting_user(request)
    form = TransferModelForm(request.POST or None, instance=model, user=user)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, services.change_model, model, by=user, **_model_fields(form))
        if saved is not None:
            messages.success(request, _("The transfer model was saved."))
            return redirect(_url(saved))
    return form_page(
        request,
        form,
        title=_("Edit transfer model"),
        back_url=_url(model),
        breadcrumbs=BREADCRUMBS,
        subject=model,
        model=model,
    )


@model_permission("transfer.change_model")
@require_http_methods(["GET", "POST"])
def model_procedure(request: HttpRequest, model: TransferModel) -> HttpResponse:
    user = acting_user(request)
    form = MunicipalityChoiceForm(
        request.POST or None, municipalities=services.municipalities_for(user)
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.take_procedure,
            model,
            by=user,
            municipality=form.cleaned_data["municipality"],
        )
        if saved is not None:
            messages.success(
                request,
                _("The procedure rules of %(municipality)s are now the model's template.")
                % {"municipality": form.cleaned_data["municipality"]},
            )
            return redirect(_url(saved))
    return form_page(
        request,
        form,
        title=_("Take procedure rules into the model"),
        back_url=_url(model),
        breadcrumbs=BREADCRUMBS,
        subject=model,
        model=model,
        intro=_(
            "The model gets a copy of the municipality's procedure rules as they are now: steps, "
            "allowed transitions, response-time targets and the escalation chain. Later changes "
            "to the municipality's rules do not change the copy; take them again to update it."
        ),
        submit_label=_("Take the procedure rules"),
    )


@model_permission("transfer.change_model")
@require_http_methods(["GET", "POST"])
def checklist_add(request: HttpRequest, model: TransferModel) -> HttpResponse:
    form = ModelChecklistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.save_checklist, model, by=acting_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The checklist was saved."))
            return redirect(_url(model))
    return form_page(
        request,
        form,
        title=_("Add a checklist"),
        back_url=_url(model),
        breadcrumbs=BREADCRUMBS,
        subject=model,
        model=model,
    )


@model_permission("transfer.change_model")
@require_http_methods(["GET", "POST"])
def checklist_edit(
    request: HttpRequest, model: TransferModel, model_checklist_id: int
) -> HttpResponse:
    checklist = get_object_or_404(model.checklists, pk=model_checklist_id)
    form = ModelChecklistForm(request.POST or None, instance=checklist)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.save_checklist,
            model,
            by=acting_user(request),
            checklist=checklist,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("The checklist was saved."))
            return redirect(_url(model))
    return form_page(
        request,
        form,
        title=_("Edit checklist"),
        back_url=_url(model),
        breadcrumbs=BREADCRUMBS,
        subject=model,
        model=model,
        delete_url=reverse(
            "transfer:checklist_delete",
            kwargs={"transfer_model_id": model.pk, "model_checklist_id": checklist.pk},
        ),
    )


@model_permission("transfer.change_model")
@require_POST
def checklist_delete(
    request: HttpRequest, model: TransferModel, model_checklist_id: int
) -> HttpResponse:
    checklist = get_object_or_404(model.checklists, pk=model_checklist_id)
    services.delete_checklist(checklist, by=acting_user(request))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": checklist})
    return redirect(_url(model))


@model_permission("transfer.adopt_model")
@require_http_methods(["GET", "POST"])
def model_adopt(request: HttpRequest, model: TransferModel) -> HttpResponse:
    """Step 1 chooses the municipality, step 2 shows what adopting changes there, and its
    confirmation applies it all in one step."""
    user = acting_user(request)
    candidates = [
        municipality
        for municipality in services.municipalities_for(user)
        if municipality.pk != model.source_municipality_id
    ]
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "municipality" in request.GET else None)
    )
    form = MunicipalityChoiceForm(data, municipalities=candidates)
    preview = None
    if data is not None and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        if request.method == "POST" and request.POST.get("confirm"):
            try:
                adoption = services.adopt(model, by=user, municipality=municipality)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(municipality)s adopted “%(model)s”. Its procedure rules and its own "
                        "checklists now follow the model; change them there as you need."
                    )
                    % {"municipality": municipality, "model": model},
                )
                return redirect(_url(adoption.transfer_model))
        preview = services.preview(model, municipality)
    return render(
        request,
        "transfer/model_adopt.html",
        {"model": model, "form": form, "preview": preview, "candidates": candidates},
    )


@adoption_permission("transfer.report_adoption")
@require_http_methods(["GET", "POST"])
def adoption_report(request: HttpRequest, adoption: Adoption) -> HttpResponse:
    model = adoption.transfer_model
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.report, adoption, by=acting_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("Thank you: your report is on the model's page."))
            return redirect(_url(model))
    return form_page(
        request,
        form,
        title=_("Report how the model worked"),
        back_url=_url(model),
        breadcrumbs=BREADCRUMBS,
        subject=model,
        model=model,
        intro=_("%(municipality)s adopted the model on %(date)s.")
        % {
            "municipality": adoption.municipality,
            "date": date_format(timezone.localdate(adoption.adopted_at), "SHORT_DATE_FORMAT"),
        },
    )
