"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): an
upcoming group slot of the demo supervisor, booked by the Cottbus local companion, with a note.
The other companions may book it; the office, the actors, the board member and the trainee do
not reach it (404)."""

from __future__ import annotations

from typing import Any

from kokoma.supervision.models import SessionNote, Slot

from ..conftest import demo_user
from . import factories

TOPIC = "Matrix-Supervision"


def matrix_slot() -> Slot:
    found = Slot.objects.filter(topic=TOPIC).first()
    if found is not None:
        return found
    made = factories.slot(topic=TOPIC, days=10, capacity=4)
    factories.book(made, demo_user("lokal.cottbus"))
    factories.note(made, "Matrix-Notiz")
    return made


SAMPLES: dict[str, Any] = {
    "slot_id": lambda: matrix_slot().pk,
    "note_id": lambda: SessionNote.objects.filter(slot=matrix_slot()).order_by("pk").first().pk,  # type: ignore[union-attr]
}
