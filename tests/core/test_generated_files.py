"""Files made in the background: order, progress page, download, only for the one who asked."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.core import files
from kokoma.core.models import GeneratedFile

from ..conftest import Login, Persona

pytestmark = pytest.mark.django_db

STAGES = "tests.core.test_generated_files.three_stages"
BROKEN = "tests.core.test_generated_files.broken"


def three_stages(generated: GeneratedFile, progress: files.Progress) -> bytes:
    progress(30, "Counting observations, cases and alerts")
    progress(60, "Laying out the PDF")
    return f"Datei für {generated.params['name']}".encode()


def broken(generated: GeneratedFile, progress: files.Progress) -> bytes:
    raise RuntimeError("the generator failed")


def order(user: Any, generator: str = STAGES) -> GeneratedFile:
    return files.order_file(
        user,
        title="Testbericht",
        generator=generator,
        params={"name": "Cottbus"},
        filename="testbericht.txt",
        content_type="text/plain",
        back_url="/kommunen/",
    )


def page(file: GeneratedFile) -> str:
    return reverse("core:generated_file", kwargs={"file_id": file.pk})


def download(file: GeneratedFile) -> str:
    return reverse("core:generated_file_download", kwargs={"file_id": file.pk})


def test_order_queues_the_job_after_commit(
    persona: Persona, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        generated = order(persona("local_a"))
    from django_tasks_db.models import DBTaskResult

    job = DBTaskResult.objects.get(task_path="kokoma.core.files.make_file")
    assert job.args_kwargs["args"] == [str(generated.pk)]
    assert generated.status == GeneratedFile.Status.PENDING


def test_an_unknown_generator_is_refused_at_the_order(persona: Persona) -> None:
    with pytest.raises(ImportError):
        order(persona("local_a"), generator="kokoma.core.nothing_here")
    assert not GeneratedFile.objects.exists()


def test_progress_page_then_download(client: Client, login: Login, persona: Persona) -> None:
    login("local_a")
    generated = order(persona("local_a"))

    waiting = client.get(page(generated)).content.decode()
    assert "Testbericht" in waiting
    assert 'hx-trigger="every 1s"' in waiting
    assert '<progress id="generated-file-progress" max="100" value="0">' in waiting
    assert "Warten auf den Hintergrunddienst" in waiting
    assert client.get(download(generated)).status_code == 404  # not ready yet

    generated.status = GeneratedFile.Status.RUNNING
    generated.save()
    files._report(generated, 60, "Laying out the PDF")
    polled = client.get(page(generated), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in polled  # htmx gets the status section only
    assert "Das PDF wird gesetzt" in polled and 'value="60"' in polled

    files.make(generated)
    ready = client.get(page(generated), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in ready  # polling stops
    assert "Die Datei ist fertig." in ready and download(generated) in ready
    response = client.get(download(generated))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == "Datei für Cottbus".encode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="testbericht.txt"'


def test_nobody_else_sees_or_downloads_the_file(
    client: Client, login: Login, persona: Persona
) -> None:
    generated = files.make(order(persona("local_a")))
    for role in ("office", "local_b", "actor_a"):
        login(role)
        assert client.get(page(generated)).status_code == 404
        assert client.get(download(generated)).status_code == 404
    client.logout()
    assert client.get(download(generated)).status_code == 302  # to the login page


def test_a_failure_is_shown_not_lost(client: Client, login: Login, persona: Persona) -> None:
    login("local_a")
    generated = order(persona("local_a"), generator=BROKEN)
    with pytest.raises(RuntimeError):
        files.make(generated)
    generated.refresh_from_db()
    assert generated.status == GeneratedFile.Status.FAILED
    html = client.get(page(generated)).content.decode()
    assert "Die Datei konnte nicht erstellt werden." in html
    assert "hx-trigger" not in html
    assert client.get(download(generated)).status_code == 404


def test_old_files_are_removed(persona: Persona, settings: Any) -> None:
    settings.GENERATED_FILE_DAYS = 7
    old, new = (files.make(order(persona("local_a"))) for _ in range(2))
    GeneratedFile.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    stored = old.file.path
    assert files.remove_old_files() == 1
    assert list(GeneratedFile.objects.all()) == [new]
    assert not __import__("os").path.exists(stored)
