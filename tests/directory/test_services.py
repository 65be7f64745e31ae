from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases.models import Case
from kokoma.directory import services
from kokoma.directory.models import (
    Competence,
    ContactPerson,
    Institution,
    InstitutionCase,
    InstitutionKind,
)
from kokoma.municipalities.models import Municipality

from ..cases.matrix_samples import cottbus_case
from ..conftest import BAUTZEN, COTTBUS, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.with_register().get(register__ags=COTTBUS)


@pytest.fixture
def bautzen() -> Municipality:
    return Municipality.objects.with_register().get(register__ags=BAUTZEN)


def _institution(municipality: Municipality, by: User, **kwargs: Any) -> Institution:
    defaults: dict[str, Any] = {"name": "Haus der Vereine", "kind": InstitutionKind.CIVIL_SOCIETY}
    defaults.update(kwargs)
    return services.create_institution(municipality=municipality, by=by, **defaults)


def test_parse_competences_normalises() -> None:
    assert services.parse_competences("  Mediation ,mediation,  Jugend   arbeit,, ;Arabisch") == [
        "Mediation",
        "Jugend arbeit",
        "Arabisch",
    ]
    assert services.parse_competences("") == []


def test_parse_competences_refuses_overlong_and_too_many() -> None:
    with pytest.raises(ValidationError) as error:
        services.parse_competences("x" * 61)
    assert "competences" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.parse_competences(",".join(f"K{i}" for i in range(21)))


def test_competences_are_created_once_case_insensitively(
    cottbus: Municipality, persona: Persona
) -> None:
    tandem = persona("local_a")
    first = _institution(cottbus, tandem, competences="Mediation, Arabisch")
    second = _institution(cottbus, tandem, name="Zweites Haus", competences="mediation, ARABISCH")
    assert Competence.objects.filter(municipality=cottbus, name__iexact="mediation").count() == 1
    assert {c.name for c in second.competences.all()} == {"Mediation", "Arabisch"}
    assert set(first.competences.all()) == set(second.competences.all())


def test_competences_are_per_municipality(
    cottbus: Municipality, bautzen: Municipality, persona: Persona
) -> None:
    _institution(cottbus, persona("local_a"), competences="Mediation")
    _institution(bautzen, persona("local_b"), competences="Mediation")
    for municipality in (cottbus, bautzen):
        assert Competence.objects.filter(municipality=municipality, name="Mediation").count() == 1


def test_update_replaces_competences_and_drops_unused(
    cottbus: Municipality, persona: Persona
) -> None:
    tandem = persona("local_a")
    institution = _institution(cottbus, tandem, competences="Einzigartig, Mediation")
    services.update_institution(
        institution, by=tandem, description="Neu", competences="Mediation, Streetwork"
    )
    assert services.competence_text(institution) == "Mediation, Streetwork"
    assert not Competence.objects.filter(municipality=cottbus, name="Einzigartig").exists()
    entry = AuditEntry.objects.filter(
        object_type="directory.Institution", object_id=str(institution.pk)
    ).latest("pk")
    assert entry.action == AuditAction.UPDATE
    assert entry.changes["description"] == ["", "Neu"]
    assert "competences" in entry.changes


def test_create_validates_and_saves_nothing(cottbus: Municipality, persona: Persona) -> None:
    tandem = persona("local_a")
    _institution(cottbus, tandem)
    before = Institution.objects.count()
    with pytest.raises(ValidationError) as error:
        _institution(
            cottbus,
            tandem,
            name="haus der vereine",
            website="keine-adresse",
            email="kaputt",
            competences="x" * 80,
        )
    fields = error.value.message_dict
    assert {"name", "website", "email", "competences"} <= set(fields)
    assert Institution.objects.count() == before


def test_create_is_audited(cottbus: Municipality, persona: Persona) -> None:
    institution = _institution(cottbus, persona("local_a"), competences="Mediation")
    entry = AuditEntry.objects.get(
        object_type="directory.Institution", object_id=str(institution.pk)
    )
    assert entry.action == AuditAction.CREATE
    assert entry.municipality == cottbus


