"""URL parameter samples for the permission matrix: a shared closed case of Cottbus (the demo's
history shares most of its closed cases)."""

from __future__ import annotations

from typing import Any

from kokoma.outcomes.models import SharedCase

from ..conftest import COTTBUS


def shared_case_id() -> int:
    found = SharedCase.objects.shared().filter(case__municipality__register__ags=COTTBUS)
    return found.order_by("pk").values_list("pk", flat=True)[0]


SAMPLES: dict[str, Any] = {"shared_case_id": shared_case_id}
