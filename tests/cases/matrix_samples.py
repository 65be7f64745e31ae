"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.accounts.models import User
from kokoma.cases import services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality

from ..conftest import COTTBUS, demo_user


def cottbus_case() -> Case:
    """A Cottbus case whose team is the Cottbus actor only (board member and trainee are not)."""
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    case = Case.objects.filter(municipality=municipality, title="Matrix-Fall").first()
    if case is None:
        tandem: User = demo_user("lokal.cottbus")
        case = services.open_case(
            municipality=municipality,
            by=tandem,
            title="Matrix-Fall",
            team=[demo_user("akteur.cottbus")],
        )
    return case


def _case_in_reach(user: User, kwargs: dict[str, Any]) -> Case | None:
    return Case.objects.visible_to(user).filter(reference=kwargs["reference"]).first()


SAMPLES: dict[str, Any] = {"reference": lambda: cottbus_case().reference}
SCOPES: dict[str, Any] = {"case": _case_in_reach}
