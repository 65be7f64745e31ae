"""The case list: scoping, filters, German search, counts for the programme office."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal, TypedDict

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.cases import services
from kokoma.cases.models import Actor, Case, EscalationAssessment
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import BAUTZEN, COTTBUS, Login, Persona

if TYPE_CHECKING:
    from tests.conftest import ClientResponse

pytestmark = pytest.mark.django_db

LIST = reverse("caselist:list")
COTTBUS_LIST = reverse("caselist:municipality", args=[COTTBUS])


class SampleCases(TypedDict):
    """A quiet case on a playground topic and a hot one, overdue, in Cottbus."""

    quiet: Case
    hot: Case
    topic: Term


SampleCase = Literal["quiet", "hot"]


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def sample_cases(cottbus: Municipality, persona: Persona) -> SampleCases:
    tandem = persona("local_a")
    topic = Term.objects.create(kind=TermKind.TOPIC, name="Testthema Spielplatz")
    quiet = services.open_case(
        municipality=cottbus,
        by=tandem,
        title="Streit um die Spielplätze",
        summary="Anwohnende beschweren sich über Lärm.",
        team=[persona("actor_a")],
    )
    quiet.topics.add(topic)
    hot = services.open_case(
        municipality=cottbus, by=tandem, title="Drohbriefe an den Stadtrat", summary="Eskaliert."
    )
    EscalationAssessment.objects.create(
        case=hot, stage=2, assessed_on=datetime.date(2025, 1, 1), rationale="früher"
    )
    EscalationAssessment.objects.create(
        case=hot, stage=7, assessed_on=datetime.date(2025, 3, 1), rationale="jetzt"
    )
    Actor.objects.create(case=hot, pseudonym="Bürgerinitiative Nordlicht", kind="group")
    Case.objects.filter(pk=hot.pk).update(step_since=timezone.now() - datetime.timedelta(days=30))
    return {"quiet": quiet, "hot": hot, "topic": topic}


def references(response: ClientResponse) -> set[str]:
    return {case.reference for case, _overdue in response.context["rows"]}


def test_the_tandem_sees_its_cases_and_not_the_other_municipality(
    client: Client, login: Login, sample_cases: SampleCases
) -> None:
    login("local_a")
    response = client.get(LIST)
    assert response.status_code == 200
    found = references(response)
    assert {sample_cases["quiet"].reference, sample_cases["hot"].reference} <= found
    assert not Case.objects.filter(reference__in=found, municipality__register__ags=BAUTZEN)
    assert response.context["counts"] is None


def test_a_team_member_sees_only_team_cases(
    client: Client, login: Login, sample_cases: SampleCases
) -> None:
    user = login("actor_a")
    response = client.get(COTTBUS_LIST)
    found = references(response)
    assert sample_cases["quiet"].reference in found
    assert sample_cases["hot"].reference not in found
    assert (
        found
        == set(
            Case.objects.visible_to(user)
            .filter(municipality__register__ags=COTTBUS)
            .values_list("reference", flat=True)[:25]
        )
        or len(found) == 25
    )


def test_the_office_sees_counts_not_cases(
    client: Client, login: Login, sample_cases: SampleCases
) -> None:
    login("office")
    response = client.get(COTTBUS_LIST)
    assert response.status_code == 200
    assert references(response) == set()
    counts = response.context["counts"]
    assert counts
    total = sum(row["count"] for row in counts)
    assert (
        total
        == Case.objects.filter(municipality__register__ags=COTTBUS, closed_at__isnull=True).count()
    )
    assert b"Streit um die Spielpl" not in response.content
    response = client.get(LIST)
    assert response.context["counts"]
    assert references(response) == set()


def test_the_office_sees_a_case_it_is_on_the_team_of(
    client: Client, login: Login, persona: Persona, sample_cases: SampleCases
) -> None:
    office = persona("office")
    case = sample_cases["hot"]
    from kokoma.cases.models import CaseTeamMember

    CaseTeamMember.objects.create(case=case, user=office)
    login("office")
    assert references(client.get(LIST)) == {case.reference}


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({"glasl": "7-9"}, "hot", "quiet"),
        ({"overdue": "on"}, "hot", "quiet"),
        ({"q": "Lärm"}, "quiet", "hot"),
        ({"q": "Nordlicht"}, "hot", "quiet"),
        ({"step": "Eingang", "q": "Drohbriefe"}, "hot", "quiet"),
        ({"status": "open", "q": "Stadtrat"}, "hot", "quiet"),
    ],
)
def test_filters(
    client: Client,
    login: Login,
    sample_cases: SampleCases,
    params: dict[str, str],
    expected: SampleCase,
    absent: SampleCase,
) -> None:
    login("local_a")
    found = references(client.get(COTTBUS_LIST, params))
    assert sample_cases[expected].reference in found
    assert sample_cases[absent].reference not in found


def test_filter_by_topic_and_team_member(
    client: Client, login: Login, persona: Persona, sample_cases: SampleCases
) -> None:
    login("local_a")
    found = references(client.get(COTTBUS_LIST, {"topic": sample_cases["topic"].pk}))
    assert found == {sample_cases["quiet"].reference}
    found = references(client.get(COTTBUS_LIST, {"member": persona("actor_a").pk}))
    assert sample_cases["quiet"].reference in found
    assert sample_cases["hot"].reference not in found


def test_closed_filter(client: Client, login: Login, sample_cases: SampleCases) -> None:
    login("local_a")
    found = references(client.get(COTTBUS_LIST, {"status": "closed"}))
    assert not found & {sample_cases["quiet"].reference, sample_cases["hot"].reference}


def test_rows_show_latest_stage_and_overdue_flag(
    client: Client, login: Login, sample_cases: SampleCases
) -> None:
    login("local_a")
    response = client.get(COTTBUS_LIST, {"q": "Drohbriefe"})
    [(case, overdue)] = response.context["rows"]
    assert case.latest_stage == 7
    assert overdue is True


def test_german_stemming_on_postgresql(
    client: Client, login: Login, sample_cases: SampleCases
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("German stemming needs PostgreSQL")
    login("local_a")
    # "Spielplatz" matches "Spielplätze" by the German stemmer, not as a substring.
    found = references(client.get(COTTBUS_LIST, {"q": "Spielplatz"}))
    assert sample_cases["quiet"].reference in found
