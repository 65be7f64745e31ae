from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# Keys of `changes` that are not fields of the logged model.
CHANGE_LABELS = {
    "page": _("page"),
    "status": _("answer"),
    "type": _("kind"),
    "new_email": _("new e-mail address"),
    "cases": _("cases shown"),
}
# What a line is about when it is no record: a request that was refused (see audit.middleware).
ACCESS = "access"
OBJECT_TYPE_LABELS = {ACCESS: _("Access")}


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    VIEW = "view", _("viewed")
    # Identity events (accounts.signals) and refused requests (audit.middleware).
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("login failed")
    LOGOUT = "logout", _("logged out")
    PASSWORD_CHANGE = "password_change", _("password changed")
    PASSWORD_RESET = "password_reset", _("password reset")
    EMAIL_REQUEST = "email_request", _("e-mail change requested")
    EMAIL_CHANGE = "email_change", _("e-mail address changed")
    MFA_ADD = "mfa_add", _("second factor set up")
    MFA_REMOVE = "mfa_remove", _("second factor removed")
    MFA_RESET = "mfa_reset", _("recovery codes regenerated")
    DENIED = "denied", _("access denied")


# What happens to records of a municipality; identity events and refusals belong to none.
RECORD_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.VIEW)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def type_label(label: str) -> str:
    """The logged model's name as people say it ("Konfliktfall"), or the label for one gone."""
    if label in OBJECT_TYPE_LABELS:
        return str(OBJECT_TYPE_LABELS[label])
    model = _model(label)
    return capfirst(str(model._meta.verbose_name)) if model is not None else label


def field_label(label: str, key: str) -> str:
    model = _model(label)
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)  # type: ignore[union-attr]
        except (FieldDoesNotExist, AttributeError):
            pass
    return str(CHANGE_LABELS.get(key, key))


@dataclass(frozen=True)
class ChangeRow:
    """One line of an entry's changes: a field from a value to a value, or a plain note."""

    label: str
    before: Any
    after: Any
    is_change: bool


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One line of the append-only audit log: who did what to which object, when."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Kept as text so that the log still names the person after their account is deleted.
    actor_name = models.CharField(_("by (name)"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")

    @property
    def object_type_label(self) -> str:
        return type_label(self.object_type)

    def change_rows(self) -> list[ChangeRow]:
        """The changes as readable rows; a value that is not a [before, after] pair is a note."""
        rows = []
        for key, value in (self.changes or {}).items():
            label = field_label(self.object_type, key)
            if isinstance(value, list) and len(value) == 2:
                rows.append(ChangeRow(label, value[0], value[1], is_change=True))
            else:
                rows.append(ChangeRow(label, None, value, is_change=False))
        return rows
