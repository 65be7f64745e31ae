from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.forms import ListForm
from kokoma.core.pdf import pdf_response
from kokoma.core.viewutils import call_service
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from . import services
from .forms import EscalationFormSet, StepForm, WorkflowForm
from .models import Step, Workflow


def _workflow_context(municipality: Municipality) -> dict[str, Any]:
    workflow = services.workflow_for(municipality)
    steps = list(workflow.steps.prefetch_related("outgoing__target").order_by("position", "pk"))
    return {
        "municipality": municipality,
        "workflow": workflow,
        "steps": steps,
        "escalation_levels": list(workflow.escalation_levels.all()),
    }


@municipality_permission("workflow.view_rules")
@require_safe
def workflow_detail(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    context = _workflow_context(municipality)
    context["can_change"] = _user(request).has_perm("workflow.change_rules", municipality)
    context["problems"] = []
    try:
        services.check_workflow(context["workflow"])
    except ValidationError as error:
        context["problems"] = error.messages
    return render(request, "workflow/workflow_detail.html", context)


@municipality_permission("workflow.view_rules")
@require_safe
def workflow_pdf(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    html = render_to_string("workflow/workflow_pdf.html", _workflow_context(municipality), request)
    return pdf_response(request, html, filename=f"Verfahrensordnung-{municipality.ags}.pdf")


@municipality_permission("workflow.change_rules")
@require_http_methods(["GET", "POST"])
def workflow_edit(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    workflow = services.workflow_for(municipality)
    form = WorkflowForm(request.POST or None, instance=Workflow.objects.get(pk=workflow.pk))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.update_workflow,
            workflow,
            by=_user(request),
            title=form.cleaned_data["title"],
            preamble=form.cleaned_data["preamble"],
        )
        if saved is not None:
            messages.success(request, _("The procedure rules were saved."))
            return redirect("workflow:detail", ags=municipality.ags)
    return render(
        request,
        "workflow/workflow_form.html",
        {"municipality": municipality, "form": form, "title": _("Edit title and preamble")},
    )


def _step_page(request: HttpRequest, municipality: Municipality, step: Step | None) -> HttpResponse:
    workflow = services.workflow_for(municipality)
    form = StepForm(request.POST or None, instance=step, workflow=workflow)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "targets": list(form.cleaned_data["targets"])}
        if step is None:
            saved = call_service(form, services.add_step, workflow, by=_user(request), **data)
        else:
            saved = call_service(form, services.update_step, step, by=_user(request), **data)
        if saved is not None:
            messages.success(request, _("The step “%(name)s” was saved.") % {"name": saved.name})
            return redirect("workflow:detail", ags=municipality.ags)
    title = _("Add a step") if step is None else _("Edit step “%(name)s”") % {"name": step.name}
    return render(
        request,
        "workflow/step_form.html",
        {"municipality": municipality, "form": form, "title": title, "step": step},
    )


def _step(municipality: Municipality, step_id: int) -> Step:
    return get_object_or_404(Step, pk=step_id, workflow__municipality=municipality)


@municipality_permission("workflow.change_rules")
@require_http_methods(["GET", "POST"])
def step_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _step_page(request, municipality, None)


@municipality_permission("workflow.change_rules")
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, municipality: Municipality, step_id: int) -> HttpResponse:
    return _step_page(request, municipality, _step(municipality, step_id))


@municipality_permission("workflow.change_rules")
@require_POST
def step_delete(request: HttpRequest, municipality: Municipality, step_id: int) -> HttpResponse:
    step = _step(municipality, step_id)
    name = step.name
    try:
        services.delete_step(step, by=_user(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The step “%(name)s” was deleted.") % {"name": name})
    return redirect("workflow:detail", ags=municipality.ags)


@municipality_permission("workflow.change_rules")
@require_POST
def step_move(request: HttpRequest, municipality: Municipality, step_id: int) -> HttpResponse:
    services.move_step(
        _step(municipality, step_id), by=_user(request), up=request.POST.get("direction") != "down"
    )
    return redirect("workflow:detail", ags=municipality.ags)


@municipality_permission("workflow.change_rules")
@require_http_methods(["GET", "POST"])
def escalation_edit(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    workflow = services.workflow_for(municipality)
    stored = workflow.escalation_levels.order_by("position")
    formset = EscalationFormSet(
        request.POST or None,
        initial=None
        if request.method == "POST"
        else [
            {"days_overdue": level.days_overdue, "notify": level.notify, "action": level.action}
            for level in stored
        ],
        prefix="stufe",
    )
    list_form = ListForm(
        request.POST or None,
        rows=stored,
        fields=["days_overdue", "notify", "action"],
        prefix="liste",
    )
    if request.method == "POST" and formset.is_valid() and list_form.is_valid():
        levels = [
            (
                form.cleaned_data["days_overdue"],
                form.cleaned_data["notify"],
                form.cleaned_data["action"],
            )
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        saved = call_service(
            list_form, services.set_escalation_chain, workflow, by=_user(request), levels=levels
        )
        if saved is not None:
            messages.success(request, _("The escalation chain was saved."))
            return redirect("workflow:detail", ags=municipality.ags)
    return render(
        request,
        "workflow/escalationlevel_form.html",
        {
            "municipality": municipality,
            "formset": formset,
            "list_form": list_form,
            "title": _("Edit escalation chain"),
        },
    )
