"""URL parameter samples for the accompaniment process pages (the step Cottbus is working on, a
document of it and an own milestone)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kokoma.municipalities.models import Milestone, ProcessStep, StepDocument

from ..conftest import COTTBUS

SAMPLE_DOCUMENT = "process/matrix-sample/matrix-sample.txt"


def cottbus_step() -> ProcessStep:
    return ProcessStep.objects.get(municipality__register__ags=COTTBUS, position=4)


def _document() -> StepDocument:
    if not default_storage.exists(SAMPLE_DOCUMENT):
        default_storage.save(SAMPLE_DOCUMENT, ContentFile(b"Matrix sample\n"))
    document, _ = StepDocument.objects.get_or_create(
        step=cottbus_step(),
        title="Matrix-Dokument",
        defaults={"file": SAMPLE_DOCUMENT, "content_type": "text/plain", "size": 14},
    )
    return document


def _milestone() -> Milestone:
    milestone, _ = Milestone.objects.get_or_create(step=cottbus_step(), title="Matrix-Meilenstein")
    return milestone


SAMPLES: dict[str, Any] = {
    "step": lambda: cottbus_step().position,
    "step_document_id": lambda: _document().pk,
    "milestone_id": lambda: _milestone().pk,
}
