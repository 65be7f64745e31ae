"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): a
published model from Bautzen with its procedure rules and a checklist, adopted by Cottbus (whose
tandem reports on the adoption)."""

from __future__ import annotations

from typing import Any

from kokoma.municipalities.models import Municipality
from kokoma.transfer import services
from kokoma.transfer.models import Adoption, TransferModel

from ..conftest import BAUTZEN, demo_user
from . import factories

TITLE = "Matrix-Praxismodell"


def matrix_model() -> TransferModel:
    found = TransferModel.objects.filter(title=TITLE).first()
    if found is not None:
        return found
    made = factories.model(
        title=TITLE,
        by=demo_user("lokal.bautzen"),
        source=Municipality.objects.get(register__ags=BAUTZEN),
    )
    services.adopt(made, by=demo_user("lokal.cottbus"), municipality=factories.cottbus())
    return made


SAMPLES: dict[str, Any] = {
    "transfer_model_id": lambda: matrix_model().pk,
    "model_checklist_id": lambda: matrix_model().checklists.first().pk,  # type: ignore[union-attr]
    "adoption_id": lambda: Adoption.objects.get(transfer_model=matrix_model()).pk,
}