def test_contact_requires_consent(cottbus: Municipality, persona: Persona) -> None:
    tandem = persona("local_a")
    institution = _institution(cottbus, tandem)
    with pytest.raises(ValidationError) as error:
        services.add_contact(institution, by=tandem, name="Anna Beispiel", consent_given=False)
    assert "consent_given" in error.value.message_dict
    assert not institution.contacts.exists()
    contact = services.add_contact(
        institution, by=tandem, name="Anna Beispiel", consent_given=True, email="a@example.org"
    )
    assert contact.consent_recorded_by == tandem
    assert contact.consent_recorded_at is not None
    assert AuditEntry.objects.filter(
        object_type="directory.ContactPerson", object_id=str(contact.pk), action="create"
    ).exists()


def test_delete_institution_removes_contacts_and_links(
    cottbus: Municipality, persona: Persona
) -> None:
    tandem = persona("local_a")
    institution = _institution(cottbus, tandem, competences="Nur hier")
    contact = services.add_contact(institution, by=tandem, name="Anna Beispiel", consent_given=True)
    link = services.link_case(institution, by=tandem, case=cottbus_case())
    services.delete_institution(institution, by=tandem)
    assert not Institution.objects.filter(pk=institution.pk).exists()
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    assert not InstitutionCase.objects.filter(pk=link.pk).exists()
    assert Case.objects.filter(pk=link.case_id).exists()
    assert not Competence.objects.filter(name="Nur hier").exists()
    deleted = AuditEntry.objects.filter(action=AuditAction.DELETE).values_list(
        "object_type", flat=True
    )
    assert {
        "directory.Institution",
        "directory.ContactPerson",
        "directory.InstitutionCase",
    } <= set(deleted)


def test_link_case_same_municipality_only(
    cottbus: Municipality, bautzen: Municipality, persona: Persona
) -> None:
    tandem = persona("local_a")
    institution = _institution(cottbus, tandem)
    foreign = Case.objects.filter(municipality=bautzen).first()
    assert foreign is not None
    with pytest.raises(ValidationError) as error:
        services.link_case(institution, by=tandem, case=foreign)
    assert "case" in error.value.message_dict
    assert not institution.case_links.exists()


def test_link_case_requires_change_case(cottbus: Municipality, persona: Persona) -> None:
    institution = _institution(cottbus, persona("local_a"))
    case = cottbus_case()  # its team: the Cottbus actor only
    with pytest.raises(ValidationError):
        services.link_case(institution, by=persona("board_a"), case=case)
    link = services.link_case(institution, by=persona("actor_a"), case=case, role=" berät ")
    assert link.role == "berät"
    with pytest.raises(ValidationError):  # twice
        services.link_case(institution, by=persona("actor_a"), case=case)
    with pytest.raises(ValidationError):
        services.unlink_case(link, by=persona("board_a"))
    services.unlink_case(link, by=persona("actor_a"))
    assert not institution.case_links.exists()


def test_institutions_for_case(cottbus: Municipality, persona: Persona) -> None:
    tandem = persona("local_a")
    case = cottbus_case()
    b = _institution(cottbus, tandem, name="B-Haus")
    a = _institution(cottbus, tandem, name="a-Haus")
    services.link_case(b, by=tandem, case=case, role="zwei")
    services.link_case(a, by=tandem, case=case, role="eins")
    links = list(services.institutions_for_case(case))
    assert [link.institution.name for link in links] == ["a-Haus", "B-Haus"]


def test_visible_to_is_scoped(cottbus: Municipality, persona: Persona) -> None:
    institution = _institution(cottbus, persona("local_a"))
    assert Institution.objects.visible_to(persona("office")).filter(pk=institution.pk).exists()
    assert Institution.objects.visible_to(persona("actor_a")).filter(pk=institution.pk).exists()
    assert not Institution.objects.visible_to(persona("actor_b")).filter(pk=institution.pk).exists()
    assert not Institution.objects.visible_to(persona("supervisor")).exists()


@pytest.mark.parametrize(
    ("role", "view", "change", "link"),
    [
        ("office", True, False, False),
        ("external", True, True, True),
        ("local_a", True, True, True),
        ("actor_a", True, False, True),
        ("board_a", False, False, False),  # a board member alone: docs/decisions/0026
        ("trainee_a", True, False, True),
        ("supervisor", False, False, False),
        ("local_b", False, False, False),
        ("actor_b", False, False, False),
    ],
)
def test_rules(
    role: str, view: bool, change: bool, link: bool, cottbus: Municipality, persona: Persona
) -> None:
    user = persona(role)
    assert user.has_perm("directory.view_directory", cottbus) is view
    assert user.has_perm("directory.change_directory", cottbus) is change
    assert user.has_perm("directory.link_case", cottbus) is link
