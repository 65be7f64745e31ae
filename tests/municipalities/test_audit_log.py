"""The audit log viewer: coordinators only, own municipality only, filters."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from tests.conftest import BAUTZEN, COTTBUS, Login, Persona

if TYPE_CHECKING:
    from tests.conftest import ClientResponse

pytestmark = pytest.mark.django_db

URL = reverse("municipalities:audit_log", args=[COTTBUS])


@pytest.fixture
def case(persona: Persona) -> Case:
    return services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("external"),
        title="Audit-Fall",
    )


def entries(response: ClientResponse) -> list[AuditEntry]:
    return list(response.context["page"].object_list)


def test_only_the_municipality_s_entries(client: Client, login: Login, case: Case) -> None:
    login("local_a")
    response = client.get(URL)
    assert response.status_code == 200
    shown = entries(response)
    assert shown
    bautzen = Municipality.objects.get(register__ags=BAUTZEN)
    assert all(entry.municipality_id != bautzen.pk for entry in shown)


@pytest.mark.parametrize(("role", "status"), [("actor_a", 403), ("office", 403), ("local_b", 404)])
def test_others_may_not_read_it(client: Client, login: Login, role: str, status: int) -> None:
    login(role)
    assert client.get(URL).status_code == status


def test_filter_by_action_type_and_person(
    client: Client, login: Login, persona: Persona, case: Case
) -> None:
    login("local_a")
    query: dict[str, str | int] = {
        "action": AuditAction.CREATE,
        "object_type": "cases.Case",
        "person": persona("external").pk,
    }
    response = client.get(URL, query)
    shown = entries(response)
    assert shown
    assert {entry.object_id for entry in shown} >= {str(case.pk)}
    assert all(
        entry.action == "create"
        and entry.object_type == "cases.Case"
        and entry.actor_id == persona("external").pk
        for entry in shown
    )


def test_filter_by_date_range(client: Client, login: Login, case: Case) -> None:
    login("local_a")
    today = timezone.localdate()
    shown = entries(client.get(URL, {"date_from": today.isoformat(), "date_to": today.isoformat()}))
    assert any(entry.object_id == str(case.pk) for entry in shown)
    past = today - datetime.timedelta(days=3650)
    assert entries(client.get(URL, {"date_to": past.isoformat()})) == []


def test_a_reversed_range_is_an_error_and_keeps_input(client: Client, login: Login) -> None:
    login("local_a")
    response = client.get(URL, {"date_from": "2025-05-01", "date_to": "2025-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]
    assert b'value="2025-05-01"' in response.content


def test_the_viewer_is_read_only(client: Client, login: Login) -> None:
    login("local_a")
    before = AuditEntry.objects.count()
    assert client.post(URL).status_code == 405
    assert AuditEntry.objects.count() == before


def test_the_action_filter_offers_what_happens_to_the_municipality_s_records(
    client: Client, login: Login
) -> None:
    login("local_a")
    offered = dict(client.get(URL).context["form"].fields["action"].choices)
    assert set(offered) == {"", "create", "update", "delete", "view"}
    assert AuditAction.LOGIN not in offered  # identity events belong to no municipality
