"""The case page's processing sections do not add queries per procedure or agreement."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kokoma.cases.models import Actor, Agreement, CaseProcedure, Measure
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import Login

from ..cases.matrix_samples import cottbus_case

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_more_procedures_and_agreements_do_not_add_queries(login: Login, client: Client) -> None:
    case = cottbus_case()
    user = login("local_a")
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    actors = [Actor.objects.create(case=case, pseudonym=f"P{i}", kind="group") for i in range(3)]
    procedure_type = Term.objects.create(kind=TermKind.PROCEDURE, name="Testverfahren")
    today = datetime.date(2026, 1, 1)

    def add(n: int) -> None:
        for i in range(n):
            procedure = CaseProcedure.objects.create(
                case=case, procedure=procedure_type, goal=f"Ziel {i}"
            )
            procedure.participants.set(actors)
            agreement = Agreement.objects.create(case=case, text=f"V {i}", agreed_on=today)
            agreement.parties.set(actors)
            Measure.objects.create(case=case, title=f"M {i}", owner=user, due_on=today)

    add(1)
    _queries(client, url)  # warm caches (sessions, content types)
    before = _queries(client, url)
    add(10)
    assert _queries(client, url) == before
