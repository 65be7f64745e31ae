"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py).

`case_consultation_id`: a draft on the Cottbus matrix case (its team: the Cottbus actor; its
coordinators: the Cottbus tandem). `consultation_id`: a consultation of another Cottbus case,
shared with the network and open, with an answer from Bautzen."""

from __future__ import annotations

from typing import Any

from kokoma.cases import services as cases
from kokoma.cases.models import Case
from kokoma.consultation import services
from kokoma.consultation.models import Consultation
from kokoma.municipalities.models import Municipality

from ..cases.matrix_samples import cottbus_case
from ..conftest import COTTBUS, demo_user

SHARED_CASE = "Matrix-Fallberatung"


def matrix_draft() -> Consultation:
    case = cottbus_case()
    draft = case.consultations.filter(status="draft").first()
    if draft is None:
        draft = services.draft_consultation(
            case, by=demo_user("lokal.cottbus"), question="Wie gehen wir weiter vor?"
        )
    return draft


def shared_case() -> Case:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    case = Case.objects.filter(municipality=municipality, title=SHARED_CASE).first()
    if case is None:
        case = cases.open_case(
            municipality=municipality,
            by=demo_user("lokal.cottbus"),
            title=SHARED_CASE,
            summary="Streit um einen Treffpunkt im Quartier.",
            team=[demo_user("akteur.cottbus")],
        )
    return case


def matrix_consultation() -> Consultation:
    case = shared_case()
    found = case.consultations.filter(status="open").first()
    if found is not None:
        return found
    tandem = demo_user("lokal.cottbus")
    draft = services.draft_consultation(case, by=tandem, question="Was raten Sie uns?")
    shared = services.approve_consultation(draft, by=tandem)
    services.answer_consultation(
        shared, by=demo_user("lokal.bautzen"), phase="question", text="Seit wann besteht das?"
    )
    return shared


SAMPLES: dict[str, Any] = {
    "case_consultation_id": lambda: matrix_draft().pk,
    "consultation_id": lambda: matrix_consultation().pk,
}
