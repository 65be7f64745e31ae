"""Background jobs of the notifications (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from . import emails


@task()
def send_notification_email(notification_id: int) -> bool:
    return emails.send_notification_email(notification_id)


@task()
def send_daily_digests() -> int:
    return emails.send_digests()
