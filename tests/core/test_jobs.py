"""Periodic background work: the next run in local time, one pending run per entry, rescheduling."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import NoReturn

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import QuerySet
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kokoma.core import jobs
from kokoma.core.jobs import run_periodic

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def pending() -> QuerySet[DBTaskResult]:
    return DBTaskResult.objects.filter(task_path=jobs.RUNNER_PATH, status=TaskResultStatus.READY)


def test_next_run_is_later_today_or_tomorrow_in_local_time() -> None:
    entry = jobs.Periodic("x", "x", datetime.time(7, 0))
    morning = datetime.datetime(2026, 11, 24, 6, 59, tzinfo=BERLIN)
    assert entry.next_run(morning) == datetime.datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN)
    exactly = datetime.datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN)
    assert entry.next_run(exactly) == datetime.datetime(2026, 11, 25, 7, 0, tzinfo=BERLIN)


def test_next_run_keeps_the_local_hour_across_the_clock_change() -> None:
    entry = jobs.Periodic("x", "x", datetime.time(7, 0))
    before_dst_ends = datetime.datetime(2026, 10, 24, 12, 0, tzinfo=datetime.UTC)
    run = entry.next_run(before_dst_ends)
    assert run.astimezone(BERLIN).hour == 7
    assert run.astimezone(datetime.UTC).hour == 6  # CET, UTC+1 after 25 October


def test_every_entry_names_an_importable_task() -> None:
    for entry in jobs.schedule().values():
        task = __import__("django.utils.module_loading").utils.module_loading.import_string(
            entry.task_path
        )
        assert hasattr(task, "enqueue"), entry.task_path


def test_ensure_scheduled_is_idempotent() -> None:
    pending().delete()
    first = jobs.ensure_scheduled()
    assert set(first) == set(jobs.schedule())
    assert jobs.ensure_scheduled() == {}
    assert pending().count() == len(jobs.schedule())


def test_the_runner_requeues_the_next_run_even_when_the_task_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pending().delete()

    def boom(name: str) -> NoReturn:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(jobs, "call", boom)
    with pytest.raises(RuntimeError):
        run_periodic.call("daily-digest")
    (queued,) = pending()
    assert queued.args_kwargs["args"] == ["daily-digest"]
    assert queued.run_after > datetime.datetime.now(datetime.UTC)


def test_the_database_worker_runs_a_due_entry_and_queues_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pending().delete()
    calls: list[str] = []

    def record_call(name: str) -> int:
        calls.append(name)
        return 0

    monkeypatch.setattr(jobs, "call", record_call)
    # The worker closes connections it considers stale; inside the test's transaction that would
    # close the test's own connection (PostgreSQL), so it keeps it here.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    run_periodic.using(
        run_after=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    ).enqueue("daily-digest")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert calls == ["daily-digest"]
    (queued,) = pending()
    assert queued.run_after > datetime.datetime.now(datetime.UTC)


def test_command_runs_an_entry_now_and_refuses_unknown_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("schedule_periodic_jobs", run_now="daily-digest")
    assert "daily-digest" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("schedule_periodic_jobs", run_now="stündlich")
