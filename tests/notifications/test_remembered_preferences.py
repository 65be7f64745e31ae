"""Batches (the early-warning check) read each person's e-mail choice once; `notify` itself
behaves as before, also without a savepoint of its own inside a caller's transaction."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from kokoma.notifications import emails
from kokoma.notifications.models import EmailFrequency, EmailPreference, Notification
from kokoma.notifications.services import notify
from tests.conftest import Persona

from .helpers import said

pytestmark = pytest.mark.django_db

MAIL_TASK = "kokoma.notifications.jobs.send_notification_email"


def preference_queries(captured: CaptureQueriesContext) -> int:
    return sum("notifications_emailpreference" in q["sql"] for q in captured.captured_queries)


def test_choices_are_read_once_per_block_and_mails_still_queued_for_each_notification(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    immediate, daily = persona("actor_a"), persona("local_a")
    EmailPreference.objects.update_or_create(
        user=immediate, defaults={"frequency": EmailFrequency.IMMEDIATE}
    )
    before = DBTaskResult.objects.filter(task_path=MAIL_TASK).count()
    with django_capture_on_commit_callbacks(execute=True), emails.preferences_remembered():
        with CaptureQueriesContext(connection) as first:
            notify([immediate, daily], message=said("Eins"))
        with CaptureQueriesContext(connection) as again:
            notify([immediate], message=said("Zwei"))
            notify([daily], message=said("Drei"))
    assert preference_queries(first) == 1
    assert preference_queries(again) == 0
    assert DBTaskResult.objects.filter(task_path=MAIL_TASK).count() == before + 2
    assert Notification.objects.filter(recipient=immediate).count() == 2

    # Outside the block every call reads the choices again, as before.
    with CaptureQueriesContext(connection) as outside:
        notify([immediate], message=said("Vier"))
    assert preference_queries(outside) == 1


def test_notify_inside_a_transaction_adds_no_savepoint(
    persona: Persona, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    actor = persona("actor_a")
    with transaction.atomic(), django_assert_num_queries(2):  # the insert, the choices
        (created,) = notify([actor, actor], message=said("Hallo"))
    assert created.recipient == actor
    assert notify([], message=said("Niemand")) == []
