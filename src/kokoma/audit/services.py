from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from .models import AuditAction, AuditEntry


def record(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    obj: models.Model,
    municipality: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one line to the audit log. Call it inside the service's transaction."""
    known = by is not None and by.is_authenticated
    return AuditEntry.objects.create(
        # The user model is named by the setting, so that the log sits below the accounts app.
        actor_id=by.pk if known and by is not None else None,
        actor_name=f"{by} <{by.get_username()}>" if known and by is not None else "",
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        municipality=municipality,
        changes=changes or {},
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields that changed, as {field: [old, new]} with JSON-friendly values."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
