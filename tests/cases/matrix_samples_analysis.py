"""URL parameter samples for the case analysis pages (actors, relations, documents, team)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kokoma.cases.models import Actor, CaseTeamMember, Document, Relation, RelationKind

from .matrix_samples import cottbus_case

SAMPLE_DOCUMENT = "cases/matrix-sample/matrix-sample.txt"


def _actors() -> tuple[Actor, Actor]:
    case = cottbus_case()
    first, _ = Actor.objects.get_or_create(
        case=case, pseudonym="Matrix A", defaults={"kind": "person"}
    )
    second, _ = Actor.objects.get_or_create(
        case=case, pseudonym="Matrix B", defaults={"kind": "group"}
    )
    return first, second


def _relation() -> Relation:
    first, second = _actors()
    relation, _ = Relation.objects.get_or_create(
        case=first.case, source=first, target=second, defaults={"kind": RelationKind.TENSION}
    )
    return relation


def _document() -> Document:
    case = cottbus_case()
    if not default_storage.exists(SAMPLE_DOCUMENT):
        default_storage.save(SAMPLE_DOCUMENT, ContentFile(b"Matrix sample\n"))
    document, _ = Document.objects.get_or_create(
        case=case,
        title="Matrix-Dokument",
        defaults={"file": SAMPLE_DOCUMENT, "content_type": "text/plain", "size": 14},
    )
    return document


def _member() -> CaseTeamMember:
    return CaseTeamMember.objects.filter(case=cottbus_case()).first()  # type: ignore[return-value]


SAMPLES: dict[str, Any] = {
    "actor_id": lambda: _actors()[0].pk,
    "relation_id": lambda: _relation().pk,
    "document_id": lambda: _document().pk,
    "member_id": lambda: _member().pk,
}
