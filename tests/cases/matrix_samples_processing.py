"""URL parameter samples for the conflict-processing pages (procedures, measures, agreements)."""

from __future__ import annotations

from typing import Any

from kokoma.cases.models import Agreement, CaseProcedure, Measure
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import demo_user
from .matrix_samples import cottbus_case


def _procedure() -> CaseProcedure:
    case = cottbus_case()
    term, _ = Term.objects.get_or_create(kind=TermKind.PROCEDURE, name="Mediation")
    procedure, _ = CaseProcedure.objects.get_or_create(
        case=case, procedure=term, defaults={"goal": "Matrix-Ziel"}
    )
    return procedure


def _measure() -> Measure:
    case = cottbus_case()
    measure, _ = Measure.objects.get_or_create(
        case=case, title="Matrix-Maßnahme", defaults={"owner": demo_user("lokal.cottbus")}
    )
    return measure


def _agreement() -> Agreement:
    case = cottbus_case()
    agreement = Agreement.objects.filter(case=case).first()
    if agreement is None:
        agreement = Agreement.objects.create(
            case=case, text="Matrix-Vereinbarung", agreed_on=case.opened_on
        )
    return agreement


SAMPLES: dict[str, Any] = {
    "procedure_id": lambda: _procedure().pk,
    "measure_id": lambda: _measure().pk,
    "agreement_id": lambda: _agreement().pk,
}
