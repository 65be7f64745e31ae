"""Cohorts for the training's tests, made through the services like real use."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from kokoma.accounts.models import MembershipRole, User
from kokoma.municipalities import services as municipal
from kokoma.municipalities.models import Municipality
from kokoma.training import services
from kokoma.training.models import Cohort, TrainingSession

from ..conftest import COTTBUS, demo_user


def cohort(**fields: Any) -> Cohort:
    values: dict[str, Any] = {"title": "Testdurchgang", "capacity": 2, **fields}
    return services.add_cohort(by=demo_user("servicestelle"), **values)


def session(cohort: Cohort, *, days_ago: float, title: str = "Termin") -> TrainingSession:
    start = (timezone.now() - datetime.timedelta(days=days_ago)).replace(second=0, microsecond=0)
    return services.add_session(
        cohort,
        by=demo_user("servicestelle"),
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        format="in_person",
        place="Rathaus",
        trainers=[demo_user("trainer")],
    )


def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


def trainee(name: str) -> User:
    """A new training participant of Cottbus."""
    membership = municipal.add_member(
        cottbus(),
        by=demo_user("servicestelle"),
        email=f"{name.lower()}@example.org",
        display_name=name,
        role=MembershipRole.TRAINEE,
    )
    return membership.user
