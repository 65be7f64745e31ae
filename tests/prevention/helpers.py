"""Building blocks for the early-warning tests, made through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases import services as case_services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from kokoma.prevention.models import Alert, AlertKind
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS


def cottbus() -> Municipality:
    return Municipality.objects.with_register().get(register__ags=COTTBUS)


def bautzen() -> Municipality:
    return Municipality.objects.with_register().get(register__ags=BAUTZEN)


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def case_with_stages(
    municipality: Municipality,
    by: User,
    stages: list[tuple[int, int]],
    *,
    team: list[User] | None = None,
) -> Case:
    """An open case with whole-case assessments (days ago, stage), oldest first."""
    case = case_services.open_case(
        municipality=municipality, by=by, title="Frühwarnung Testfall", team=team or []
    )
    for days, stage in stages:
        case_services.assess_escalation(
            case, by=by, stage=stage, rationale="Test", assessed_on=ago(days)
        )
    return case


def topic(name: str = "Jugend") -> Term:
    return Term.objects.get(kind=TermKind.TOPIC, name=name)


def topic_alert(municipality: Municipality, fingerprint: str = "test") -> Alert:
    return Alert.objects.create(
        municipality=municipality,
        kind=AlertKind.TOPIC_THRESHOLD,
        topic=topic(),
        summary="5 Meldungen zum Thema „Jugend“ in KW 1/2026 (Schwelle: 3).",
        triggered_on=timezone.localdate(),
        raised_at=timezone.now(),
        fingerprint=fingerprint,
    )
