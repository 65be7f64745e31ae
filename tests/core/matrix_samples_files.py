"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py).

A generated file belongs to one person: the sample is made for the user who asks (a sample
callable that takes a parameter is given the requesting user), so that "permitted" means "may see
their own file"; that nobody else can is tested in tests/core/test_generated_files.py.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from kokoma.core.models import GeneratedFile

from ..conftest import demo_user


def own_file(user: Any) -> str:
    owner = user if user.is_authenticated else demo_user("servicestelle")
    generated = GeneratedFile(
        owner=owner,
        title="Lagebericht",
        generator="kokoma.situation.reports.situation_report",
        filename="lagebericht.pdf",
        content_type="application/pdf",
        status=GeneratedFile.Status.DONE,
        progress=100,
    )
    generated.file.save("lagebericht.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    generated.save()
    return str(generated.pk)


SAMPLES: dict[str, Any] = {"file_id": own_file}
