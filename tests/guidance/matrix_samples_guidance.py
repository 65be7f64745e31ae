"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.demo.guidance import ensure_guidance
from kokoma.guidance.models import ChecklistItem


def item_id() -> int:
    ensure_guidance()
    item = ChecklistItem.objects.filter(checklist__active=True).order_by("id").first()
    assert item is not None
    return item.pk


def checklist_id() -> int:
    return ensure_guidance()[0].pk


SAMPLES: dict[str, Any] = {"item_id": item_id, "checklist_id": checklist_id}
