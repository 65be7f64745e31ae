"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from kokoma.municipalities.models import Municipality
from kokoma.prevention import services
from kokoma.prevention.models import PreventionMeasure

from ..conftest import COTTBUS, demo_user


def cottbus_prevention_measure() -> PreventionMeasure:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    measure = PreventionMeasure.objects.filter(
        municipality=municipality, title="Matrix-Präventionsmaßnahme"
    ).first()
    if measure is None:
        measure = services.create_prevention_measure(
            municipality=municipality,
            by=demo_user("lokal.cottbus"),
            title="Matrix-Präventionsmaßnahme",
            organisation="Stadtteilverein Beispielhof",
            starts_on=datetime.date(2026, 1, 5),
        )
    return measure


SAMPLES: dict[str, Any] = {"prevention_measure_id": lambda: cottbus_prevention_measure().pk}
