"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): the
demo's public dialogue of Cottbus and one of its statements."""

from __future__ import annotations

from typing import Any

from kokoma.demo.dialogue import PUBLIC_QUESTION
from kokoma.dialogue.models import Dialogue


def public_dialogue() -> Dialogue:
    return Dialogue.objects.get(question=PUBLIC_QUESTION)


SAMPLES: dict[str, Any] = {
    "dialogue_id": lambda: public_dialogue().pk,
    "dialogue_key": lambda: public_dialogue().key,
    "statement_id": lambda: public_dialogue().statements.order_by("number").first().pk,  # type: ignore[union-attr]
}
