"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): a public
item (its page and file are open to everybody, also without login) added by the Cottbus local
companion, who may change it, as may the programme office."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kokoma.library import services
from kokoma.library.models import Resource, ResourceKind, Visibility

from ..conftest import demo_user

TITLE = "Matrix-Handout"


def matrix_resource() -> Resource:
    resource = Resource.objects.filter(title=TITLE).first()
    if resource is None:
        resource = services.add_resource(
            by=demo_user("lokal.cottbus"),
            title=TITLE,
            kind=ResourceKind.HANDOUT,
            description="Ein Handout für die Matrix.",
            upload=SimpleUploadedFile("handout.txt", b"Handout", content_type="text/plain"),
            visibility=Visibility.PUBLIC,
        )
    return resource


SAMPLES = {"resource_id": lambda: matrix_resource().pk}
