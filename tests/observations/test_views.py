"""Recording observations and the tandem's triage inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.observations.models import Observation
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS, Login
from .test_services import municipality, new_observation

pytestmark = pytest.mark.django_db


def url(name: str, observation: Observation | None = None, ags: str = COTTBUS) -> str:
    kwargs = {"ags": ags}
    if observation is not None:
        kwargs["observation_ref"] = observation.reference
    return reverse(f"observations:{name}", kwargs=kwargs)


def form_data(**overrides: Any) -> dict[str, Any]:
    return {
        "occurred_on": "2026-04-02",
        "place": "Schmellwitz",
        "description": "Drohende Stimmung bei einer Versammlung.",
        "source": "internal",
        "severity": "3",
        "is_incident": "on",
        "motive": Term.objects.get(kind=TermKind.MOTIVE, name="extrem rechts").pk,
        "incident_type": Term.objects.get(kind=TermKind.INCIDENT_TYPE, name="Veranstaltung").pk,
        "topics": [Term.objects.get(kind=TermKind.TOPIC, name="Rechtsextremismus").pk],
        **overrides,
    }


def test_a_local_actor_records_an_observation(client: Client, login: Login) -> None:
    user = login("actor_a")
    response = client.post(url("create"), form_data())
    assert response.status_code == 302
    observation = Observation.objects.filter(reporter=user).latest("id")
    assert observation.municipality.ags == COTTBUS
    assert observation.source == Observation.Source.INTERNAL
    assert observation.severity == 3
    assert observation.status == Observation.Status.NEW
    assert observation.motive is not None and observation.topics.count() == 1


def test_the_tandem_lands_on_the_new_observation(client: Client, login: Login) -> None:
    login("local_a")
    response = client.post(url("create"), form_data())
    observation = Observation.objects.latest("id")
    assert response["Location"] == url("detail", observation)


@pytest.mark.parametrize(
    "bad", [{"occurred_on": "2026-13-45"}, {"place": ""}, {"source": "public_form"}]
)
def test_bad_input_re_renders_and_saves_nothing(
    client: Client, login: Login, bad: dict[str, str]
) -> None:
    login("actor_a")
    before = Observation.objects.count()
    response = client.post(url("create"), form_data(**bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert b"Drohende Stimmung" in response.content
    assert Observation.objects.count() == before


def test_the_inbox_shows_new_observations_by_default(client: Client, login: Login) -> None:
    login("local_a")
    new = new_observation()
    dismissed = new_observation()
    dismissed.status = Observation.Status.DISMISSED
    dismissed.dismissal_reason = "Test"
    dismissed.save()
    foreign = new_observation(BAUTZEN)
    response = client.get(url("list"))
    assert response.status_code == 200
    shown = list(response.context["page"].object_list)
    assert new in shown
    assert dismissed not in shown
    assert foreign not in shown
    assert {o.status for o in shown} == {"new"}
    response = client.get(url("list"), {"status": "dismissed"})
    assert dismissed in list(response.context["page"].object_list)
    response = client.get(url("list"), {"status": "all", "incidents": "on"})
    assert all(o.is_incident for o in response.context["page"].object_list)


def test_the_inbox_query_count_does_not_grow(
    client: Client, login: Login, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    login("local_a")
    for _ in range(5):
        new_observation()
    with django_assert_max_num_queries(14):
        response = client.get(url("list"), {"status": "all"})
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["actor_a", "board_a", "trainee_a"])
def test_only_the_tandem_triages(client: Client, login: Login, role: str) -> None:
    login(role)
    observation = new_observation()
    assert client.get(url("list")).status_code == 403
    assert client.get(url("detail", observation)).status_code == 403
    assert client.post(url("verify", observation)).status_code == 403


def test_another_municipalitys_observation_is_not_found(client: Client, login: Login) -> None:
    login("local_b")
    observation = new_observation()
    assert client.get(url("detail", observation, ags=BAUTZEN)).status_code == 404
    assert client.get(url("detail", observation)).status_code == 404
    assert client.post(url("verify", observation, ags=BAUTZEN)).status_code == 404
    observation.refresh_from_db()
    assert observation.status == Observation.Status.NEW


def test_verify_from_the_detail_page(client: Client, login: Login) -> None:
    login("external")
    observation = new_observation()
    assert client.get(url("detail", observation)).status_code == 200
    assert client.get(url("verify", observation)).status_code == 405
    assert client.post(url("verify", observation)).status_code == 302
    observation.refresh_from_db()
    assert observation.status == Observation.Status.VERIFIED


def test_dismiss_without_a_reason_changes_nothing(client: Client, login: Login) -> None:
    login("local_a")
    observation = new_observation()
    response = client.post(url("dismiss", observation), {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    observation.refresh_from_db()
    assert observation.status == Observation.Status.NEW
    response = client.post(url("dismiss", observation), {"reason": "Kein Bezug zur Kommune"})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DISMISSED
    assert observation.dismissal_reason == "Kein Bezug zur Kommune"
    # dismissed: the action pages say so instead of offering the form
    page = client.get(url("dismiss", observation))
    assert page.status_code == 200
    assert not page.context["can_triage"]


def test_merge_into_a_new_case_from_the_page(client: Client, login: Login) -> None:
    login("local_a")
    observation = new_observation()
    response = client.post(url("new_case", observation), {"title": "", "summary": "x"})
    assert response.status_code == 200
    assert Observation.objects.get(pk=observation.pk).case is None
    response = client.post(url("new_case", observation), {"title": "Aus Meldung", "summary": ""})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.case is not None and observation.case.title == "Aus Meldung"


def test_merge_into_an_existing_case_from_the_page(client: Client, login: Login) -> None:
    tandem = login("local_a")
    observation = new_observation()
    case = services.open_case(municipality=municipality(COTTBUS), by=tandem, title="Offen")
    page = client.get(url("attach", observation))
    assert case in page.context["form"].fields["case"].queryset
    foreign = Case.objects.filter(municipality__register__ags=BAUTZEN).first()
    assert foreign is not None
    response = client.post(url("attach", observation), {"case": foreign.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["case"]
    closed = Case.objects.filter(municipality__register__ags=COTTBUS, closed_at__isnull=False)
    response = client.post(url("attach", observation), {"case": closed.first().pk})  # type: ignore[union-attr]
    assert response.status_code == 200
    observation.refresh_from_db()
    assert observation.case is None
    assert client.post(url("attach", observation), {"case": case.pk}).status_code == 302
    observation.refresh_from_db()
    assert observation.case == case
