"""The demo's peer consultation, loaded through the services with the rest of the demo."""

from __future__ import annotations

import pytest

from kokoma.consultation.anonymise import find_leaks
from kokoma.consultation.drafting import context_for_case
from kokoma.consultation.models import Consultation, Status
from kokoma.demo.consultation import TITLE, load_demo_consultation

pytestmark = pytest.mark.django_db


def test_the_demo_shares_a_case_with_answers_from_two_other_municipalities() -> None:
    consultation = Consultation.objects.get(title=TITLE)
    assert consultation.status == Status.OPEN and consultation.is_shared
    answers = list(consultation.answers.select_related("author"))
    assert {answer.phase for answer in answers} == {"question", "hypothesis", "suggestion"}
    towns = {
        membership.municipality.name
        for answer in answers
        for membership in answer.author.memberships.select_related("municipality__register")
    }
    assert len(towns) == 2 and consultation.municipality.name not in towns
    texts = f"{consultation.title} {consultation.situation} {consultation.tried}"
    assert find_leaks(texts, context_for_case(consultation.case)) == []
    load_demo_consultation()
    assert Consultation.objects.filter(case=consultation.case).count() == 1
