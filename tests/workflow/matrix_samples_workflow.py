"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.municipalities.models import Municipality
from kokoma.workflow.services import workflow_for

from ..conftest import COTTBUS


def cottbus_step_id() -> int:
    workflow = workflow_for(Municipality.objects.get(register__ags=COTTBUS))
    return workflow.steps.get(name="Analyse").pk


SAMPLES: dict[str, Any] = {"step_id": cottbus_step_id}
