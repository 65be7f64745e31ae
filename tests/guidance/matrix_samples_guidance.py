"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): a
programme checklist, and a checklist of Cottbus's own."""

from __future__ import annotations

from typing import Any

from kokoma.demo.guidance import ensure_guidance
from kokoma.guidance import services
from kokoma.guidance.models import Checklist
from kokoma.municipalities.models import Municipality

from ..conftest import COTTBUS, demo_user


def checklist_id() -> int:
    return ensure_guidance()[0].pk


def own_checklist_id() -> int:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    found = Checklist.objects.filter(municipality=cottbus).first()
    if found is None:
        found = services.create_checklist(
            by=demo_user("lokal.cottbus"),
            municipality=cottbus,
            band=2,
            title="Matrix-Checkliste der Kommune",
            items=[services.ItemData(item_id=None, text="Runden Tisch vorbereiten", position=1)],
        )
    return found.pk


SAMPLES: dict[str, Any] = {"checklist_id": checklist_id, "own_checklist_id": own_checklist_id}
