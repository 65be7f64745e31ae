"""The notification tests count their own notifications: the demo's (alerts, response tasks)
are removed inside each test's transaction and come back with the rollback."""

from __future__ import annotations

import pytest

from kokoma.notifications.models import Notification


@pytest.fixture(autouse=True)
def _no_demo_notifications(db: object) -> None:
    Notification.objects.all().delete()
