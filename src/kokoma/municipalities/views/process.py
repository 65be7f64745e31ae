"""The accompaniment process: a municipality's steps, one step with its milestones and documents,
and the programme office's matrix of all municipalities × steps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import programme_permission
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.forms import DocumentForm
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service, paginate

from .. import services
from ..access import municipality_permission
from ..forms import MilestoneForm, NewMilestoneForm, ProcessFilterForm, StepForm
from ..models import CLOSED_STATUSES, STEP_KINDS, Milestone, Municipality, ProcessStep


def _step(municipality: Municipality, position: int) -> ProcessStep:
    return get_object_or_404(
        ProcessStep.objects.select_related("municipality__register"),
        municipality=municipality,
        position=position,
    )


def _step_url(step: ProcessStep) -> str:
    return reverse(
        "municipalities:process_step",
        kwargs={"ags": step.municipality.ags, "step": step.position},
    )


def _step_form_page(
    request: HttpRequest,
    step: ProcessStep,
    form: BaseForm,
    title: str,
    *,
    upload: bool = False,
    delete_url: str = "",
) -> HttpResponse:
    return render(
        request,
        "municipalities/processstep_form.html",
        {
            "municipality": step.municipality,
            "step": step,
            "form": form,
            "title": title,
            "upload": upload,
            "delete_url": delete_url,
        },
    )


@municipality_permission("municipalities.view_process")
@require_safe
def process_overview(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    steps = municipality.process_steps.with_progress().order_by("position")
    return render(
        request,
        "municipalities/processstep_list.html",
        {
            "municipality": municipality,
            "steps": steps,
            "can_view_details": user.has_perm("municipalities.view_process_details", municipality),
            "can_change": user.has_perm("municipalities.change_process", municipality),
        },
    )


@municipality_permission("municipalities.view_process_details")
@require_safe
def step_detail(request: HttpRequest, municipality: Municipality, step: int) -> HttpResponse:
    user = _user(request)
    process_step = _step(municipality, step)
    can_view_work_log = user.has_perm("municipalities.view_work_log", municipality)
    context: dict[str, Any] = {
        "municipality": municipality,
        "step": process_step,
        "milestones": process_step.milestones.select_related("document"),
        "documents": process_step.documents.select_related("uploaded_by"),
        "participants": process_step.participants.order_by("display_name"),
        # a local board's resolutions on this step (the boards app links them here)
        "resolutions": process_step.resolutions.select_related(
            "item__meeting__board", "responsible"
        ),
        "can_change": user.has_perm("municipalities.change_process", municipality),
        "can_view_work_log": can_view_work_log,
        "previous": process_step.position - 1 if process_step.position > 1 else None,
        "next": process_step.position + 1 if process_step.position < len(STEP_KINDS) else None,
    }
    if can_view_work_log:
        context["work_log"] = process_step.work_log.select_related("author")[:20]
    return render(request, "municipalities/processstep_detail.html", context)


@municipality_permission("municipalities.change_process")
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, municipality: Municipality, step: int) -> HttpResponse:
    process_step = _step(municipality, step)
    form = StepForm(request.POST or None, instance=process_step)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants = data.pop("participants")
        saved = call_service(
            form,
            services.update_step,
            process_step,
            by=_user(request),
            participants=participants,
            **data,
        )
        if saved is not None:
            messages.success(request, _("The step was saved."))
            return redirect(_step_url(saved))
    return _step_form_page(request, process_step, form, _("Edit step"))


@municipality_permission("municipalities.change_process")
@require_http_methods(["GET", "POST"])
def step_document_add(request: HttpRequest, municipality: Municipality, step: int) -> HttpResponse:
    process_step = _step(municipality, step)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            services.upload_step_document,
            process_step,
            by=_user(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if document is not None:
            messages.success(request, _("The document was uploaded."))
            return redirect(_step_url(process_step))
    return _step_form_page(request, process_step, form, _("Upload document"), upload=True)


@municipality_permission("municipalities.view_process_details")
@require_safe
def step_document_download(
    request: HttpRequest, municipality: Municipality, step: int, step_document_id: int
) -> HttpResponseBase:
    document = get_object_or_404(_step(municipality, step).documents, pk=step_document_id)
    return download(document.file, title=document.title, content_type=document.content_type)


@municipality_permission("municipalities.change_process")
@require_POST
def step_document_delete(
    request: HttpRequest, municipality: Municipality, step: int, step_document_id: int
) -> HttpResponse:
    process_step = _step(municipality, step)
    document = get_object_or_404(process_step.documents, pk=step_document_id)
    try:
        services.delete_step_document(document, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was deleted.") % {"name": document})
    return redirect(_step_url(process_step))


@municipality_permission("municipalities.change_process")
@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest, municipality: Municipality, step: int) -> HttpResponse:
    process_step = _step(municipality, step)
    form = NewMilestoneForm(request.POST or None, instance=Milestone(step=process_step))
    if request.method == "POST" and form.is_valid():
        milestone = call_service(
            form, services.add_milestone, process_step, by=_user(request), **form.cleaned_data
        )
        if milestone is not None:
            messages.success(request, _("The milestone was added."))
            return redirect(_step_url(process_step))
    return _step_form_page(request, process_step, form, _("Add a milestone"))


@municipality_permission("municipalities.change_process")
@require_http_methods(["GET", "POST"])
def milestone_edit(
    request: HttpRequest, municipality: Municipality, step: int, milestone_id: int
) -> HttpResponse:
    process_step = _step(municipality, step)
    milestone = get_object_or_404(process_step.milestones.select_related("step"), pk=milestone_id)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.reach_milestone, milestone, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The milestone was saved."))
            return redirect(_step_url(process_step))
    delete_url = ""
    if not milestone.standard:
        delete_url = reverse(
            "municipalities:milestone_delete",
            kwargs={"ags": municipality.ags, "step": step, "milestone_id": milestone.pk},
        )
    return _step_form_page(
        request,
        process_step,
        form,
        _("Milestone: %(title)s") % {"title": milestone.display_title},
        delete_url=delete_url,
    )


@municipality_permission("municipalities.change_process")
@require_POST
def milestone_delete(
    request: HttpRequest, municipality: Municipality, step: int, milestone_id: int
) -> HttpResponse:
    process_step = _step(municipality, step)
    milestone = get_object_or_404(process_step.milestones.select_related("step"), pk=milestone_id)
    try:
        services.delete_milestone(milestone, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was deleted.") % {"name": milestone})
    return redirect(_step_url(process_step))


MATRIX_SORTS: dict[str, list[Any]] = {
    "name": ["register__name"],
    "land": ["register__land", "register__name"],
    "-progress": [F("process_closed").desc(), "register__name"],
    "progress": ["process_closed", "register__name"],
    "quiet": [F("process_last_progress").asc(nulls_last=True), "register__name"],
}


def _matrix_rows(queryset: QuerySet[Municipality]) -> QuerySet[Municipality]:
    return queryset.select_related("register").prefetch_related(
        Prefetch("process_steps", queryset=ProcessStep.objects.order_by("position"))
    )


def _matrix_columns(stalled_ids: set[int]) -> list[Column]:
    """One row per municipality, one column per step of the accompaniment process (its status)."""

    def status_of(kind: str) -> Any:
        def value(municipality: Municipality) -> str:
            for step in municipality.process_steps.all():
                if step.kind == kind:
                    return step.get_status_display()
            return ""

        return value

    return [
        Column(gettext_lazy("Municipality"), lambda municipality: municipality.name),
        Column(gettext_lazy("AGS"), lambda municipality: municipality.ags),
        Column(gettext_lazy("Phase"), lambda municipality: municipality.get_phase_display()),
        *(Column(kind.label, status_of(kind.value)) for kind in STEP_KINDS),
        Column(gettext_lazy("stalled"), lambda municipality: municipality.pk in stalled_ids),
    ]


@programme_permission("municipalities.view_process_matrix")
@require_safe
def process_matrix(request: HttpRequest) -> HttpResponseBase:
    """All municipalities × the steps of the process, filterable, sortable, with stalled ones."""
    form = ProcessFilterForm(request.GET or None)
    municipalities = Municipality.objects.visible_to(_user(request)).with_process()
    weeks = settings.KOKOMA_PROCESS_STALLED_WEEKS
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        weeks = data["weeks"] or weeks
        if data["land"]:
            municipalities = municipalities.filter(register__land=data["land"])
        if data["phase"]:
            municipalities = municipalities.filter(phase=data["phase"])
        if data["current"]:
            municipalities = municipalities.filter(
                pk__in=_current_step_is(data["current"]).values("pk")
            )
        if data["stalled"]:
            municipalities = municipalities.filter(
                pk__in=Municipality.objects.stalled(weeks=weeks).values("pk")
            )
        sort = data["sort"] or "name"
    elif form.is_bound:
        municipalities = municipalities.none()
    stalled_ids = set(
        Municipality.objects.stalled(weeks=weeks)
        .filter(pk__in=municipalities.values("pk"))
        .values_list("pk", flat=True)
    )
    ordered = _matrix_rows(municipalities.order_by(*MATRIX_SORTS[sort]))
    if kind := export_kind(request):
        return export(ordered, _matrix_columns(stalled_ids), kind=kind, filename="prozessmatrix")
    page, query = paginate(request, ordered)
    today = timezone.localdate()
    rows = [
        {
            "municipality": municipality,
            "steps": [(step, step.days_spent(today)) for step in municipality.process_steps.all()],
            "stalled": municipality.pk in stalled_ids,
        }
        for municipality in page.object_list
    ]
    return render(
        request,
        "municipalities/process_matrix.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "rows": rows,
            "kinds": STEP_KINDS,
            "weeks": weeks,
        },
    )


def _current_step_is(kind: str) -> QuerySet[Municipality]:
    """Municipalities whose first open step (neither done nor skipped) is of `kind`."""
    position = [str(k) for k in STEP_KINDS].index(kind) + 1
    open_steps = ProcessStep.objects.exclude(status__in=CLOSED_STATUSES)
    return Municipality.objects.filter(
        pk__in=open_steps.filter(position=position).values("municipality_id")
    ).exclude(pk__in=open_steps.filter(position__lt=position).values("municipality_id"))
