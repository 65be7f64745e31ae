"""Actor services: pseudonyms, real identities kept out of the audit log, relations over time."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    ActorIdentity,
    Case,
    Relation,
    RelationKind,
)

from ..conftest import Persona
from .helpers import audited

pytestmark = pytest.mark.django_db


def test_pseudonym_is_unique_per_case_only(case: Case, other_case: Case, persona: Persona) -> None:
    user = persona("local_a")
    services.add_actor(case, by=user, pseudonym="Anna", kind="person")
    with pytest.raises(ValidationError) as error:
        services.add_actor(case, by=user, pseudonym="anna", kind="group")
    assert "pseudonym" in error.value.message_dict
    services.add_actor(other_case, by=persona("local_b"), pseudonym="Anna", kind="person")
    assert Actor.objects.filter(pseudonym__iexact="anna").count() == 2


def test_actor_update_is_audited_with_changes(case: Case, persona: Persona) -> None:
    user = persona("local_a")
    actor = services.add_actor(case, by=user, pseudonym="A", kind="person")
    services.update_actor(actor, by=user, influence=5)
    entry = AuditEntry.objects.filter(
        object_type="cases.Actor", object_id=str(actor.pk), action=AuditAction.UPDATE
    ).get()
    assert entry.changes["influence"] == [3, 5]


def test_identity_is_created_changed_and_deleted_without_the_name_in_the_audit_log(
    case: Case, persona: Persona
) -> None:
    user = persona("local_a")
    actor = Actor.objects.create(case=case, pseudonym="A", kind="person")
    services.set_identity(actor, by=user, real_name="Erika Mustermann")
    assert ActorIdentity.objects.get(actor=actor).real_name == "Erika Mustermann"
    assert not AuditEntry.objects.filter(object_repr__contains="Mustermann").exists()
    services.set_identity(actor, by=user, real_name="")
    assert not ActorIdentity.objects.filter(actor=actor).exists()


def test_relation_between_actors_of_another_case_is_refused(
    case: Case, other_case: Case, persona: Persona
) -> None:
    own = Actor.objects.create(case=case, pseudonym="A", kind="person")
    foreign = Actor.objects.create(case=other_case, pseudonym="B", kind="person")
    with pytest.raises(ValidationError) as error:
        services.add_relation(
            case, by=persona("local_a"), source=own, target=foreign, kind=RelationKind.CONFLICT
        )
    assert "target" in error.value.message_dict
    assert not Relation.objects.filter(case=case).exists()


def test_relation_dates_and_self_relation_are_checked(case: Case, persona: Persona) -> None:
    a = Actor.objects.create(case=case, pseudonym="A", kind="person")
    b = Actor.objects.create(case=case, pseudonym="B", kind="person")
    with pytest.raises(ValidationError):
        services.add_relation(
            case,
            by=persona("local_a"),
            source=a,
            target=b,
            kind=RelationKind.TENSION,
            valid_from=datetime.date(2026, 5, 1),
            valid_to=datetime.date(2026, 4, 1),
        )
    with pytest.raises(ValidationError):
        services.add_relation(
            case, by=persona("local_a"), source=a, target=a, kind=RelationKind.TENSION
        )
    assert not Relation.objects.filter(case=case).exists()


def test_ending_a_relation_keeps_it_for_earlier_dates(case: Case, persona: Persona) -> None:
    a = Actor.objects.create(case=case, pseudonym="A", kind="person")
    b = Actor.objects.create(case=case, pseudonym="B", kind="person")
    relation = services.add_relation(
        case,
        by=persona("local_a"),
        source=a,
        target=b,
        kind=RelationKind.ALLIANCE,
        valid_from=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.end_relation(relation, by=persona("local_a"), valid_to=datetime.date(2025, 1, 1))
    services.end_relation(relation, by=persona("local_a"), valid_to=datetime.date(2026, 2, 1))
    assert case.relations.valid_on(datetime.date(2026, 1, 15)).count() == 1
    assert case.relations.valid_on(datetime.date(2026, 3, 1)).count() == 0
    assert audited(relation, AuditAction.UPDATE)
