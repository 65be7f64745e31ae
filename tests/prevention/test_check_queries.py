"""The early-warning check's database work is pinned: per run a fixed number of look-ups, per
raised alert only its writes (alert, audit entries, notifications, tasks) – whatever the number
of cases, people or alerts. A regression (a query per alert, person or step) fails here."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import MembershipRole, User
from kokoma.municipalities.models import Municipality, RegisterEntry
from kokoma.municipalities.services import add_member, onboard_municipality
from kokoma.notifications.models import Notification
from kokoma.prevention import services
from kokoma.prevention.models import Alert, AlertKind
from kokoma.tasks.models import Task
from tests.conftest import Persona

from .helpers import ago, case_with_stages

pytestmark = pytest.mark.django_db

GOERLITZ = "14626110"  # in the test register, not part of the demo

# Look-ups once per run: municipality, settings (in a savepoint: 3), known alerts, cases,
# assessments, procedure rules and levels, thresholds, observations, response plans, tandem,
# members, case teams, the visible cases of each of the three people involved (3), and their
# e-mail choices.
PER_RUN = 19
# Per alert (in a transaction of its own: 2): alert and its audit entry (2), the notification
# of the tandem and the case team (1), the link to its tasks (1); per task: task, audit entry,
# notification for the assignee (3). A climb has three tasks (tandem 2, case team 1), stage 4
# two (local and external companion).
PER_CLIMB = 6 + 3 * 3
PER_STAGE_4 = 6 + 3 * 2


@pytest.fixture
def town(persona: Persona) -> tuple[Municipality, User, User]:
    """A fresh municipality with its tandem and two actors, nothing raised yet."""
    office = persona("office")
    municipality = onboard_municipality(
        by=office,
        register=RegisterEntry.objects.get(ags=GOERLITZ),
        joined_on=ago(400),
        external_companion=persona("external"),
        local_companion_email="lokal.goerlitz@kokoma.test",
        local_companion_name="Lotte Probst",
    )
    on_team, outside = (
        add_member(
            municipality,
            by=office,
            email=f"akteur{number}.goerlitz@kokoma.test",
            display_name=name,
            role=MembershipRole.ACTOR,
        ).user
        for number, name in ((1, "Ida Quandt"), (2, "Ole Rieck"))
    )
    services.settings_for(municipality)  # default thresholds and response plans (first use)
    return Municipality.objects.with_register().get(pk=municipality.pk), on_team, outside


@pytest.mark.parametrize("cases", [1, 4])
def test_the_check_costs_a_fixed_number_of_queries_per_alert(
    cases: int,
    town: tuple[Municipality, User, User],
    persona: Persona,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    municipality, on_team, outside = town
    for _ in range(cases):
        case_with_stages(municipality, persona("external"), [(20, 2), (2, 4)], team=[on_team])

    with django_assert_max_num_queries(PER_RUN + cases * (PER_CLIMB + PER_STAGE_4)):
        report = services.run_check(municipality=municipality)

    assert report.by_kind == {AlertKind.STAGE_CLIMB: cases, AlertKind.STAGE_4: cases}
    assert report.tasks == cases * 5
    alerts = Alert.objects.filter(municipality=municipality)
    assert Task.objects.filter(municipality=municipality, case__isnull=False).count() == cases * 5
    # Still need-to-know: the actor outside the case team hears of none of it.
    notified = set(
        Notification.objects.filter(
            link__in=[services.alert_url(alert) for alert in alerts]
        ).values_list("recipient_id", flat=True)
    )
    assert on_team.pk in notified
    assert outside.pk not in notified
    assert not Task.objects.filter(assignee=outside).exists()
