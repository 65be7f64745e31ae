"""The assessment forms of the case page, as users try them (including bad input)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client

from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    Case,
    EscalationAssessment,
)

from ..conftest import Login, Persona

if TYPE_CHECKING:
    pass


from .helpers import url

pytestmark = pytest.mark.django_db


def test_threat_assessment(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    ok = client.post(
        url("threat_add", case),
        {"dimension": "enmity", "score": 2, "rationale": "Parolen", "assessed_on": "2026-03-01"},
    )
    assert ok.status_code == 302
    bad = client.post(
        url("threat_add", case),
        {"dimension": "enmity", "score": 7, "rationale": "Zu hoch", "assessed_on": "2026-03-01"},
    )
    assert bad.status_code == 200 and bad.context["form"].errors["score"]
    assert "Zu hoch" in bad.content.decode()
    assert case.threat_assessments.count() == 1


@pytest.mark.parametrize("stage", ["0", "10", "12", "x"])
def test_escalation_stage_outside_range_is_refused(
    case: Case, client: Client, login: Login, stage: str
) -> None:
    login("local_a")
    response = client.post(
        url("escalation_add", case),
        {"stage": stage, "assessed_on": "2026-03-01", "rationale": "Meine Begründung"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["stage"]
    assert "Meine Begründung" in response.content.decode()
    assert not EscalationAssessment.objects.filter(case=case).exists()


def test_escalation_from_a_foreign_actors_perspective_is_refused(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    other = services.open_case(
        municipality=case.municipality, by=persona("local_a"), title="Anderer Fall"
    )
    foreign = Actor.objects.create(case=other, pseudonym="Fremd", kind="person")
    own = Actor.objects.create(case=case, pseudonym="Eigen", kind="person")
    login("local_a")
    data = {"stage": "5", "assessed_on": "2026-03-01", "rationale": "r", "actor": foreign.pk}
    response = client.post(url("escalation_add", case), data)
    assert response.status_code == 200 and response.context["form"].errors["actor"]
    assert not EscalationAssessment.objects.exists() or not case.escalations.exists()
    data["actor"] = own.pk
    assert client.post(url("escalation_add", case), data).status_code == 302
    assert case.escalations.get().actor == own


def test_escalation_bad_date(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    response = client.post(
        url("escalation_add", case), {"stage": "3", "assessed_on": "31.02.2026", "rationale": "r"}
    )
    assert response.status_code == 200 and response.context["form"].errors["assessed_on"]
    assert not case.escalations.exists()


@pytest.mark.parametrize(("language", "stage"), [("de", "1 – Verhärtung"), ("en", "1 – Hardening")])
def test_the_stage_choices_speak_the_pages_language(
    language: str, stage: str, case: Case, client: Client, login: Login
) -> None:
    login("local_a")
    client.cookies["django_language"] = language
    assert stage in client.get(url("escalation_add", case)).content.decode()
