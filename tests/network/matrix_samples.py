"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): the
profile of Cottbus in the directory, and an upcoming event organised by the programme office, with
the Cottbus companion registered and a document in its record."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kokoma.municipalities.models import Municipality
from kokoma.network import services
from kokoma.network.models import Event, EventDocument, Member

from ..conftest import COTTBUS, demo_user
from . import factories

TITLE = "Matrix-Netzwerktreffen"


def matrix_event() -> Event:
    found = Event.objects.filter(title=TITLE).first()
    if found is not None:
        return found
    made = factories.event(title=TITLE, capacity=20, days=30)
    services.register(made, by=demo_user("lokal.cottbus"))
    services.add_document(
        made,
        by=factories.office(),
        title="Matrix-Folien",
        upload=SimpleUploadedFile("folien.txt", b"Folien", content_type="text/plain"),
    )
    return made


SAMPLES: dict[str, Any] = {
    "network_member_id": lambda: (
        Member.objects.get(municipality=Municipality.objects.get(register__ags=COTTBUS)).pk
    ),
    "event_id": lambda: matrix_event().pk,
    "event_document_id": lambda: EventDocument.objects.get(event=matrix_event()).pk,
}
