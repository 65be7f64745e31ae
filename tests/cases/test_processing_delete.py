"""Deleting procedures, measures and agreements of a case: confirmation page, POST, audit."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import rules
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import Actor, Agreement, Case, CaseProcedure, Measure
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case(persona: Persona) -> Case:
    return services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Streit am Brunnen",
        team=[persona("actor_a")],
    )


@pytest.fixture
def actors(case: Case) -> list[Actor]:
    return [
        Actor.objects.create(case=case, pseudonym="Anwohnende", kind="group"),
        Actor.objects.create(case=case, pseudonym="Jugendclub", kind="organisation"),
    ]


@pytest.fixture
def procedure(case: Case, actors: list[Actor], persona: Persona) -> CaseProcedure:
    term, _ = Term.objects.get_or_create(kind=TermKind.PROCEDURE, name="Mediation")
    return services.add_procedure(
        case, by=persona("local_a"), procedure=term, goal="Einigung", participants=actors
    )


@pytest.fixture
def measure(case: Case, persona: Persona) -> Measure:
    return services.add_measure(
        case,
        by=persona("local_a"),
        title="Runder Tisch einladen",
        owner=persona("actor_a"),
        due_on=TODAY + datetime.timedelta(days=3),
    )


@pytest.fixture
def agreement(case: Case, actors: list[Actor], persona: Persona) -> Agreement:
    return services.add_agreement(
        case, by=persona("local_a"), text="Ruhezeiten ab 22 Uhr", parties=actors
    )


# kind → (URL name, URL keyword, model, anchor of the section on the case page)
KINDS: dict[str, tuple[str, str, type[CaseProcedure | Measure | Agreement], str]] = {
    "procedure": ("procedure_delete", "procedure_id", CaseProcedure, "procedures-heading"),
    "measure": ("measure_delete", "measure_id", Measure, "measures-heading"),
    "agreement": ("agreement_delete", "agreement_id", Agreement, "agreements-heading"),
}


def _obj(request: pytest.FixtureRequest, kind: str) -> CaseProcedure | Measure | Agreement:
    return request.getfixturevalue(kind)


def _url(case: Case, kind: str, pk: int) -> str:
    name, key, _model, _anchor = KINDS[kind]
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, key: pk})


# Services ---------------------------------------------------------------------------------------


def test_deleting_a_procedure_keeps_actors_measures_and_agreements(
    case: Case,
    procedure: CaseProcedure,
    measure: Measure,
    agreement: Agreement,
    actors: list[Actor],
    persona: Persona,
) -> None:
    services.delete_procedure(procedure, by=persona("local_a"), case=case)
    assert not CaseProcedure.objects.filter(pk=procedure.pk).exists()
    assert Actor.objects.filter(pk__in=[a.pk for a in actors]).count() == 2
    assert Measure.objects.filter(pk=measure.pk).exists()
    assert set(Agreement.objects.get(pk=agreement.pk).parties.all()) == set(actors)


@pytest.mark.parametrize("kind", KINDS)
def test_delete_services_write_an_audit_entry(
    request: pytest.FixtureRequest, kind: str, case: Case, persona: Persona
) -> None:
    obj = _obj(request, kind)
    pk, label = obj.pk, obj._meta.label
    delete = getattr(services, f"delete_{kind}")
    delete(obj, by=persona("local_a"), case=case)
    entry = AuditEntry.objects.get(object_type=label, object_id=str(pk), action=AuditAction.DELETE)
    assert entry.actor == persona("local_a")
    assert entry.municipality == case.municipality
    assert entry.changes  # what the record held is kept in the audit log
    assert not KINDS[kind][2].objects.filter(pk=pk).exists()


def test_a_record_of_another_case_is_refused(measure: Measure, persona: Persona) -> None:
    other = services.open_case(
        municipality=Municipality.objects.get(register__ags=BAUTZEN),
        by=persona("local_b"),
        title="Anderer Fall",
    )
    with pytest.raises(ValidationError):
        services.delete_measure(measure, by=persona("local_b"), case=other)
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_a_protected_reference_becomes_a_clear_error_and_nothing_is_deleted(
    case: Case, procedure: CaseProcedure, persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ProtectedError("referenced", set())

    monkeypatch.setattr(CaseProcedure, "delete", refuse)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="andere Einträge darauf verweisen"):
        services.delete_procedure(procedure, by=persona("local_a"), case=case)
    assert AuditEntry.objects.count() == before  # the audit entry is rolled back too


# Views ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_get_shows_a_confirmation_and_deletes_nothing(
    request: pytest.FixtureRequest, kind: str, case: Case, client: Client, login: Login
) -> None:
    obj = _obj(request, kind)
    login("local_a")
    response = client.get(_url(case, kind, obj.pk))
    assert response.status_code == 200
    assert b'type="submit"' in response.content
    assert KINDS[kind][2].objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_post_deletes_and_returns_to_the_section(
    request: pytest.FixtureRequest, kind: str, case: Case, client: Client, login: Login
) -> None:
    obj = _obj(request, kind)
    login("actor_a")  # on the case team
    response = client.post(_url(case, kind, obj.pk))
    detail = reverse("cases:detail", kwargs={"reference": case.reference})
    assert response.status_code == 302
    assert response["Location"] == f"{detail}#{KINDS[kind][3]}"
    assert not KINDS[kind][2].objects.filter(pk=obj.pk).exists()
    page = client.get(detail)
    assert any("deleted" in str(m) or "gelöscht" in str(m) for m in page.context["messages"])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("role", "status"), [("board_a", 404), ("local_b", 404)])
def test_others_cannot_delete(
    request: pytest.FixtureRequest,
    kind: str,
    role: str,
    status: int,
    case: Case,
    client: Client,
    login: Login,
) -> None:
    obj = _obj(request, kind)
    login(role)
    url = _url(case, kind, obj.pk)
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert KINDS[kind][2].objects.filter(pk=obj.pk).exists()


@pytest.fixture
def change_denied() -> Iterator[None]:
    """Let nobody change cases (viewing stays as it is), then restore the rule."""
    original = rules.permissions.permissions["cases.change_case"]
    rules.set_perm("cases.change_case", rules.always_deny)
    yield
    rules.set_perm("cases.change_case", original)


@pytest.mark.parametrize("kind", KINDS)
def test_who_sees_the_case_but_may_not_change_it_gets_403(
    request: pytest.FixtureRequest,
    kind: str,
    case: Case,
    client: Client,
    login: Login,
    change_denied: None,
) -> None:
    obj = _obj(request, kind)
    login("local_a")
    url = _url(case, kind, obj.pk)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert KINDS[kind][2].objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_is_sent_to_the_login(
    request: pytest.FixtureRequest, kind: str, case: Case, client: Client
) -> None:
    obj = _obj(request, kind)
    url = _url(case, kind, obj.pk)
    assert client.post(url).status_code == 302
    assert KINDS[kind][2].objects.filter(pk=obj.pk).exists()


def test_a_record_of_another_case_is_404(
    case: Case, measure: Measure, client: Client, login: Login, persona: Persona
) -> None:
    other = services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Zweiter Fall",
    )
    login("local_a")
    url = reverse(
        "cases:measure_delete", kwargs={"reference": other.reference, "measure_id": measure.pk}
    )
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_the_case_page_links_to_the_delete_pages_only_for_those_who_may_change(
    case: Case,
    procedure: CaseProcedure,
    measure: Measure,
    agreement: Agreement,
    client: Client,
    login: Login,
) -> None:
    login("local_a")
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    content = page.content.decode()
    for kind, obj in (("procedure", procedure), ("measure", measure), ("agreement", agreement)):
        assert _url(case, kind, obj.pk) in content
