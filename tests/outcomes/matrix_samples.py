"""URL parameter samples for the permission matrix: a shared closed case of Cottbus (the demo's
history shares most of its closed cases)."""

from __future__ import annotations

from typing import Any

from kokoma.outcomes.models import SharedCase

from ..conftest import COTTBUS

SAMPLES: dict[str, Any] = {
    "shared_case_id": lambda: (
        SharedCase.objects.shared()
        .filter(case__municipality__register__ags=COTTBUS)
        .order_by("pk")
        .first()
        .pk
    ),  # type: ignore[union-attr]
}
