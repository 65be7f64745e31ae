from __future__ import annotations

from typing import Any

from django.db import models

from kokoma.accounts.models import User

from .models import AuditAction, AuditEntry


def record(
    *,
    by: User | None,
    action: AuditAction,
    obj: models.Model,
    municipality: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one line to the audit log. Call it inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=by if by is not None and by.is_authenticated else None,
        actor_name=f"{by} <{by.email}>" if by is not None and by.is_authenticated else "",
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
