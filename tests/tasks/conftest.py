"""The tasks tests start from a clean slate of tasks and notifications.

The demo creates tasks (also as pre-planned responses to its alerts) and notifications for the
personas; these tests count and order their own, so the demo's are removed inside each test's
transaction (and come back with the rollback).
"""

from __future__ import annotations

import pytest

from kokoma.notifications.models import Notification
from kokoma.tasks.models import Task


@pytest.fixture(autouse=True)
def _no_demo_tasks(db: object) -> None:
    Task.objects.all().delete()
    Notification.objects.all().delete()
