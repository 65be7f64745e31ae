"""Actors under pseudonyms, their real identities and their relations over time."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import diff

from ..models import (
    Actor,
    ActorIdentity,
    Relation,
)
from .case import audit_case


@transaction.atomic
def save_actor(actor: Actor, *, by: User) -> Actor:
    """Create or update an actor; the pseudonym must be unique within the case."""
    clash = Actor.objects.filter(case_id=actor.case_id, pseudonym__iexact=actor.pseudonym)
    if actor.pk:
        clash = clash.exclude(pk=actor.pk)
    if clash.exists():
        raise ValidationError(
            {"pseudonym": _("This case already has an actor with this pseudonym.")}
        )
    actor.full_clean(validate_unique=False)
    created = actor.pk is None
    before = {} if created else model_to_dict(Actor.objects.get(pk=actor.pk))
    actor.save()
    changes = None if created else diff(before, model_to_dict(actor))
    audit_case(
        by, AuditAction.CREATE if created else AuditAction.UPDATE, actor, actor.case, changes
    )
    return actor


@transaction.atomic
def save_identity(
    actor: Actor, *, by: User, real_name: str, contact: str = "", notes: str = ""
) -> ActorIdentity | None:
    """Record, change or (with an empty name) delete the real identity behind a pseudonym."""
    identity = ActorIdentity.objects.filter(actor=actor).first()
    if not real_name.strip():
        if identity is not None:
            audit_case(by, AuditAction.DELETE, identity, actor.case)
            identity.delete()
        return None
    created = identity is None
    identity = identity or ActorIdentity(actor=actor)
    identity.real_name, identity.contact, identity.notes = real_name.strip(), contact, notes
    identity.full_clean()
    identity.save()
    # The audit log says that the identity changed, never what it is.
    audit_case(by, AuditAction.CREATE if created else AuditAction.UPDATE, identity, actor.case)
    return identity


def check_relation(relation: Relation) -> None:
    errors: dict[str, str] = {}
    actors = Actor.objects.filter(case_id=relation.case_id)
    if relation.source_id is None or not actors.filter(pk=relation.source_id).exists():
        errors["source"] = _("Please choose an actor of this case.")
    if relation.target_id is None or not actors.filter(pk=relation.target_id).exists():
        errors["target"] = _("Please choose an actor of this case.")
    if not errors and relation.source_id == relation.target_id:
        errors["target"] = _("A relation needs two different actors.")
    if relation.valid_from and relation.valid_to and relation.valid_to < relation.valid_from:
        errors["valid_to"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_relation(relation: Relation, *, by: User) -> Relation:
    check_relation(relation)
    relation.full_clean()
    created = relation.pk is None
    before = {} if created else model_to_dict(Relation.objects.get(pk=relation.pk))
    relation.save()
    changes = None if created else diff(before, model_to_dict(relation))
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    audit_case(by, action, relation, relation.case, changes)
    return relation


@transaction.atomic
def end_relation(relation: Relation, *, by: User, valid_to: datetime.date) -> Relation:
    """A relation is ended, not deleted: the actor map of earlier dates still shows it."""
    relation = Relation.objects.select_for_update().get(pk=relation.pk)
    if relation.valid_from and valid_to < relation.valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})
    before = relation.valid_to
    relation.valid_to = valid_to
    relation.save(update_fields=["valid_to"])
    audit_case(
        by,
        AuditAction.UPDATE,
        relation,
        relation.case,
        {"valid_to": [str(before) if before else None, str(valid_to)]},
    )
    return relation
