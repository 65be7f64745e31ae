"""Background jobs of supervision (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from . import mails


@task()
def send_booking_mails(booking_id: int, kind: str) -> int:
    return mails.send_booking_mails(booking_id, kind)


@task()
def send_slot_mails(slot_id: int, kind: str) -> int:
    return mails.send_slot_mails(slot_id, kind)
