"""What keeps a form from overwriting someone else's edit or being saved twice.

Every form of the house derives from `kokoma.core.forms.Form` or `.ModelForm`, and every view
saves a valid form through `kokoma.core.viewutils.call_service`; together they guard each save:

* An edit form (a model form for a stored record) carries the record's *state*: a fingerprint of
  the values of its fields as the form showed them. Saving locks the row and compares; when
  someone else saved the record in between, nothing is written and the form shows both versions
  (`conflict_rows`), ready to be saved again over the newer one.
* Every other form that is sent (a new record, a comment, an assessment …) carries a *once*
  token. Saving records the token in the same transaction; the same form sent again is refused
  with a message, so a double click or Back-and-send never saves twice.

Both fields are optional, so a program that posts without them (a test, a script) is not
guarded; a browser always sends what the page gave it. See docs/decisions/0020-one-guard-for-every-save.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Submission

STATE = "state"
ONCE = "once"


class EditConflict(ValidationError):
    """Someone else saved the record since the form showed it; `current` is what is stored now."""

    def __init__(self, current: models.Model) -> None:
        self.current = current
        super().__init__(
            _(
                "Someone else saved this %(thing)s while you were editing it. Nothing was "
                "overwritten. Compare both versions below; save again to apply yours."
            )
            % {"thing": current._meta.verbose_name},
            code="conflict",
        )


class ListConflict(ValidationError):
    """Someone else changed a list (saved as a whole) since the page showed it; `current` holds
    its rows as stored now."""

    def __init__(self, current: list[models.Model]) -> None:
        self.current = current
        super().__init__(
            _(
                "Someone else changed this list while you were editing it. Nothing was "
                "overwritten. The list as it is saved now is shown below; save again to apply "
                "yours."
            ),
            code="conflict",
        )


def edited_fields(form: forms.BaseForm, record: models.Model) -> list[str]:
    """The fields of `record` the form edits (the form's fields of the same name)."""
    names = {field.name for field in record._meta.get_fields()}
    return [name for name in form.fields if name in names]


def fingerprint(instance: models.Model, fields: Iterable[str]) -> str:
    """A short digest of the stored values of `fields` (related records by primary key)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(
                str(pk) for pk in getattr(instance, name).values_list("pk", flat=True)
            )
        elif field.is_relation:
            values[name] = getattr(instance, field.attname)  # type: ignore[union-attr]
        else:
            values[name] = getattr(instance, name)
    return _digest(values)


def list_state(rows: Iterable[models.Model], fields: Sequence[str]) -> str:
    """A short digest of a list's rows: their order, keys and the values of `fields`."""
    return _digest([[row.pk, *(getattr(row, name) for name in fields)] for row in rows])


def _digest(values: Any) -> str:
    encoded = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def state_of(form: forms.BaseForm, record: models.Model) -> str:
    """The fingerprint of `record` as far as the form edits it."""
    return fingerprint(record, edited_fields(form, record))


def spend(token: uuid.UUID) -> None:
    """Record that the form with `token` was saved; refuse it if it was already."""
    try:
        with transaction.atomic():
            Submission.objects.create(token=token)
    except IntegrityError:
        raise ValidationError(
            _(
                "This form was already sent, and what it held was saved then. It was not saved "
                "a second time."
            ),
            code="sent",
        ) from None


def check_unchanged(form: forms.BaseForm, stored: models.Model, state: str) -> None:
    """Lock the form's record and refuse the save when it changed since the form showed it."""
    current = stored._meta.model._base_manager.select_for_update().filter(pk=stored.pk).first()
    if current is None:
        raise ValidationError(
            _("This %(thing)s was deleted while you were editing it.")
            % {"thing": stored._meta.verbose_name},
            code="deleted",
        )
    if state_of(form, current) != state:
        raise EditConflict(current)


def guard(form: forms.BaseForm) -> None:
    """Run the form's guards; call inside the transaction that saves what the form holds."""
    state = getattr(form, "sent_state", None)
    once = getattr(form, "sent_once", None)
    record = getattr(form, "record", None)
    rows = getattr(form, "rows", None)
    if state and record is not None:
        check_unchanged(form, record, state)
    elif state and rows is not None:
        current = list(rows.select_for_update())
        if list_state(current, form.row_fields) != state:  # type: ignore[attr-defined]
            raise ListConflict(current)
    elif once:
        spend(once)


def _shown(field: forms.Field, value: Any) -> str:
    """A value as a person reads it in the table of both versions."""
    if value is None or value == "":
        return "—"
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return ", ".join(sorted(_shown(field, item) for item in value)) or "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return formats.localize(value)
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        return str(dict(choices).get(value, value))
    return str(value)


def conflict_rows(form: forms.BaseForm, current: models.Model) -> list[tuple[str, str, str]]:
    """(label, theirs, yours) for every field where the stored record and the form differ."""
    rows = []
    for name in edited_fields(form, current):
        field = form.fields[name]
        if current._meta.get_field(name).many_to_many:
            theirs = _shown(field, list(getattr(current, name).all()))
        else:
            theirs = _shown(field, getattr(current, name))
        yours = _shown(field, form.cleaned_data.get(name))
        if theirs != yours:
            rows.append((str(field.label), theirs, yours))
    return rows


def forget_old_submissions(now: datetime.datetime | None = None) -> int:
    """Delete the tokens of forms sent more than `SUBMISSION_DAYS` ago."""
    limit = (now or timezone.now()) - datetime.timedelta(days=settings.SUBMISSION_DAYS)
    deleted, _counts = Submission.objects.filter(sent_at__lt=limit).delete()
    return deleted
