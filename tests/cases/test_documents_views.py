"""Documents: allow-listed types, size limit, stored privately, served only to the case team."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import Case, Document
from kokoma.municipalities.models import Municipality

from ..conftest import COTTBUS, Login, Persona

if TYPE_CHECKING:
    from ..conftest import ClientResponse

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def case(persona: Persona) -> Case:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    return services.open_case(
        municipality=municipality, by=persona("local_a"), title="Akten", team=[persona("actor_a")]
    )


def upload(
    client: Client, case: Case, name: str, content: bytes, title: str = "Protokoll"
) -> ClientResponse:
    return client.post(
        reverse("cases:document_add", kwargs={"reference": case.reference}),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def download_url(case: Case, document: Document) -> str:
    return reverse(
        "cases:document_download", kwargs={"reference": case.reference, "document_id": document.pk}
    )


def test_upload_and_download(case: Case, client: Client, login: Login, settings: Settings) -> None:
    login("actor_a")
    response = upload(client, case, "Protokoll Herr X.pdf", PDF)
    assert response.status_code == 302
    document = case.documents.get()
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert "Herr" not in document.file.name  # our own file name, not the uploaded one
    assert str(settings.MEDIA_ROOT) in document.file.path
    download = client.get(download_url(case, document))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert isinstance(download, FileResponse)  # streamed from storage, not read into memory
    assert b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(
        object_type="cases.Document", object_id=str(document.pk), action=AuditAction.VIEW
    ).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>"),
        ("seite.html", b"<html></html>"),
        ("getarnt.pdf", b"<html><script>alert(1)</script></html>"),
        ("getarnt.png", PDF),
        ("programm.exe", b"MZ\x90\x00"),
    ],
)
def test_wrong_types_are_refused(
    case: Case, client: Client, login: Login, name: str, content: bytes
) -> None:
    login("local_a")
    response = upload(client, case, name, content, title="Behalten")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert 'value="Behalten"' in response.content.decode()
    assert not case.documents.exists()


def test_too_large_is_refused(case: Case, client: Client, login: Login, settings: Settings) -> None:
    settings.KOKOMA_MAX_UPLOAD_MB = 1
    login("local_a")
    response = upload(client, case, "gross.txt", b"a" * (1024 * 1024 + 10))
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not case.documents.exists()


@pytest.mark.parametrize(("role", "status"), [("board_a", 404), ("office", 404), ("local_b", 404)])
def test_download_needs_the_case(
    case: Case, client: Client, login: Login, role: str, status: int
) -> None:
    login("local_a")
    upload(client, case, "a.txt", b"vertraulich")
    document = case.documents.get()
    login(role)
    assert client.get(download_url(case, document)).status_code == status


def test_a_document_of_another_case_is_not_served_under_this_one(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    other = services.open_case(municipality=case.municipality, by=persona("local_a"), title="B")
    login("local_a")
    upload(client, other, "a.txt", b"anderer Fall")
    document = other.documents.get()
    login("actor_a")  # on the team of `case`, not of `other`
    assert client.get(download_url(case, document)).status_code == 404


def test_media_files_have_no_public_url(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    upload(client, case, "a.txt", b"geheim")
    document = case.documents.get()
    client.logout()
    assert client.get(f"/media/{document.file.name}").status_code == 404
