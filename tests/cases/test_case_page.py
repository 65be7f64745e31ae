"""The case page's read model, called without a request: what it shows and at what cost."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kokoma.cases import services
from kokoma.cases.case_page import case_page

from ..conftest import demo_user
from .matrix_samples import cottbus_case

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_latest_whole_case_stage_and_the_analysis_lines() -> None:
    case = cottbus_case()
    tandem = demo_user("lokal.cottbus")
    case.dividers = "Parkplätze\n\n  Lärm  "
    case.save()
    services.assess_escalation(
        case, by=tandem, stage=3, rationale="r", assessed_on=datetime.date(2026, 1, 5)
    )
    services.assess_escalation(
        case, by=tandem, stage=5, rationale="r", assessed_on=datetime.date(2026, 2, 5)
    )

    page = case_page(case, user=tandem)

    assert page["current_stage"].stage == 5
    assert page["dividers"] == ["Parkplätze", "Lärm"]
    assert page["can_change"] and page["can_manage_team"] and page["can_view_identity"]
    assert "escalation-chart" in page["chart"]


def test_a_team_member_sees_no_identities_and_may_not_manage_the_team() -> None:
    case = cottbus_case()
    services.set_identity(
        services.add_actor(
            case, by=demo_user("lokal.cottbus"), pseudonym="Anwohnerin A", kind="person"
        ),
        by=demo_user("lokal.cottbus"),
        real_name="Erika Mustermann",
    )

    page = case_page(case, user=demo_user("akteur.cottbus"))

    assert not page["can_view_identity"] and not page["can_manage_team"]
    assert page["can_change"]
    assert [actor.pseudonym for actor in page["actors"]] == ["Anwohnerin A"]


def test_the_read_model_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    case = cottbus_case()
    tandem = demo_user("lokal.cottbus")
    for i in range(5):
        services.add_actor(case, by=tandem, pseudonym=f"P{i}", kind="group")
    case_page(case, user=tandem)  # warm the per-user permission caches
    # 13, +1 for the closing rule: the steps from which the case may be closed (issue 9)
    with django_assert_max_num_queries(14):
        case_page(case, user=tandem)
