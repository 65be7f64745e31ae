"""The case page and its analysis forms, as users try them (including bad input)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    ActorIdentity,
    Case,
    CaseTeamMember,
    EscalationAssessment,
    Relation,
    RelationKind,
)
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from ..conftest import BAUTZEN, COTTBUS, Login, Persona

if TYPE_CHECKING:
    from ..conftest import ClientResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona: Persona) -> Case:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    return services.open_case(
        municipality=municipality,
        by=persona("local_a"),
        title="Streit am Marktplatz",
        summary="Worum es geht",
        team=[persona("actor_a")],
    )


def url(name: str, case: Case, **kwargs: Any) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})


def error_messages(response: ClientResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


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


# Need-to-know -------------------------------------------------------------------------------


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


def test_case_page_shows_the_analysis_and_is_audited(
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


# Editing with optimistic locking ---------------------------------------------------------------


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
    rows = response.context["stale"]
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


# Assessments ---------------------------------------------------------------------------------


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


# Actors and relations --------------------------------------------------------------------------


def actor_data(**changes: Any) -> dict[str, Any]:
    return {
        "pseudonym": "Anwohner:innen",
        "kind": "group",
        "influence": 3,
        "attitude": 0,
        **changes,
    }


def test_actor_add_edit_and_duplicate_pseudonym(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    assert client.post(url("actor_add", case), actor_data(real_name="Frau M.")).status_code == 302
    actor = case.actors.get()
    assert actor.identity.real_name == "Frau M."
    duplicate = client.post(url("actor_add", case), actor_data(role="Doppelt"))
    assert duplicate.status_code == 200 and duplicate.context["form"].errors["pseudonym"]
    assert "Doppelt" in duplicate.content.decode()
    assert case.actors.count() == 1
    edit = client.post(url("actor_edit", case, actor_id=actor.pk), actor_data(influence=5))
    assert edit.status_code == 302
    actor.refresh_from_db()
    assert actor.influence == 5
    assert not ActorIdentity.objects.filter(actor=actor).exists()  # name emptied → removed


def test_actor_of_another_case_cannot_be_edited_here(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    other = services.open_case(municipality=case.municipality, by=persona("local_a"), title="B")
    foreign = Actor.objects.create(case=other, pseudonym="Fremd", kind="person")
    login("local_a")
    assert client.get(url("actor_edit", case, actor_id=foreign.pk)).status_code == 404


def relation_data(source: Actor, target: Actor, **changes: Any) -> dict[str, Any]:
    return {
        "source": source.pk,
        "target": target.pk,
        "kind": RelationKind.CONFLICT,
        "strength": 2,
        "valid_from": "2026-01-01",
        "valid_to": "",
        "note": "Notiz",
        **changes,
    }


@pytest.fixture
def actors(case: Case) -> tuple[Actor, Actor]:
    return (
        Actor.objects.create(case=case, pseudonym="A", kind="person"),
        Actor.objects.create(case=case, pseudonym="B", kind="group"),
    )


def test_relation_add_edit_and_end(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor]
) -> None:
    login("actor_a")
    a, b = actors
    assert client.post(url("relation_add", case), relation_data(a, b)).status_code == 302
    relation = case.relations.get()
    edit = client.post(
        url("relation_edit", case, relation_id=relation.pk),
        relation_data(a, b, kind=RelationKind.COOPERATION, directed="on"),
    )
    assert edit.status_code == 302
    relation.refresh_from_db()
    assert relation.kind == RelationKind.COOPERATION and relation.directed
    end = client.post(
        url("relation_end", case, relation_id=relation.pk), {"end-valid_to": "2026-02-01"}
    )
    assert end.status_code == 302
    relation.refresh_from_db()
    assert relation.valid_to == datetime.date(2026, 2, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"valid_to": "2025-12-01"},
        {"valid_from": "2026-13-45"},
        {"valid_to": "kein Datum"},
        {"kind": "friendship"},
    ],
)
def test_relation_bad_input(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor], changes: dict[str, str]
) -> None:
    login("local_a")
    source, target = actors
    response = client.post(url("relation_add", case), relation_data(source, target, **changes))
    assert response.status_code == 200 and response.context["form"].errors
    assert "Notiz" in response.content.decode()
    assert not Relation.objects.filter(case=case).exists()


def test_relation_to_an_actor_of_another_case_is_refused(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor], persona: Persona
) -> None:
    other = services.open_case(
        municipality=Municipality.objects.get(register__ags=BAUTZEN),
        by=persona("local_b"),
        title="X",
    )
    foreign = Actor.objects.create(case=other, pseudonym="Fremd", kind="person")
    login("local_a")
    response = client.post(url("relation_add", case), relation_data(actors[0], foreign))
    assert response.status_code == 200 and response.context["form"].errors["target"]
    assert not Relation.objects.exists() or not Relation.objects.filter(target=foreign).exists()
    same = client.post(url("relation_add", case), relation_data(actors[0], actors[0]))
    assert same.status_code == 200 and same.context["form"].errors["target"]


def test_ending_before_the_start_is_refused(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor], persona: Persona
) -> None:
    relation = Relation.objects.create(
        case=case,
        source=actors[0],
        target=actors[1],
        kind="tension",
        valid_from=datetime.date(2026, 3, 1),
    )
    login("local_a")
    for value in ("2026-01-01", "nonsense"):
        response = client.post(
            url("relation_end", case, relation_id=relation.pk), {"end-valid_to": value}
        )
        assert response.status_code == 200
        assert response.context["end_form"].errors
    relation.refresh_from_db()
    assert relation.valid_to is None


# Workflow ------------------------------------------------------------------------------------


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


# Team ----------------------------------------------------------------------------------------


def test_team_add_and_remove(case: Case, client: Client, login: Login, persona: Persona) -> None:
    board = persona("board_a")
    login("local_a")
    assert client.post(url("team", case), {"user": board.pk}).status_code == 302
    member = case.team.get(user=board)
    client.force_login(board)
    assert client.get(url("detail", case)).status_code == 200
    login("local_a")
    assert client.post(url("team_remove", case, member_id=member.pk)).status_code == 302
    assert not case.team.filter(user=board).exists()
    client.force_login(board)
    assert client.get(url("detail", case)).status_code == 404


def test_team_refuses_people_outside_the_municipality(
    case: Case, client: Client, login: Login, persona: Persona
) -> None:
    login("local_a")
    response = client.post(url("team", case), {"user": persona("local_b").pk})
    assert response.status_code == 200 and response.context["form"].errors["user"]
    assert not case.team.filter(user=persona("local_b")).exists()


def test_team_members_cannot_manage_the_team(case: Case, client: Client, login: Login) -> None:
    login("actor_a")
    assert client.get(url("team", case)).status_code == 403


# Actor map -----------------------------------------------------------------------------------


def test_actor_map_for_a_date(
    case: Case, client: Client, login: Login, actors: tuple[Actor, Actor]
) -> None:
    Relation.objects.create(
        case=case,
        source=actors[0],
        target=actors[1],
        kind="alliance",
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2025, 12, 31),
    )
    login("actor_a")
    then = client.get(url("actor_map", case), {"stichtag": "2025-06-01"})
    assert then.status_code == 200 and len(then.context["relations"]) == 1
    assert then.context["day"] == datetime.date(2025, 6, 1)
    assert 'role="img"' in then.content.decode()
    now = client.get(url("actor_map", case))
    assert now.context["day"] == datetime.date.today()  # noqa: DTZ011
    assert len(now.context["relations"]) == 0


def test_actor_map_with_an_invalid_date_falls_back_to_today(
    case: Case, client: Client, login: Login
) -> None:
    login("local_a")
    response = client.get(url("actor_map", case), {"stichtag": "2025-02-30"})
    assert response.status_code == 200
    assert response.context["day"] == datetime.date.today()  # noqa: DTZ011
    assert error_messages(response)
