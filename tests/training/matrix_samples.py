"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.training.models import CurriculumModule

SAMPLES: dict[str, Any] = {"module_id": lambda: CurriculumModule.objects.order_by("pk").first().pk}  # type: ignore[union-attr]
