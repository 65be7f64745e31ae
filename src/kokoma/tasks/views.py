from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kokoma.accounts.access import acting_user as _user
from kokoma.accounts.models import User
from kokoma.cases.models import Case
from kokoma.core.access import login_only, public
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from . import services
from .calendar import build_calendar
from .forms import TaskFilterForm, TaskForm
from .models import CalendarToken, Task, TaskQuerySet


def _filtered(request: HttpRequest, tasks: TaskQuerySet) -> tuple[TaskFilterForm, TaskQuerySet]:
    form = TaskFilterForm(request.GET or None)
    done = form.is_valid() and form.cleaned_data["status"] == "done"
    return form, (tasks.done().order_by("-done_at", "-id") if done else tasks.open())


def _page_query(form: TaskFilterForm) -> str:
    return "status=done" if form.is_valid() and form.cleaned_data["status"] else ""


TASK_COLUMNS = [
    Column(gettext_lazy("Task"), lambda task: task.display_title),
    Column(gettext_lazy("Municipality"), lambda task: task.municipality.name),
    Column(gettext_lazy("Assigned to"), lambda task: str(task.assignee or "")),
    Column(gettext_lazy("Case"), lambda task: task.case.reference if task.case else ""),
    Column(gettext_lazy("Due on"), lambda task: task.due_on),
    Column(gettext_lazy("done"), lambda task: task.is_done),
    Column(gettext_lazy("overdue"), lambda task: task.is_overdue),
]


@login_only
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    tasks = Task.objects.visible_to(user).filter(assignee=user)
    form, tasks = _filtered(request, tasks)
    tasks = tasks.select_related("municipality__register", "case", "created_by", "assignee")
    if kind := export_kind(request):
        return export(tasks, TASK_COLUMNS, kind=kind, filename="meine-aufgaben")
    page = paginate(request, tasks)[0]
    return render(
        request,
        "tasks/task_list_mine.html",
        {"page": page, "filter_form": form, "query": _page_query(form)},
    )


@municipality_permission("tasks.view_tasks")
@require_GET
def task_list(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    user = _user(request)
    tasks = Task.objects.visible_to(user).filter(municipality=municipality)
    form, tasks = _filtered(request, tasks)
    tasks = tasks.select_related("municipality__register", "assignee", "case", "created_by")
    if kind := export_kind(request):
        return export(tasks, TASK_COLUMNS, kind=kind, filename="aufgaben")
    page = paginate(request, tasks)[0]
    return render(
        request,
        "tasks/task_list.html",
        {
            "municipality": municipality,
            "page": page,
            "filter_form": form,
            "query": _page_query(form),
            "may_add": user.has_perm("tasks.add_task", municipality),
        },
    )


def _case_from_query(request: HttpRequest, municipality: Municipality) -> Case | None:
    """The open case named by `?fall=<reference>`, if the user can see it in this municipality.

    Anything else (another municipality's case, a case out of the user's reach, a closed one)
    is ignored: the form then simply starts without a case and reveals nothing.
    """
    reference = request.GET.get("fall", "").strip()
    if not reference:
        return None
    return (
        Case.objects.visible_to(_user(request))
        .filter(municipality=municipality, reference=reference)
        .open()
        .first()
    )


@municipality_permission("tasks.add_task")
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    from_case = _case_from_query(request, municipality)
    form = TaskForm(
        request.POST or None,
        municipality=municipality,
        user=user,
        initial={"case": from_case} if from_case else None,
    )
    if request.method == "POST" and form.is_valid():
        task = call_service(
            form,
            services.create_task,
            municipality=municipality,
            by=user,
            **form.cleaned_data,
        )
        if task is not None:
            messages.success(request, _("The task has been created."))
            if from_case is not None and task.case_id == from_case.pk:
                url = reverse("cases:detail", kwargs={"reference": from_case.reference})
                return redirect(f"{url}#tasks-heading")
            return redirect(services.task_url(task))
    cancel_url = (
        reverse("cases:detail", kwargs={"reference": from_case.reference}) + "#tasks-heading"
        if from_case
        else reverse("tasks:list", kwargs={"ags": municipality.ags})
    )
    return render(
        request,
        "tasks/task_form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("New task"),
            "from_case": from_case,
            "cancel_url": cancel_url,
        },
    )


def _task(user: User, municipality: Municipality, task_id: int) -> Task:
    task = get_object_or_404(
        Task.objects.visible_to(user)
        .filter(municipality=municipality)
        .select_related("assignee", "created_by", "case"),
        pk=task_id,
    )
    task.municipality = municipality
    return task


@municipality_permission("tasks.view_tasks")
@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, municipality: Municipality, task_id: int) -> HttpResponse:
    user = _user(request)
    task = _task(user, municipality, task_id)
    may_edit = task.may_edit(user)
    form = TaskForm(instance=task, municipality=municipality, user=user) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        if action in ("done", "reopen"):
            services.set_done(task, by=user, done=action == "done")
            if action == "done":
                messages.success(request, _("The task is marked as done."))
            else:
                messages.success(request, _("The task is open again."))
            return redirect(services.task_url(task))
        form = TaskForm(request.POST, instance=task, municipality=municipality, user=user)
        if form.is_valid():
            saved = call_service(form, services.update_task, task, by=user, **form.cleaned_data)
            if saved is not None:
                messages.success(request, _("The task has been saved."))
                return redirect(services.task_url(task))
    return render(
        request,
        "tasks/task_detail.html",
        {
            "municipality": municipality,
            "task": task,
            "form": form,
            "may_edit": may_edit,
            "may_delete": task.may_delete(user),
        },
    )


@municipality_permission("tasks.view_tasks")
@require_http_methods(["GET", "POST"])
def task_delete(request: HttpRequest, municipality: Municipality, task_id: int) -> HttpResponse:
    """GET: the confirmation page (or why the user may not delete); POST: withdraw the task."""
    user = _user(request)
    task = _task(user, municipality, task_id)
    may_delete = task.may_delete(user)
    if request.method == "POST":
        if not may_delete:
            raise PermissionDenied
        case = task.case
        services.delete_task(task, by=user)
        messages.success(request, _("The task has been deleted."))
        if case is not None:  # back to the case's task panel, which the user can see
            url = reverse("cases:detail", kwargs={"reference": case.reference})
            return redirect(f"{url}#tasks-heading")
        return redirect("tasks:list", ags=municipality.ags)
    return render(
        request,
        "tasks/task_confirm_delete.html",
        {"municipality": municipality, "task": task, "may_delete": may_delete},
    )


@login_only
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("create", "renew"):
            services.issue_calendar_token(by=user)
            messages.success(request, _("Your calendar address has been created."))
        elif action == "revoke":
            services.revoke_calendar_token(by=user)
            messages.success(request, _("Your calendar address no longer works."))
        return redirect("calendar:settings")
    token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
    feed_url = (
        request.build_absolute_uri(reverse("calendar:feed", kwargs={"token": token.token}))
        if token
        else ""
    )
    return render(request, "tasks/calendartoken_form.html", {"token": token, "feed_url": feed_url})


@public
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        raise Http404
    body = build_calendar(found.user, base_url=request.build_absolute_uri("/"))
    # The feed's address is its owner's credential: the log names the feed, not the token.
    services.record_calendar_read(found.user, path=request.path.replace(token, "…"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kokoma.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
