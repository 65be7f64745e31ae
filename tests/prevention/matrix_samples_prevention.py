"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.prevention.models import Alert, AlertKind

from .helpers import cottbus, topic_alert


def cottbus_alert() -> Alert:
    """A Cottbus topic alert (no case), which every member of Cottbus may see."""
    found = Alert.objects.filter(municipality=cottbus(), fingerprint="matrix").first()
    return found or topic_alert(cottbus(), fingerprint="matrix")


SAMPLES: dict[str, Any] = {
    "alert_id": lambda: cottbus_alert().pk,
    "alert_kind": lambda: AlertKind.STAGE_7.value,
}
