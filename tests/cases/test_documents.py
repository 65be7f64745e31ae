"""The upload check of documents: allow-listed types by content, and the size limit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from kokoma.cases import services


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7 ..."),
        ("a.PNG", b"\x89PNG\r\n\x1a\n...."),
        ("a.jpeg", b"\xff\xd8\xff\xe0...."),
        ("a.odt", b"PK\x03\x04...."),
        ("a.docx", b"PK\x03\x04...."),
        ("a.txt", "Grüße aus Cottbus\n".encode()),
    ],
)
def test_allowed_types_pass(name: str, content: bytes) -> None:
    services.check_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.exe", b"MZ...."),
        ("a.html", b"<html>"),
        ("a.pdf", b"<html><script>alert(1)</script>"),
        ("a.png", b"%PDF-1.7"),
        ("a.txt", b"\x00\x01\x02binary"),
        ("a", b"%PDF-1.7"),
        ("a.txt", b""),
    ],
)
def test_wrong_types_are_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        services.check_upload(SimpleUploadedFile(name, content))


def test_size_limit(settings: Settings) -> None:
    settings.KOKOMA_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError):
        services.check_upload(SimpleUploadedFile("a.txt", b"a" * (1024 * 1024 + 1)))
    services.check_upload(SimpleUploadedFile("a.txt", b"a" * (1024 * 1024)))
