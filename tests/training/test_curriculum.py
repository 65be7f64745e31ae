"""The curriculum: kept by the programme office, read by everybody signed in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.training import services
from kokoma.training.models import CurriculumModule
from tests.conftest import PERSONAS, Login, Persona

pytestmark = pytest.mark.django_db

CURRICULUM = reverse("training:curriculum")


def test_the_demo_curriculum_has_its_modules_and_hours(client: Client, login: Login) -> None:
    login("trainee_a")
    response = client.get(CURRICULUM)
    assert response.status_code == 200
    page = response.content.decode()
    assert "6 Module, 104 Stunden insgesamt." in page
    assert "Eskalationsstufen nach Glasl erkennen und einschätzen" in page
    assert reverse("training:module_add") not in page  # no edit links for a participant


@pytest.mark.parametrize(("name", "allowed"), [(name, name == "office") for name in PERSONAS])
def test_only_the_programme_office_keeps_the_curriculum(
    persona: Persona, name: str, allowed: bool
) -> None:
    assert persona(name).has_perm("training.change_curriculum") is allowed


def test_a_module_is_added_changed_and_deleted_with_an_audit_trail(persona: Persona) -> None:
    office = persona("office")
    module = services.add_module(
        by=office,
        title="Digitale Konflikte",
        learning_goals="Hassrede erkennen",
        hours=Decimal("8"),
    )
    services.change_module(module, by=office, hours=Decimal("10"))
    module.refresh_from_db()
    assert module.hours == Decimal("10")
    pk = module.pk
    services.delete_module(module, by=office)
    actions = list(
        AuditEntry.objects.filter(object_id=str(pk), object_type=module._meta.label)
        .order_by("at")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"hours": Decimal("0")}, "hours"), ({"title": CurriculumModule.objects.none}, "title")],
)
def test_bad_input_is_refused(persona: Persona, changes: dict[str, object], field: str) -> None:
    existing = CurriculumModule.objects.order_by("pk").first()
    assert existing is not None
    if field == "title":
        changes = {"title": existing.title}  # twice the same title
    values: dict[str, object] = {"title": "Neu", "learning_goals": "Ziel", "hours": Decimal("4")}
    values.update(changes)
    with pytest.raises(ValidationError) as refused:
        services.add_module(by=persona("office"), **values)  # type: ignore[arg-type]
    assert field in refused.value.message_dict


def test_the_office_adds_a_module_through_the_form(client: Client, login: Login) -> None:
    login("office")
    page = client.get(reverse("training:module_add"))
    once = page.context["form"].initial["once"]
    answer = client.post(
        reverse("training:module_add"),
        {
            "title": "Konflikte im digitalen Raum",
            "learning_goals": "Hassrede erkennen\nGegenrede planen",
            "hours": "8",
            "methods": "Fallarbeit",
            "position": "7",
            "once": once,
        },
        follow=True,
    )
    assert "Das Modul wurde in das Curriculum aufgenommen." in answer.content.decode()
    assert "Gegenrede planen" in answer.content.decode()
    bad = client.post(
        reverse("training:module_add"),
        {"title": "Ohne Stunden", "learning_goals": "Ziel", "hours": "0", "position": "1"},
    )
    assert bad.status_code == 200
    assert "Ohne Stunden" in bad.content.decode()
