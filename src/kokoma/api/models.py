"""Personal access tokens for the REST API: shown once, stored as a digest, revocable."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class AccessTokenQuerySet(models.QuerySet["AccessToken"]):
    def of(self, user: User) -> AccessTokenQuerySet:
        return self.filter(user=user).order_by("-created_at", "-id")

    def usable(self, today: datetime.date) -> AccessTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True).exclude(
            expires_on__lt=today
        )


class AccessToken(models.Model):
    """A token acts as its user with the user's own permissions, narrowed to its scope."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # The first characters of the token, so that a person recognises it in the list.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_usable(self, today: datetime.date) -> bool:
        expired = self.expires_on is not None and self.expires_on < today
        return self.revoked_at is None and not expired and self.user.is_active
