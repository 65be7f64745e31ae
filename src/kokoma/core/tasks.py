"""Background tasks of the core: the runner behind periodic work (see `kokoma.core.periodic`)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from . import periodic


@task()
def run_periodic(name: str) -> Any:
    """Run one periodic entry, then queue its next run, whatever the outcome."""
    try:
        return periodic.call(name)
    finally:
        if name in periodic.schedule() and name not in periodic._pending_names():
            periodic.queue_next(name)
