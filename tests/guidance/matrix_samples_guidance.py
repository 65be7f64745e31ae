"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.demo.guidance import ensure_guidance


def checklist_id() -> int:
    return ensure_guidance()[0].pk


SAMPLES: dict[str, Any] = {"checklist_id": checklist_id}
