"""The tandem's shared work log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class WorkLogEntryQuerySet(models.QuerySet["WorkLogEntry"]):
    def open_next_steps(self) -> WorkLogEntryQuerySet:
        return self.exclude(next_steps="").filter(next_steps_done=False)


class WorkLogEntry(models.Model):
    """The tandem's shared work log."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="work_log"
    )
    date = models.DateField(_("date"))
    step = models.ForeignKey(
        "municipalities.ProcessStep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_log",
        verbose_name=_("process step"),
    )
    participants = models.CharField(_("participants"), max_length=500)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    next_steps_due = models.DateField(_("next steps due on"), null=True, blank=True)
    next_steps_done = models.BooleanField(_("next steps done"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkLogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("work log entry")
        verbose_name_plural = _("work log")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["municipality", "date"])]

    def __str__(self) -> str:
        return f"{date_format(self.date, 'SHORT_DATE_FORMAT')} {self.topic}"
