"""Early warning on other pages: the case page's alert panel and the start page's open alerts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.cases.models import Case
from kokoma.prevention.models import Alert, AlertKind
from tests.conftest import Login, Persona

from .helpers import bautzen, case_with_stages, cottbus

pytestmark = pytest.mark.django_db


def _alert(case: Case, summary: str, *, acknowledged: bool = False) -> Alert:
    return Alert.objects.create(
        municipality=case.municipality,
        case=case,
        kind=AlertKind.STAGE_4,
        summary=summary,
        triggered_on=timezone.localdate(),
        raised_at=timezone.now(),
        fingerprint=f"panel-{summary}",
        acknowledged_at=timezone.now() if acknowledged else None,
        acknowledgement="erledigt" if acknowledged else "",
    )


def test_the_case_page_lists_its_alerts_open_ones_first(client: Client, login: Login) -> None:
    local = login("local_a")
    case = case_with_stages(cottbus(), local, [(10, 2), (1, 4)])
    _alert(case, "Ältere, quittierte Warnung", acknowledged=True)
    _alert(case, "Offene Warnung zum Panel")
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    html = page.content.decode()
    assert "Frühwarnungen zu diesem Fall" in html
    assert html.index("Offene Warnung zum Panel") < html.index("Ältere, quittierte Warnung")
    assert (
        reverse(
            "prevention:alert_detail",
            kwargs={
                "ags": cottbus().ags,
                "alert_id": Alert.objects.get(summary="Offene Warnung zum Panel").pk,
            },
        )
        in html
    )


def test_a_case_without_alerts_shows_no_panel(client: Client, login: Login) -> None:
    local = login("local_a")
    case = case_with_stages(cottbus(), local, [(1, 2)])
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert "Frühwarnungen zu diesem Fall" not in page.content.decode()


def test_the_start_page_shows_open_alerts_only_to_those_who_may_see_them(
    client: Client, login: Login, persona: Persona
) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(1, 5)])
    _alert(case, "Startseiten-Warnung Cottbus")
    _alert(case, "Schon quittierte Startseiten-Warnung", acknowledged=True)
    login("local_a")
    html = client.get(reverse("start:home")).content.decode()
    assert "Offene Frühwarnungen" in html
    assert "Startseiten-Warnung Cottbus" in html
    assert "Schon quittierte Startseiten-Warnung" not in html
    # Another municipality's actor, and a Cottbus actor not on the case team, see nothing of it.
    for other in ("actor_b", "actor_a"):
        login(other)
        assert (
            "Startseiten-Warnung Cottbus" not in client.get(reverse("start:home")).content.decode()
        )
    assert bautzen()  # the Bautzen demo topic alert is visible to Bautzen members, not Cottbus'
