"""The tasks' system texts (kokoma.core.messages): what the assignee is told."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

ASSIGNED = define("task.assigned", _("A task was assigned to you: %(title)s"))
ASSIGNED_BY = define("task.assigned_by", _("%(person)s assigned a task to you: %(title)s"))
WITHDRAWN = define("task.withdrawn", _("%(person)s withdrew the task assigned to you: %(title)s"))
