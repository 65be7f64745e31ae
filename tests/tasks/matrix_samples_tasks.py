"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.municipalities.models import Municipality
from kokoma.tasks import services
from kokoma.tasks.models import CalendarToken, Task

from ..conftest import COTTBUS, demo_user


def cottbus_task() -> Task:
    """A Cottbus task without a case, so that every member of Cottbus may see it."""
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    task = Task.objects.filter(municipality=municipality, title="Matrix-Aufgabe").first()
    if task is None:
        task = services.create_task(
            municipality=municipality,
            by=demo_user("lokal.cottbus"),
            title="Matrix-Aufgabe",
            assignee=demo_user("akteur.cottbus"),
        )
    return task


def cottbus_token() -> str:
    """A valid feed token of the Cottbus local companion."""
    user = demo_user("lokal.cottbus")
    token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
    return (token or services.issue_calendar_token(by=user)).token


SAMPLES: dict[str, Any] = {"task_id": lambda: cottbus_task().pk, "token": cottbus_token}
