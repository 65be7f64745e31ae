from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """Feedback on barriers, as BITV 2.0 § 7 asks for (feedback mechanism)."""

    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("your message"))
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail for our reply (optional)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.message[:40]}"


class GeneratedFile(models.Model):
    """A file made in the background for one person (a PDF report …), with its progress.

    The request only records the order; the worker (`core.files.make_file`) calls the generator
    named by its dotted path with the parameters, and the page polls the progress until the
    download is ready. Only the person who asked may see and download it: the content can hold
    what only they may know. Files older than `GENERATED_FILE_DAYS` are removed by the daily job.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="generated_files",
        verbose_name=_("requested by"),
    )
    title = models.CharField(_("title"), max_length=200)
    generator = models.CharField(_("generator"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict)
    back_url = models.CharField(_("back to"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    file = models.FileField(_("file"), upload_to="generated/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Submission(models.Model):
    """The token of a form that was sent and saved (`core.guard`).

    Every form that creates something carries a fresh token; saving spends it in the same
    transaction, so the same form sent twice (a double click, two tabs, Back and send again) is
    saved once. Tokens are forgotten after `SUBMISSION_DAYS` by the daily job.
    """

    token = models.UUIDField(primary_key=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    objects: models.Manager[Submission] = models.Manager()

    class Meta:
        verbose_name = _("sent form")
        verbose_name_plural = _("sent forms")

    def __str__(self) -> str:
        return str(self.token)


class StoredDocument(models.Model):
    """What every uploaded document keeps: its title, the checked file and who uploaded it.

    A concrete document adds what it belongs to and declares `file` with its own storage path;
    `kokoma.core.uploads.accepted` gives the values of `file`, `content_type` and `size`, and
    `kokoma.core.uploads.download` serves it after the caller's permission check.
    """

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title
