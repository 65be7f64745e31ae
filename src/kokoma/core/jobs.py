"""Periodic background jobs on django-tasks' database backend, without an extra scheduler.

("Job" is background work; a "task" is the to-do of the tasks app.)

Each entry of `settings.KOKOMA_PERIODIC_JOBS` names a task and a local time of day. One pending run
per entry waits in the task table (`run_after` = its next time); when the worker executes it,
`run_periodic` calls the task and queues the next run, also when the task failed. `manage.py
schedule_periodic_jobs` (run at deployment and by `make run`) puts missing entries in place and is
idempotent. See docs/decisions/0010-background-tasks.md.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task, task_backends

RUNNER_PATH = "kokoma.core.jobs.run_periodic"


@dataclass(frozen=True)
class Periodic:
    name: str
    task_path: str
    at: datetime.time

    def next_run(self, now: datetime.datetime) -> datetime.datetime:
        """The next local time of day after `now` (DST-safe: computed in the local zone)."""
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        candidate = datetime.datetime.combine(local.date(), self.at, tzinfo=zone)
        if candidate <= local:
            candidate = datetime.datetime.combine(
                local.date() + datetime.timedelta(days=1), self.at, tzinfo=zone
            )
        return candidate


def schedule() -> dict[str, Periodic]:
    entries = {}
    for name, (task_path, at) in settings.KOKOMA_PERIODIC_JOBS.items():
        entries[name] = Periodic(name, task_path, datetime.time.fromisoformat(at))
    return entries


def call(name: str) -> Any:
    """Run one periodic entry's task now, in this process."""
    return import_string(schedule()[name].task_path).call()


def uses_database_backend() -> bool:
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    return type(backend).__module__.startswith("django_tasks_db")


def _pending_names() -> set[str]:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=RUNNER_PATH, status=TaskResultStatus.READY
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


def queue_next(name: str, now: datetime.datetime | None = None) -> datetime.datetime:
    when = schedule()[name].next_run(now or timezone.now())
    run_periodic.using(run_after=when).enqueue(name)
    return when


def ensure_scheduled(now: datetime.datetime | None = None) -> dict[str, datetime.datetime]:
    """Queue the next run of every entry that has none waiting; returns what was queued."""
    pending = _pending_names()
    return {name: queue_next(name, now) for name in schedule() if name not in pending}


@task()
def run_periodic(name: str) -> Any:
    """Run one periodic entry, then queue its next run, whatever the outcome."""
    try:
        return call(name)
    finally:
        if name in schedule() and name not in _pending_names():
            queue_next(name)


@task()
def remove_old_files() -> int:
    from . import files

    return files.remove_old_files()


@task()
def forget_old_submissions() -> int:
    from . import guard

    return guard.forget_old_submissions()
