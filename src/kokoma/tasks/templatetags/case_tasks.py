"""`{% case_tasks case %}`: the "Tasks of this case" panel of the case page;
`{% my_open_tasks as tasks %}`: the person's open tasks for the start page."""

from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.models import Case
from kokoma.tasks.models import Task

register = template.Library()

RECENTLY_DONE = 5


@register.inclusion_tag("tasks/_case_tasks.html", takes_context=True)
def case_tasks(context: template.Context, case: Case) -> dict[str, Any]:
    """The case's open tasks and the last few done ones, as far as the user may see them.

    Two queries, whatever the number of tasks (the assignee comes with the task).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"case": case, "open_tasks": [], "done_tasks": [], "may_add": False}
    tasks = Task.objects.visible_to(user).filter(case=case).select_related("assignee")
    return {
        "case": case,
        "open_tasks": list(tasks.open()),
        "done_tasks": list(tasks.done().order_by("-done_at", "-id")[:RECENTLY_DONE]),
        "may_add": case.closed_at is None and user.has_perm("tasks.add_task", case.municipality),
    }


HOME_LIMIT = 10


@register.simple_tag(takes_context=True)
def my_open_tasks(context: template.Context) -> list[Task]:
    """The open tasks assigned to the person, by due date (one query, at most HOME_LIMIT)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    tasks = (
        Task.objects.visible_to(user)
        .open()
        .filter(assignee=user)
        .select_related("municipality__register", "case")
    )
    return list(tasks[:HOME_LIMIT])
