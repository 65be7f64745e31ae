"""Background job of the early warning (run by `manage.py db_worker`, scheduled daily)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def daily_check() -> dict[str, int]:
    return services.run_check().as_dict()
