from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import render


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notification for one person (mentions, assignments, alerts)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The text as a message (code and parameters, kokoma.core.messages), shown in the reader's
    # language; `text` holds its words in the default language, and is shown verbatim when
    # there is no message (notifications from before messages were stored).
    message = models.JSONField(_("message"), default=dict, blank=True, editable=False)
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sent by e-mail"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        return render(self.message, self.text)


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("immediately, one e-mail per notification")
    DAILY = "daily", _("once a day, as a digest")
    NEVER = "never", _("never, only in KoKoMa")


class EmailPreference(models.Model):
    """How a person wants notifications by e-mail; without a row the default applies."""

    DEFAULT = EmailFrequency.DAILY

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    frequency = models.CharField(
        _("notifications by e-mail"),
        max_length=16,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"
