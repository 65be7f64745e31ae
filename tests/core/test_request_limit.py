"""The request-body limit (issue 10, item 6): an oversize upload is refused before it is read."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona: Persona) -> Case:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    return services.open_case(municipality=cottbus, by=persona("local_a"), title="Grenze")


def _document_add(case: Case) -> str:
    return reverse("cases:document_add", kwargs={"reference": case.reference})


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anybody reads it."""

    def read(self, size: int = -1) -> bytes:
        pytest.fail("the body of an oversize request was read")


def test_an_oversize_body_is_refused_by_its_declared_length_unread(
    case: Case, client: Client, login: Login, settings: Settings
) -> None:
    settings.KOKOMA_MAX_REQUEST_MB = 2
    login("local_a")
    environ: dict[str, Any] = {
        "CONTENT_LENGTH": str(2 * 1024 * 1024 + 1),
        "wsgi.input": Unreadable(),
    }
    response = client.generic(
        "POST", _document_add(case), content_type="multipart/form-data; boundary=x", **environ
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Die Datei ist zu groß" in page
    assert "2 MB" in page
    assert not case.documents.exists()


def test_a_real_oversize_upload_gets_the_413_page(
    case: Case, client: Client, login: Login, settings: Settings
) -> None:
    settings.KOKOMA_MAX_UPLOAD_MB = 1
    settings.KOKOMA_MAX_REQUEST_MB = 1
    login("local_a")
    big = SimpleUploadedFile("gross.txt", b"a" * (1024 * 1024 + 1), content_type="text/plain")
    response = client.post(_document_add(case), {"title": "Groß", "file": big})
    assert response.status_code == 413
    assert not case.documents.exists()


def test_a_body_within_the_limit_reaches_the_form(
    case: Case, client: Client, login: Login, settings: Settings
) -> None:
    """Above the per-file limit but within the body limit: the form's own error, text kept."""
    settings.KOKOMA_MAX_UPLOAD_MB = 1
    settings.KOKOMA_MAX_REQUEST_MB = 2
    login("local_a")
    big = SimpleUploadedFile("gross.txt", b"a" * (1024 * 1024 + 1), content_type="text/plain")
    response = client.post(_document_add(case), {"title": "Behalten", "file": big})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Die Datei ist größer als 1 MB."]
    assert 'value="Behalten"' in response.content.decode()


def test_a_garbled_content_length_is_a_bad_request(client: Client) -> None:
    response = client.generic("POST", "/", b"", CONTENT_LENGTH="viel")
    assert response.status_code == 400


def test_the_default_limit_leaves_room_for_the_largest_file(settings: Settings) -> None:
    assert settings.KOKOMA_MAX_REQUEST_MB > settings.KOKOMA_MAX_UPLOAD_MB
