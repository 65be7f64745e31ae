"""Evidence per procedure type: hand-computed figures on a municipality of their own, small cells
suppressed everywhere."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.municipalities import services as municipality_services
from kokoma.outcomes.evidence import Filters, evidence, wilson

from ..conftest import Login, Persona
from ..municipalities.factories import RegisterEntryFactory
from . import factories

pytestmark = pytest.mark.django_db

LAND = "01"  # Schleswig-Holstein: no demo municipality lies there


def test_the_wilson_interval_matches_newcombes_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:857, method 3: 81/263 → 0.2553–0.3662
    low, high = wilson(81, 263)
    assert round(low, 4) == 0.2553 and round(high, 4) == 0.3662


@pytest.fixture
def schleswig(persona: Persona) -> None:
    office = persona("office")
    municipality = municipality_services.onboard_municipality(
        by=office,
        register=RegisterEntryFactory.create(land=LAND, population=30_000),
        joined_on=datetime.date(2025, 1, 1),
    )
    outcomes = ["resolved", "de-escalated", "transformed", "resolved", "escalated", "dormant"]
    for number, outcome in enumerate(outcomes):
        factories.closed_case(
            municipality,
            office,
            title=f"Mediation {number}",
            summary="Streit",
            topic="Jugend",
            stage=5,
            outcome=outcome,
            days=30 + 10 * number,
        )
    for number in range(3):
        factories.closed_case(
            municipality,
            office,
            title=f"Runder Tisch {number}",
            summary="Streit",
            topic="Jugend",
            stage=2,
            procedure="Runder Tisch",
        )


def test_figures_per_procedure_and_band(schleswig: None) -> None:
    cells = {(cell.procedure, cell.band): cell for cell in evidence(Filters(land=LAND))}
    mediation = cells[("Mediation", 2)]
    assert mediation.cases == 6 and mediation.successes == 4
    assert mediation.share == pytest.approx(4 / 6)
    low, high = mediation.interval or (0, 0)
    assert low == pytest.approx(0.3000, abs=1e-3) and high == pytest.approx(0.9032, abs=1e-3)
    assert mediation.median_days is not None
    round_table = cells[("Runder Tisch", 1)]
    assert round_table.cases == 3 and round_table.suppressed
    assert round_table.share is None and round_table.interval is None
    assert round_table.median_days is None


def test_the_page_and_the_export_suppress_small_cells(
    schleswig: None, client: Client, login: Login
) -> None:
    login("local_b")
    page = client.get(reverse("pool:evidence"), {"land": LAND}).content.decode()
    assert "&lt; 5" in page and "67 %" in page
    export = client.get(reverse("pool:evidence_csv"), {"land": LAND}).content.decode()
    rows = [line.split(";") for line in export.strip().splitlines()]
    round_table = next(row for row in rows if row[0] == "Runder Tisch")
    assert round_table[2] == "< 5" and round_table[3:] == ["", "", "", ""]
    mediation = next(row for row in rows if row[0] == "Mediation")
    assert mediation[2] == "6" and mediation[3] == "66.7"


def test_the_demo_shows_real_figures() -> None:
    shown = [cell for cell in evidence() if not cell.suppressed]
    assert shown, "the demo's history gives at least one cell of five cases or more"


def test_the_evidence_page_costs_the_same_queries_whatever_the_number_of_cases(
    schleswig: None, client: Client, login: Login, persona: Persona
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kokoma.municipalities.models import Municipality

    login("local_b")
    url = reverse("pool:evidence")

    def queries() -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    before = queries()
    municipality = Municipality.objects.get(register__land=LAND)
    for number in range(8):
        factories.closed_case(
            municipality,
            persona("office"),
            title=f"Weitere {number}",
            summary="Streit",
            topic="Wohnen",
            stage=8,
            procedure="Schlichtung",
        )
    assert queries() == before
    assert before <= 12
