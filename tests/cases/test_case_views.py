"""The case page, the analysis form and step transitions, as users try them (including bad input)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    ActorIdentity,
    Case,
    CaseTeamMember,
    Relation,
    RelationKind,
)
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from ..conftest import BAUTZEN, Login, Persona

if TYPE_CHECKING:
    pass


from .helpers import error_messages, url

pytestmark = pytest.mark.django_db


def populate(case: Case, by: User, size: int) -> None:
    actors = [
        Actor.objects.create(case=case, pseudonym=f"Akteur {i}", kind="person") for i in range(size)
    ]
    for i in range(size):
        Relation.objects.create(
            case=case,
            source=actors[i],
            target=actors[(i + 1) % size],
            kind=RelationKind.TENSION,
            valid_from=datetime.date(2026, 1, 1 + i),
        )
        services.assess_escalation(
            case, by=by, stage=1 + i % 9, rationale="r", actor=actors[i] if i % 2 else None
        )
        services.assess_threat(case, by=by, dimension="violence", score=i % 4, rationale="r")
        services.set_identity(actors[i], by=by, real_name=f"Name {i}")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("local_a", 200),
        ("external", 200),
        ("actor_a", 200),
        ("board_a", 404),
        ("trainee_a", 404),
        ("office", 404),
        ("local_b", 404),
        ("actor_b", 404),
    ],
)
def test_need_to_know(case: Case, client: Client, login: Login, role: str, status: int) -> None:
    login(role)
    assert client.get(url("detail", case)).status_code == status


def test_office_sees_the_case_once_on_the_team(case: Case, client: Client, login: Login) -> None:
    office = login("office")
    assert client.get(url("detail", case)).status_code == 404
    CaseTeamMember.objects.create(case=case, user=office)
    assert client.get(url("detail", case)).status_code == 200


def test_case_page_shows_the_analysis_and_isaudited(
    case: Case, client: Client, login: Login
) -> None:
    user = login("local_a")
    populate(case, user, 3)
    response = client.get(url("detail", case))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in content and "escalation-chart-title" in content
    assert "Akteur 2" in content and "Name 2" in content  # coordinators see identities
    assert AuditEntry.objects.filter(
        object_id=str(case.pk), object_type="cases.Case", action=AuditAction.VIEW, actor=user
    ).exists()
    assert len(response.context["timeline"]) >= 7


def test_team_members_do_not_see_real_identities(case: Case, client: Client, login: Login) -> None:
    populate(case, login("local_a"), 2)
    login("actor_a")
    content = client.get(url("detail", case)).content.decode()
    assert "Akteur 1" in content and "Name 1" not in content
    actor = case.actors.first()
    assert actor is not None
    form = client.get(url("actor_edit", case, actor_id=actor.pk)).context["form"]
    assert "real_name" not in form.fields
    client.post(
        url("actor_edit", case, actor_id=actor.pk),
        {
            "pseudonym": actor.pseudonym,
            "kind": "person",
            "influence": 3,
            "attitude": 0,
            "real_name": "Eingeschmuggelt",
        },
    )
    assert not ActorIdentity.objects.filter(real_name="Eingeschmuggelt").exists()


def test_query_count_does_not_grow_with_the_data(
    case: Case, client: Client, login: Login, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    user = login("local_a")
    populate(case, user, 2)
    client.get(url("detail", case))  # warm caches (session, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url("detail", case))
    more = [Actor.objects.create(case=case, pseudonym=f"Mehr {i}", kind="group") for i in range(25)]
    for i, actor in enumerate(more[1:]):
        Relation.objects.create(case=case, source=more[0], target=actor, kind=RelationKind.CONFLICT)
        services.assess_escalation(case, by=user, stage=5, rationale="r", actor=actor)
        services.assess_threat(case, by=user, dimension="trust", score=i % 4, rationale="r")
    assert len(small.captured_queries) <= 30
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("detail", case))
    assert response.status_code == 200


def case_data(case: Case, **changes: Any) -> dict[str, Any]:
    data = {
        "title": case.title,
        "summary": case.summary,
        "conflict_type": "",
        "dividers": "",
        "connectors": "",
        "tree_causes": "",
        "tree_core_problem": "",
        "tree_effects": "",
        "version": case.version,
    }
    data.update(changes)
    return data


def test_edit_saves_the_analysis(case: Case, client: Client, login: Login) -> None:
    login("actor_a")
    topic = Term.objects.filter(kind=TermKind.TOPIC, active=True).first()
    data = case_data(case, summary="Neu", dividers="Lärm\nParkplätze", conflict_type="values")
    if topic:
        data["topics"] = [topic.pk]
    response = client.post(url("edit", case), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Neu" and case.version == 2 and case.conflict_type == "values"
    assert "Parkplätze" in client.get(url("detail", case)).content.decode()


def test_stale_edit_shows_both_versions_and_overwrites_nothing(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    stale = case_data(case, summary="Meine Fassung")
    services.update_case(case, by=persona("local_a"), version=1, summary="Ihre Fassung")
    login("actor_a")
    response = client.post(url("edit", case), stale)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.summary == "Ihre Fassung" and case.version == 2
    rows = response.context["form"].conflict
    assert any(theirs == "Ihre Fassung" and yours == "Meine Fassung" for _l, theirs, yours in rows)
    content = response.content.decode()
    assert "Ihre Fassung" in content and "Meine Fassung" in content
    assert response.context["form"]["version"].value() == "2"
    # re-applying goes through against the new version
    again = client.post(url("edit", case), {**stale, "version": 2})
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Meine Fassung" and case.version == 3


def test_edit_without_a_title_keeps_the_input(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    response = client.post(url("edit", case), case_data(case, title="", summary="Behalten"))
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert "Behalten" in response.content.decode()
    case.refresh_from_db()
    assert case.summary == "Worum es geht"


def test_allowed_transition_and_history(case: Case, client: Client, login: Login) -> None:
    login("actor_a")
    target = Step.objects.get(workflow__municipality=case.municipality, name="Ersteinschätzung")
    page = client.get(url("detail", case))
    assert [s.pk for s in page.context["allowed_steps"]] == [target.pk]
    response = client.post(url("transition", case), {"to_step": target.pk, "note": "los"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.step == target
    content = client.get(url("detail", case)).content.decode()
    assert "los" in content


@pytest.mark.parametrize("step_name", ["Nachsorge", "abgeschlossen"])
def test_crafted_transition_is_refused(
    case: Case, client: Client, login: Login, step_name: str
) -> None:
    login("local_a")
    target = Step.objects.get(workflow__municipality=case.municipality, name=step_name)
    response = client.post(url("transition", case), {"to_step": target.pk})
    assert response.status_code == 302
    assert error_messages(response)
    case.refresh_from_db()
    assert case.step.name == "Eingang" and case.version == 1


def test_transition_to_a_step_of_another_municipality_is_refused(
    case: Case, client: Client, login: Login
) -> None:
    foreign = Step.objects.filter(workflow__municipality__register__ags=BAUTZEN).first()
    if foreign is None:
        pytest.skip("Bautzen has no procedure rules in the demo")
    login("local_a")
    response = client.post(url("transition", case), {"to_step": foreign.pk})
    assert error_messages(response)
    case.refresh_from_db()
    assert case.step.name == "Eingang"
