"""The management command, the background task and the demo."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from kokoma.cases.models import Case
from kokoma.demo.prevention import ESCALATING_CASE, load_demo_prevention
from kokoma.prevention.jobs import daily_check
from kokoma.prevention.models import Alert, AlertKind, WarningSettings

from ..conftest import COTTBUS, Persona
from .helpers import case_with_stages, cottbus

pytestmark = pytest.mark.django_db


def test_the_command_reports_what_it_raised(persona: Persona) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(4, 3), (1, 5)])
    out = io.StringIO()
    call_command("check_alerts", "--municipality", COTTBUS, stdout=out)
    assert Alert.objects.filter(case=case).count() == 2
    assert "1" in out.getvalue()
    out = io.StringIO()
    call_command("check_alerts", "--municipality", COTTBUS, stdout=out)
    assert Alert.objects.filter(case=case).count() == 2


def test_the_command_takes_a_date(persona: Persona) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(40, 3), (35, 5)])
    call_command("check_alerts", "--municipality", COTTBUS, stdout=io.StringIO())
    assert not Alert.objects.filter(case=case).exists()  # older than the lookback
    day = (case.escalations.last().assessed_on).isoformat()  # type: ignore[union-attr]
    call_command("check_alerts", "--date", day, "--municipality", COTTBUS, stdout=io.StringIO())
    assert Alert.objects.filter(case=case, kind=AlertKind.STAGE_CLIMB).exists()


@pytest.mark.parametrize(
    "arguments",
    [["--date", "31.12.2026"], ["--date", "2026-02-30"], ["--municipality", "99999999"]],
)
def test_the_command_refuses_bad_input(arguments: list[str]) -> None:
    before = Alert.objects.count()
    with pytest.raises(CommandError):
        call_command("check_alerts", *arguments, stdout=io.StringIO())
    assert Alert.objects.count() == before


def test_the_daily_task_runs_the_check(persona: Persona) -> None:
    case = case_with_stages(cottbus(), persona("local_a"), [(1, 7)])
    result = daily_check.call()
    assert result["municipalities"] >= 2
    assert result[AlertKind.STAGE_7] >= 1
    assert Alert.objects.filter(case=case, kind=AlertKind.STAGE_7).exists()
    assert daily_check.call()["alerts"] == 0


def test_the_demo_raises_alerts_and_is_idempotent() -> None:
    load_demo_prevention()
    case = Case.objects.get(title=ESCALATING_CASE)
    kinds = set(Alert.objects.filter(case=case).values_list("kind", flat=True))
    assert {AlertKind.STAGE_7, AlertKind.STAGE_CLIMB} <= kinds
    assert Alert.objects.filter(case=case).acknowledged().count() == 1
    assert Alert.objects.get(case=case, kind=AlertKind.STAGE_7).tasks.exists()
    assert WarningSettings.objects.filter(municipality=cottbus()).exists()
    counts = (Alert.objects.count(), case.escalations.count())
    load_demo_prevention()
    assert (Alert.objects.count(), case.escalations.count()) == counts
