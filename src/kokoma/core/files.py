"""Files made in the background (reports, later exports): order one, report progress, make it.

A generator is a function `generate(generated_file, progress) -> bytes`, named by its dotted
path; it calls `progress(percent, step)` between its stages, so that the page waiting for the file
shows how far it is. See docs/decisions/0018-files-made-in-the-background.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import GeneratedFile

Progress = Callable[[int, str], None]


class Generator(Protocol):
    def __call__(self, generated_file: GeneratedFile, progress: Progress) -> bytes: ...


def order_file(
    owner: Any,
    *,
    title: str,
    generator: str,
    params: dict[str, Any],
    filename: str,
    content_type: str,
    back_url: str = "",
) -> GeneratedFile:
    """Record the order and queue the job that makes the file, once the order is committed."""
    import_string(generator)  # a wrong path fails here, in the request, not later in the worker
    generated = GeneratedFile.objects.create(
        owner=owner,
        title=title,
        generator=generator,
        params=params,
        filename=filename,
        content_type=content_type,
        back_url=back_url,
    )
    transaction.on_commit(partial(make_file.enqueue, str(generated.pk)))
    return generated


def _report(generated: GeneratedFile, percent: int, step: str) -> None:
    generated.progress = max(0, min(percent, 100))
    generated.step = step
    generated.save(update_fields=["progress", "step"])


def make(generated: GeneratedFile) -> GeneratedFile:
    """Run the generator and store its file; a failure is recorded, never lost silently."""
    generated.status = GeneratedFile.Status.RUNNING
    generated.save(update_fields=["status"])
    generate: Generator = import_string(generated.generator)
    try:
        content = generate(generated, partial(_report, generated))
    except Exception:
        generated.status = GeneratedFile.Status.FAILED
        generated.finished_at = timezone.now()
        generated.save(update_fields=["status", "finished_at"])
        raise
    generated.file.save(generated.filename, ContentFile(content), save=False)
    generated.status = GeneratedFile.Status.DONE
    generated.progress = 100
    generated.finished_at = timezone.now()
    generated.save(update_fields=["file", "status", "progress", "finished_at"])
    return generated


@task()
def make_file(file_id: str) -> str:
    """The background job: make one ordered file; the order may have been removed meanwhile."""
    generated = GeneratedFile.objects.filter(pk=file_id).first()
    if generated is None or generated.is_finished:
        return "gone"
    return make(generated).status


def remove_old_files(now: datetime.datetime | None = None) -> int:
    """Delete generated files (rows and stored files) older than the configured days."""
    limit = (now or timezone.now()) - datetime.timedelta(days=settings.GENERATED_FILE_DAYS)
    removed = 0
    for generated in GeneratedFile.objects.filter(created_at__lt=limit):
        if generated.file:
            generated.file.delete(save=False)
        generated.delete()
        removed += 1
    return removed
