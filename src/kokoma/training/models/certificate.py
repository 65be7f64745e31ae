"""The certificate of a participant who completed a cohort: what it attests, frozen when it is
issued, with the code anyone can check and the index of its revocation bit."""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enrolment import Enrolment

CODE_BYTES = 10  # 80 bits (issue 12: at least 80), 16 characters of base32
CODE_PATTERN = r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"


def new_code() -> str:
    """An unguessable code in four groups of four base32 characters (no 0, 1, 8 or 9)."""
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode()
    return "-".join(raw[index : index + 4] for index in range(0, len(raw), 4))


def normalised_code(text: str) -> str:
    """What a person typed, in the stored form: capitals, no blanks, hyphens every four."""
    plain = "".join(text.split()).replace("-", "").upper()
    return "-".join(plain[index : index + 4] for index in range(0, len(plain), 4))


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=19, unique=True, default=new_code)
    holder_name = models.CharField(_("name"), max_length=150)
    cohort_title = models.CharField(_("cohort"), max_length=200)
    # [{"title": …, "hours": "16.0"}] as on the day of issue
    modules = models.JSONField(_("modules"), default=list, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.holder_name} – {self.cohort_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def status_index(self) -> int:
        """Its bit in the revocation list: the certificate's own number, which never changes."""
        return self.pk
