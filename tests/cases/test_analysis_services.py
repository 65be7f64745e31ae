"""Services of the case analysis: assessments, actors, identities, relations, documents."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from pytest_django import Settings

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    ActorIdentity,
    Case,
    EscalationAssessment,
    Relation,
    RelationKind,
    ThreatAssessment,
)
from kokoma.municipalities.models import Municipality

from ..conftest import BAUTZEN, COTTBUS, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona: Persona) -> Case:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    return services.open_case(municipality=municipality, by=persona("local_a"), title="Platzstreit")


@pytest.fixture
def other_case(persona: Persona) -> Case:
    municipality = Municipality.objects.get(register__ags=BAUTZEN)
    return services.open_case(municipality=municipality, by=persona("local_b"), title="Anderswo")


def _audited(obj: Model, action: str) -> bool:
    return AuditEntry.objects.filter(
        object_type=obj._meta.label, object_id=str(obj.pk), action=action
    ).exists()


def test_threat_assessment_is_saved_and_audited(case: Case, persona: Persona) -> None:
    threat = services.assess_threat(
        case, by=persona("local_a"), dimension="violence", score=3, rationale="Drohbriefe"
    )
    assert threat.assessed_on == datetime.date.today()  # noqa: DTZ011
    assert _audited(threat, AuditAction.CREATE)


@pytest.mark.parametrize(("dimension", "score"), [("violence", 4), ("violence", -1), ("x", 1)])
def test_threat_assessment_refuses_bad_input(
    case: Case, persona: Persona, dimension: str, score: int
) -> None:
    with pytest.raises(ValidationError):
        services.assess_threat(
            case, by=persona("local_a"), dimension=dimension, score=score, rationale="r"
        )
    assert not ThreatAssessment.objects.filter(case=case).exists()


@pytest.mark.parametrize("stage", [0, 10, -3])
def test_escalation_stage_outside_1_to_9_is_refused(
    case: Case, persona: Persona, stage: int
) -> None:
    with pytest.raises(ValidationError):
        services.assess_escalation(case, by=persona("local_a"), stage=stage, rationale="r")
    assert not EscalationAssessment.objects.filter(case=case).exists()


def test_escalation_perspective_must_be_an_actor_of_the_case(
    case: Case, other_case: Case, persona: Persona
) -> None:
    foreign = Actor.objects.create(case=other_case, pseudonym="X", kind="person")
    with pytest.raises(ValidationError):
        services.assess_escalation(
            case, by=persona("local_a"), stage=4, rationale="r", actor=foreign
        )
    own = Actor.objects.create(case=case, pseudonym="Y", kind="person")
    assessment = services.assess_escalation(
        case, by=persona("local_a"), stage=4, rationale="r", actor=own
    )
    assert assessment.actor == own
    assert _audited(assessment, AuditAction.CREATE)


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
    entry = AuditEntry.objects.filter(object_id=str(actor.pk), action=AuditAction.UPDATE).get()
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
    assert _audited(relation, AuditAction.UPDATE)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7 ..."),
        ("a.PNG", b"\x89PNG\r\n\x1a\n...."),
        ("a.jpeg", b"\xff\xd8\xff\xe0...."),
        ("a.odt", b"PK\x03\x04...."),
        ("a.docx", b"PK\x03\x04...."),
        ("a.txt", "Grüße aus Cottbus\n".encode()),
    ],
)
def test_allowed_types_pass(name: str, content: bytes) -> None:
    services.check_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.exe", b"MZ...."),
        ("a.html", b"<html>"),
        ("a.pdf", b"<html><script>alert(1)</script>"),
        ("a.png", b"%PDF-1.7"),
        ("a.txt", b"\x00\x01\x02binary"),
        ("a", b"%PDF-1.7"),
        ("a.txt", b""),
    ],
)
def test_wrong_types_are_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        services.check_upload(SimpleUploadedFile(name, content))


def test_size_limit(settings: Settings) -> None:
    settings.KOKOMA_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError):
        services.check_upload(SimpleUploadedFile("a.txt", b"a" * (1024 * 1024 + 1)))
    services.check_upload(SimpleUploadedFile("a.txt", b"a" * (1024 * 1024)))
