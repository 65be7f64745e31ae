"""Alert pages, thresholds and response plans (views)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kokoma.prevention import services
from kokoma.prevention.models import Alert, AlertKind, ResponderRole, ResponseStep, WarningSettings

from ..conftest import COTTBUS, Login, Persona
from .helpers import case_with_stages, cottbus, topic, topic_alert

pytestmark = pytest.mark.django_db

LIST = reverse("prevention:alert_list", kwargs={"ags": COTTBUS})
SETTINGS = reverse("prevention:settings", kwargs={"ags": COTTBUS})


def detail(alert: Alert) -> str:
    return reverse("prevention:alert_detail", kwargs={"ags": COTTBUS, "alert_id": alert.pk})


def test_the_list_shows_case_alerts_only_to_people_who_may_see_the_case(
    client: Client, login: Login, persona: Persona
) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(5, 2), (1, 4)])
    services.run_check(municipality=cottbus())
    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_4)
    caseless = topic_alert(cottbus(), fingerprint="view-test")

    login("local_a")
    page = client.get(LIST).content.decode()
    assert alert.summary in page and caseless.summary in page
    assert case.title in client.get(detail(alert)).content.decode()

    login("actor_a")  # not on the case team
    page = client.get(LIST).content.decode()
    assert alert.summary not in page and caseless.summary in page
    assert client.get(detail(alert)).status_code == 404
    assert client.get(detail(caseless)).status_code == 200

    login("local_b")
    assert client.get(detail(caseless)).status_code == 404


def test_the_list_filters_and_its_query_count_stays_flat(
    client: Client, login: Login, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(30):
        alert = topic_alert(cottbus(), fingerprint=f"many-{number}")
        if number % 3 == 0:
            alert.acknowledged_at = alert.raised_at
            alert.acknowledgement = "erledigt"
            alert.save()
    login("local_a")
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(LIST, {"status": "acknowledged", "kind": "topic_threshold"})
    assert "erledigt" not in response.content.decode()  # the comment is on the detail page
    assert (
        response.context["page"].paginator.count
        == Alert.objects.filter(municipality=cottbus(), kind=AlertKind.TOPIC_THRESHOLD)
        .acknowledged()
        .count()
    )
    with django_assert_max_num_queries(8):
        client.get(LIST, {"status": "all", "seite": "2"})
    response = client.get(LIST, {"kind": "stage_7"})
    assert (
        response.context["page"].paginator.count
        == Alert.objects.filter(municipality=cottbus(), kind=AlertKind.STAGE_7).open().count()
    )


def test_acknowledging_on_the_detail_page(client: Client, login: Login) -> None:
    alert = topic_alert(cottbus(), fingerprint="ack")
    login("local_a")
    response = client.post(detail(alert), {"comment": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    alert.refresh_from_db()
    assert alert.acknowledged_at is None

    response = client.post(detail(alert), {"comment": "Gremium informiert."})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledgement == "Gremium informiert."
    assert "Gremium informiert." in client.get(detail(alert)).content.decode()
    assert client.post(detail(alert), {"comment": "x"}).status_code == 403


def test_members_outside_the_tandem_cannot_acknowledge_topic_alerts(
    client: Client, login: Login
) -> None:
    alert = topic_alert(cottbus(), fingerprint="board")
    login("trainee_a")
    response = client.get(detail(alert))
    assert response.status_code == 200 and response.context["form"] is None
    assert client.post(detail(alert), {"comment": "ok"}).status_code == 403


def test_case_team_members_may_acknowledge_their_case_alerts(
    client: Client, login: Login, persona: Persona
) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(1, 7)], team=[persona("actor_a")])
    services.run_check(municipality=cottbus())
    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_7)
    login("actor_a")
    assert client.post(detail(alert), {"comment": "Polizei informiert."}).status_code == 302


def test_thresholds_page_refuses_bad_numbers(client: Client, login: Login) -> None:
    services.settings_for(cottbus())
    login("local_a")
    assert client.get(SETTINGS).status_code == 200
    for bad in ("0", "-2", "drei", "", "2.5"):
        response = client.post(
            SETTINGS,
            {"observations_per_week": bad, "climb_stages": "2", "climb_window_days": "30"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["observations_per_week"]
    wohnen = topic("Wohnen")
    response = client.post(
        SETTINGS,
        {
            "observations_per_week": "5",
            "climb_stages": "2",
            "climb_window_days": "30",
            f"topic_{wohnen.pk}": "0",
        },
    )
    assert response.context["form"].errors[f"topic_{wohnen.pk}"]
    assert WarningSettings.objects.get(municipality=cottbus()).observations_per_week == 3

    response = client.post(
        SETTINGS,
        {
            "observations_per_week": "5",
            "climb_stages": "3",
            "climb_window_days": "21",
            f"topic_{wohnen.pk}": "2",
        },
    )
    assert response.status_code == 302
    saved = WarningSettings.objects.get(municipality=cottbus())
    assert (saved.observations_per_week, saved.climb_stages, saved.climb_window_days) == (5, 3, 21)
    assert saved.topic_thresholds.get().observations_per_week == 2


def test_only_the_tandem_edits_settings_and_responses(client: Client, login: Login) -> None:
    login("actor_a")
    assert client.get(SETTINGS).status_code == 403
    url = reverse("prevention:response_edit", kwargs={"ags": COTTBUS, "alert_kind": "stage_7"})
    assert client.get(url).status_code == 403


def test_editing_a_response_plan(client: Client, login: Login, persona: Persona) -> None:
    services.settings_for(cottbus())
    url = reverse("prevention:response_edit", kwargs={"ags": COTTBUS, "alert_kind": "stage_4"})
    login("external")
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 3  # two default steps and one empty
    data = {
        "schritt-TOTAL_FORMS": "3",
        "schritt-INITIAL_FORMS": "2",
        "schritt-MIN_NUM_FORMS": "0",
        "schritt-MAX_NUM_FORMS": "1000",
        "schritt-0-responsible": ResponderRole.TANDEM,
        "schritt-0-action": "Lage im Tandem besprechen",
        "schritt-0-due_days": "2",
        "schritt-1-responsible": ResponderRole.EXTERNAL_COMPANION,
        "schritt-1-action": "Alt",
        "schritt-1-due_days": "5",
        "schritt-1-DELETE": "on",
        "schritt-2-responsible": ResponderRole.MEMBER,
        "schritt-2-member": str(persona("local_b").pk),
        "schritt-2-action": "Fremde Person",
        "schritt-2-due_days": "3",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a member of another municipality is not offered
    assert ResponseStep.objects.filter(municipality=cottbus(), kind="stage_4").count() == 2

    data["schritt-2-member"] = str(persona("actor_a").pk)
    data["schritt-2-action"] = "Verwaltung informieren"
    response = client.post(url, data)
    assert response.status_code == 302
    steps = ResponseStep.objects.filter(municipality=cottbus(), kind="stage_4")
    assert [(s.position, s.action) for s in steps] == [
        (1, "Lage im Tandem besprechen"),
        (2, "Verwaltung informieren"),
    ]
    assert steps[1].member == persona("actor_a")
    # Saving again with the empty extra form untouched keeps the two steps.
    data = {
        "schritt-TOTAL_FORMS": "3",
        "schritt-INITIAL_FORMS": "2",
        "schritt-MIN_NUM_FORMS": "0",
        "schritt-MAX_NUM_FORMS": "1000",
        "schritt-0-responsible": ResponderRole.TANDEM,
        "schritt-0-action": "Lage im Tandem besprechen",
        "schritt-0-due_days": "2",
        "schritt-1-responsible": ResponderRole.MEMBER,
        "schritt-1-member": str(persona("actor_a").pk),
        "schritt-1-action": "Verwaltung informieren",
        "schritt-1-due_days": "3",
        "schritt-2-responsible": "",
        "schritt-2-member": "",
        "schritt-2-action": "",
        "schritt-2-due_days": "3",
    }
    assert client.post(url, data).status_code == 302
    assert ResponseStep.objects.filter(municipality=cottbus(), kind="stage_4").count() == 2
    page = client.get(reverse("prevention:responses", kwargs={"ags": COTTBUS}))
    assert "Verwaltung informieren" in page.content.decode()
    unknown = reverse("prevention:response_edit", kwargs={"ags": COTTBUS, "alert_kind": "nope"})
    assert client.get(unknown).status_code == 404
