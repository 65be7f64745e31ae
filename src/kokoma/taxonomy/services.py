"""Writes to the programme-wide vocabulary. Each takes the acting user, is atomic, audits."""

from __future__ import annotations

from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored

from .models import Term


class TermFields(TypedDict, total=False):
    """What can change on a term; its kind stays, as observations and cases refer to it as such."""

    name: str
    description: str
    active: bool
    position: int


@transaction.atomic
def create_term(
    *,
    by: User | None,
    kind: str,
    name: str,
    description: str = "",
    active: bool = True,
    position: int = 0,
) -> Term:
    """Add a term to one of the vocabularies."""
    term = Term(kind=kind, name=name, description=description, active=active, position=position)
    return save_audited(term, by=by)


@transaction.atomic
def update_term(term: Term, *, by: User | None, **changes: Unpack[TermFields]) -> Term:
    """Change the given fields of a term."""
    return save_audited(assign(stored(term), changes), by=by)


@transaction.atomic
def delete_term(term: Term, *, by: User) -> None:
    """Delete an unused term; a term in use can only be deactivated."""
    if term.in_use():
        raise ValidationError(
            _("The term “%(name)s” is in use and cannot be deleted; deactivate it instead.")
            % {"name": term.name}
        )
    record(by=by, action=AuditAction.DELETE, obj=term)
    term.delete()
