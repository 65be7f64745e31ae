"""Background jobs of the network (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def send_event_reminders() -> int:
    """Daily: remind the people registered for an event that begins within two days."""
    return services.send_reminders()
