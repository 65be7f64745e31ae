"""Writes to the programme-wide vocabulary. Each takes the acting user, is atomic, audits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import diff, record

from .models import Term


@transaction.atomic
def save_term(term: Term, *, by: User | None) -> Term:
    """Create or change a taxonomy term."""
    creating = term.pk is None
    before = {} if creating else model_to_dict(Term.objects.get(pk=term.pk))
    term.full_clean()
    term.save()
    record(
        by=by,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=term,
        changes={} if creating else diff(before, model_to_dict(term)),
    )
    return term


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
