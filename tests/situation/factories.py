"""Crafted data for the situation picture: a fresh municipality with cases on known dates."""

from __future__ import annotations

import datetime
from typing import Any

from kokoma.accounts.models import User
from kokoma.cases import services as cases
from kokoma.cases.models import Case
from kokoma.cases.services import assess_escalation
from kokoma.municipalities.models import Municipality, RegisterEntry
from kokoma.municipalities.services import onboard_municipality
from kokoma.observations.models import Observation
from kokoma.observations.services import record_observation
from kokoma.taxonomy.models import Term, TermKind


def fresh_municipality(office: User, ags: str = "09162000") -> Municipality:
    return onboard_municipality(
        by=office, register=RegisterEntry.objects.get(ags=ags), joined_on=datetime.date(2025, 1, 1)
    )


def topic(name: str) -> Term:
    return Term.objects.get(kind=TermKind.TOPIC, name=name)


def motive(name: str) -> Term:
    return Term.objects.get(kind=TermKind.MOTIVE, name=name)


def observation(
    municipality: Municipality,
    by: User,
    day: datetime.date,
    *,
    topics: tuple[str, ...] = (),
    status: str = Observation.Status.NEW,
    **extra: Any,
) -> Observation:
    found = record_observation(
        municipality=municipality,
        by=by,
        topics=[topic(name) for name in topics],
        occurred_on=day,
        place="Marktplatz",
        description="Erfundene Beobachtung",
        source=Observation.Source.INTERNAL,
        **extra,
    )
    if status != Observation.Status.NEW:
        Observation.objects.filter(pk=found.pk).update(status=status)
    return found


def case(municipality: Municipality, by: User, title: str, *stages: tuple[str, int]) -> Case:
    """A case with whole-case Glasl assessments given as (ISO date, stage)."""
    found = cases.open_case(municipality=municipality, by=by, title=title)
    for day, stage in stages:
        assess_escalation(
            found, by=by, stage=stage, rationale="x", assessed_on=datetime.date.fromisoformat(day)
        )
    return found
