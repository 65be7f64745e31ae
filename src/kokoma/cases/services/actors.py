"""Actors under pseudonyms, their real identities and their relations over time."""

from __future__ import annotations

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, save_audited, stored

from ..models import Actor, ActorIdentity, Case, Relation
from .case import audit_case


class ActorFields(TypedDict, total=False):
    pseudonym: str
    kind: str
    role: str
    interests: str
    needs: str
    positions: str
    influence: int
    attitude: int


def _check_pseudonym(actor: Actor) -> None:
    """The pseudonym must be unique within the case, upper or lower case alike."""
    clash = Actor.objects.filter(case_id=actor.case_id, pseudonym__iexact=actor.pseudonym)
    if actor.pk:
        clash = clash.exclude(pk=actor.pk)
    if clash.exists():
        raise ValidationError(
            {"pseudonym": _("This case already has an actor with this pseudonym.")}
        )


@transaction.atomic
def add_actor(
    case: Case,
    *,
    by: User,
    pseudonym: str,
    kind: str,
    role: str = "",
    interests: str = "",
    needs: str = "",
    positions: str = "",
    influence: int = 3,
    attitude: int = Actor.Attitude.NEUTRAL,
) -> Actor:
    """Add a party to the conflict under a pseudonym."""
    actor = Actor(
        case=case,
        pseudonym=pseudonym,
        kind=kind,
        role=role,
        interests=interests,
        needs=needs,
        positions=positions,
        influence=influence,
        attitude=attitude,
    )
    _check_pseudonym(actor)
    return save_audited(actor, by=by, municipality=case.municipality)


@transaction.atomic
def update_actor(actor: Actor, *, by: User, **changes: Unpack[ActorFields]) -> Actor:
    """Change the given fields of an actor."""
    actor = assign(stored(actor), changes)
    _check_pseudonym(actor)
    return save_audited(actor, by=by, municipality=actor.case.municipality)


@transaction.atomic
def set_identity(
    actor: Actor, *, by: User, real_name: str, contact: str = "", notes: str = ""
) -> ActorIdentity | None:
    """Record, change or (with an empty name) delete the real identity behind a pseudonym."""
    identity = ActorIdentity.objects.filter(actor=actor).first()
    if not real_name.strip():
        if identity is not None:
            audit_case(by, AuditAction.DELETE, identity, actor.case)
            identity.delete()
        return None
    identity = identity or ActorIdentity(actor=actor)
    identity.real_name, identity.contact, identity.notes = real_name.strip(), contact, notes
    # The audit log says that the identity changed, never what it is: no snapshot of its fields.
    return save_audited(
        identity, by=by, municipality=actor.case.municipality, snapshot=lambda _identity: {}
    )


class RelationFields(TypedDict, total=False):
    source: Actor
    target: Actor
    kind: str
    strength: int
    directed: bool
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    note: str


def _check_relation(relation: Relation) -> None:
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
def add_relation(
    case: Case,
    *,
    by: User,
    source: Actor,
    target: Actor,
    kind: str,
    strength: int = 2,
    directed: bool = False,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> Relation:
    """Relate two actors of the case, from a day on (or always) and up to a day (or open)."""
    relation = Relation(
        case=case,
        source=source,
        target=target,
        kind=kind,
        strength=strength,
        directed=directed,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    _check_relation(relation)
    return save_audited(relation, by=by, municipality=case.municipality)


@transaction.atomic
def update_relation(relation: Relation, *, by: User, **changes: Unpack[RelationFields]) -> Relation:
    """Change the given fields of a relation."""
    relation = assign(stored(relation), changes)
    _check_relation(relation)
    return save_audited(relation, by=by, municipality=relation.case.municipality)


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
