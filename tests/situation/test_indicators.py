"""The indicators on crafted data: period boundaries, ISO weeks across the turn of the year."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import User
from kokoma.cases.models import Case, Measure, ThreatDimension
from kokoma.cases.services import add_actor, add_measure, assess_escalation, assess_threat
from kokoma.municipalities.models import Municipality
from kokoma.municipalities.services import assign_tandem
from kokoma.observations.models import Observation
from kokoma.situation import indicators
from kokoma.situation.indicators import Period
from tests.conftest import Persona

from .factories import case, fresh_municipality, motive, observation, topic

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
# Monday 22.12.2025 (week 52/2025) to Sunday 4.1.2026 (week 1/2026, which starts on 29.12.2025)
YEAR_END = Period(D("2025-12-22"), D("2026-01-04"))


@pytest.fixture
def office(persona: Persona) -> User:
    return persona("office")


@pytest.fixture
def town(office: User) -> Municipality:
    return fresh_municipality(office)


def test_period_weeks_cross_the_turn_of_the_year() -> None:
    assert YEAR_END.weeks() == [(2025, 52), (2026, 1)]
    assert Period(D("2026-01-07"), D("2026-01-07")).weeks() == [(2026, 2)]
    assert Period(D("2020-12-20"), D("2021-01-11")).weeks() == [
        (2020, 51),
        (2020, 52),
        (2020, 53),
        (2021, 1),
        (2021, 2),
    ]
    assert indicators.monday_of((2026, 1)) == D("2025-12-29")


def test_observations_per_week_and_topic(
    town: Municipality, office: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    migration, youth = "Flucht/Migration", "Jugend"
    observation(town, office, D("2025-12-21"), topics=(migration,))  # before the period
    observation(town, office, D("2025-12-22"), topics=(migration,))  # first day: week 52/2025
    observation(town, office, D("2025-12-28"), topics=(migration, youth), is_incident=True)
    observation(town, office, D("2025-12-29"), topics=(youth,))  # week 1 of 2026
    observation(town, office, D("2025-12-30"), topics=(youth,), status=Observation.Status.DISMISSED)
    observation(town, office, D("2026-01-04"))  # last day, no topic
    observation(town, office, D("2026-01-05"), topics=(youth,))  # after the period
    with django_assert_max_num_queries(2):
        weekly = indicators.observations_per_week(town, YEAR_END)
    assert weekly.weeks == [(2025, 52), (2026, 1)]
    assert weekly.total == {(2025, 52): 2, (2026, 1): 2}
    assert weekly.incidents == {(2025, 52): 1}
    assert weekly.by_topic == {migration: {(2025, 52): 2}, youth: {(2025, 52): 1, (2026, 1): 1}}
    assert weekly.topic_totals() == [(migration, 2), (youth, 2)]
    assert list(weekly.rows()) == [((2025, 52), 2, 1, [2, 1]), ((2026, 1), 2, 0, [0, 1])]


def test_incidents_per_motive(town: Municipality, office: User) -> None:
    racist = motive("rassistisch")
    for day in ("2025-12-23", "2025-12-24"):
        observation(town, office, D(day), is_incident=True, motive=racist)
    observation(town, office, D("2025-12-25"), is_incident=True)
    observation(
        town,
        office,
        D("2025-12-26"),
        is_incident=True,
        motive=racist,
        status=Observation.Status.DISMISSED,
    )
    observation(town, office, D("2025-12-27"), motive=racist)  # not an incident
    assert indicators.incidents_per_motive(town, YEAR_END) == [("rassistisch", 2), ("", 1)]


def test_cases_climbing_glasl_stages(
    town: Municipality, office: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    climbed = case(town, office, "vorher 3, im Zeitraum 5", ("2025-11-01", 3), ("2025-12-23", 5))
    new = case(town, office, "erst im Zeitraum", ("2025-12-22", 2), ("2026-01-04", 4))
    case(town, office, "sinkt", ("2025-11-01", 6), ("2025-12-30", 4))
    case(town, office, "ohne Einschätzung im Zeitraum", ("2025-11-01", 3))
    case(town, office, "steigt erst danach", ("2025-11-01", 2), ("2026-01-05", 7))
    case(town, office, "am ersten Tag gleich", ("2025-12-21", 4), ("2025-12-22", 4))
    actor_view = case(town, office, "nur aus Sicht einer Partei", ("2025-11-01", 3))
    actor = add_actor(actor_view, by=office, pseudonym="Partei A", kind="group")
    assess_escalation(
        actor_view, by=office, stage=8, rationale="x", actor=actor, assessed_on=D("2025-12-24")
    )
    with django_assert_max_num_queries(1):
        climbs = indicators.cases_climbing(town, YEAR_END)
    assert [(c.case.pk, c.from_stage, c.to_stage) for c in climbs] == [
        (climbed.pk, 3, 5),
        (new.pk, 2, 4),
    ]
    assert climbs[0].case.title == "vorher 3, im Zeitraum 5"


def test_open_cases_by_band_and_topic(
    town: Municipality, office: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    low = case(town, office, "niedrig", ("2025-01-01", 5), ("2025-02-01", 2))
    case(town, office, "mittel", ("2025-02-01", 6))
    case(town, office, "hoch", ("2025-02-01", 7))
    case(town, office, "ohne")
    closed = case(town, office, "geschlossen", ("2025-02-01", 9))
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    low.topics.set([topic("Jugend"), topic("Religion")])
    closed.topics.set([topic("Jugend")])
    with django_assert_max_num_queries(1):
        bands = indicators.open_cases_by_band(town)
    assert bands == {"1-3": 1, "4-6": 1, "7-9": 1, "none": 1}
    with django_assert_max_num_queries(1):
        topics = indicators.open_cases_by_topic(town)
    assert sorted(topics) == [("Jugend", 1), ("Religion", 1)]


def test_overdue_measures_and_steps(
    town: Municipality,
    office: User,
    persona: Persona,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    today = timezone.localdate()
    owner = persona("external")
    assign_tandem(town, by=office, external_companion=owner, local_companion_email="")
    late = case(town, office, "überfällig")
    on_time = case(town, office, "rechtzeitig")
    closed = case(town, office, "geschlossen")
    long_ago = timezone.now() - datetime.timedelta(days=40)
    Case.objects.filter(pk__in=[late.pk, closed.pk]).update(step_since=long_ago)
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    overdue = add_measure(late, by=office, title="Gespräch", owner=owner, due_on=today)
    done = add_measure(late, by=office, title="erledigt", owner=owner, due_on=today)
    add_measure(on_time, by=office, title="heute fällig", owner=owner, due_on=today)
    left_open = add_measure(closed, by=office, title="offen geblieben", owner=owner, due_on=today)
    # Time has passed: the due dates lie in the past now
    yesterday = today - datetime.timedelta(days=1)
    Measure.objects.filter(pk__in=[overdue.pk, done.pk, left_open.pk]).update(due_on=yesterday)
    Measure.objects.filter(pk=done.pk).update(status=Measure.Status.DONE)
    with django_assert_max_num_queries(1):
        measures = indicators.overdue_measures(town, today)
    # The measure left open in the closed case is history, not overdue.
    assert [m.pk for m in measures] == [overdue.pk]
    with django_assert_max_num_queries(2):
        steps = indicators.overdue_steps(town)
    assert [row.case.pk for row in steps] == [late.pk]
    # The same answer as the workflow's own definition, case by case
    for found in Case.objects.filter(municipality=town).select_related("step"):
        assert found.is_overdue() == (found.pk == late.pk)


def test_threat_dimensions_use_the_latest_score_of_open_cases(
    town: Municipality, office: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    first, second, closed = (case(town, office, name) for name in ("eins", "zwei", "zu"))
    enmity = ThreatDimension.ENMITY
    assess_threat(
        first, by=office, dimension=enmity, score=1, rationale="x", assessed_on=D("2025-01-01")
    )
    assess_threat(
        first, by=office, dimension=enmity, score=3, rationale="x", assessed_on=D("2025-03-01")
    )
    assess_threat(
        second, by=office, dimension=enmity, score=2, rationale="x", assessed_on=D("2025-02-01")
    )
    assess_threat(
        closed, by=office, dimension=enmity, score=0, rationale="x", assessed_on=D("2025-02-01")
    )
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    with django_assert_max_num_queries(1):
        dimensions = {row.dimension: row for row in indicators.threat_dimensions(town)}
    assert list(dimensions) == list(ThreatDimension.values)
    assert dimensions[enmity].distribution == {0: 0, 1: 0, 2: 1, 3: 1}
    assert dimensions[enmity].average == 2.5
    assert dimensions[ThreatDimension.TRUST].average is None
