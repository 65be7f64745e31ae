"""The audit log: one line per write, and the one way a service saves a record with its line."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.forms.models import model_to_dict

from .models import AuditAction, AuditEntry

M = TypeVar("M", bound=models.Model)


def record(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    obj: models.Model,
    municipality: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one line to the audit log. Call it inside the service's transaction."""
    return record_event(
        by=by,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj),
        municipality=municipality,
        changes=changes,
    )


def record_event(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    object_type: str,
    object_id: str = "",
    object_repr: str,
    municipality: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one line about something that is not a stored record (a failed login under an
    address nobody has, a refused request): `object_type` names what it is about."""
    entry = _entry(
        by=by,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        municipality=municipality,
        changes=changes,
    )
    entry.save()
    return entry


def record_reads(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    reads: Iterable[tuple[models.Model, Any, dict[str, Any]]],
) -> None:
    """Append a VIEW line for each (object, municipality, changes) in one query: a page that
    shows the records of several municipalities logs one line per municipality."""
    AuditEntry.objects.bulk_create(
        _entry(
            by=by,
            action=AuditAction.VIEW,
            object_type=obj._meta.label,
            object_id=str(obj.pk),
            object_repr=str(obj),
            municipality=municipality,
            changes=changes,
        )
        for obj, municipality, changes in reads
    )


def _entry(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    object_type: str,
    object_id: str,
    object_repr: str,
    municipality: Any,
    changes: dict[str, Any] | None,
) -> AuditEntry:
    known = by is not None and by.is_authenticated
    return AuditEntry(
        # The user model is named by the setting, so that the log sits below the accounts app.
        actor_id=by.pk if known and by is not None else None,
        actor_name=f"{by} <{by.get_username()}>" if known and by is not None else "",
        action=action,
        object_type=object_type,
        object_id=object_id[:64],
        object_repr=object_repr[:300],
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


def stored(obj: M) -> M:
    """A fresh copy of `obj` as the database holds it: a change service starts from this, so that
    it writes only the fields it was given, whatever the caller's instance holds in memory."""
    return type(obj)._default_manager.get(pk=obj.pk)


def assign(obj: M, values: Mapping[str, object]) -> M:
    """Set `values` on the fields of `obj` and return it.

    A name that is not a field of the model is refused (FieldDoesNotExist), so that a mistyped
    keyword cannot pass unnoticed; many-to-many fields are set after saving, see `save_audited`.
    """
    for name, value in values.items():
        obj._meta.get_field(name)
        setattr(obj, name, value)
    return obj


def save_audited(
    obj: M,
    *,
    by: AbstractBaseUser | None,
    municipality: Any = None,
    exclude: Collection[str] = (),
    related: Mapping[str, Iterable[models.Model]] | None = None,
    snapshot: Callable[[M], dict[str, Any]] = model_to_dict,
    changes: Mapping[str, Any] | None = None,
    skip_unchanged: bool = False,
) -> M:
    """Validate `obj` (full_clean without the fields in `exclude`), save it and write its line.

    A new record is logged as CREATE, a stored one as UPDATE with the fields that changed, as
    `snapshot` shows the stored row before and the record after. `related` sets many-to-many
    fields after the save (before the second snapshot); `changes` adds what the snapshots cannot
    see; with `skip_unchanged` an update that changed nothing leaves no line. Call it inside the
    service's transaction, after the service's own checks.
    """
    creating = obj.pk is None
    before = {} if creating else snapshot(stored(obj))
    # Validation only reads: a refusal leaves the caller's transaction usable.
    obj.full_clean(exclude=[*exclude, *(related or {})])
    with transaction.atomic(savepoint=False):
        obj.save()
        for name, values in (related or {}).items():
            getattr(obj, name).set(values)
        found = {} if creating else diff(before, snapshot(obj))
        found.update(changes or {})
        if creating or found or not skip_unchanged:
            record(
                by=by,
                action=AuditAction.CREATE if creating else AuditAction.UPDATE,
                obj=obj,
                municipality=municipality,
                changes=found,
            )
    return obj


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
