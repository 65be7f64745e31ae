"""Background jobs of the boards (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from . import invitations


@task()
def send_meeting_mails(meeting_id: int, method: str, kind: str) -> int:
    return invitations.send_meeting_mails(meeting_id, method, kind)
