"""Audit entries read like a record: object types by name, a viewed page as a page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kokoma.audit.models import AuditAction, AuditEntry, type_label
from kokoma.cases import services
from kokoma.cases.models import Case, Measure
from kokoma.municipalities.models import Municipality
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona: Persona) -> Case:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    return services.open_case(municipality=municipality, by=persona("local_a"), title="Lärm")


def test_object_types_read_as_the_models_name() -> None:
    with translation.override("de"):
        assert type_label("cases.Case") == "Konfliktfall"
        assert type_label("accounts.Membership") == "Mitgliedschaft"
    assert type_label("gone.Model") == "gone.Model"


def test_a_page_view_shows_the_page_and_a_change_shows_field_from_to(
    case: Case, persona: Persona
) -> None:
    by = persona("local_a")
    services.record_case_view(case, by=by, path="/fall/F-TEST/")
    view = AuditEntry.objects.filter(action=AuditAction.VIEW).latest("pk")
    with translation.override("de"):
        [row] = view.change_rows()
        assert (row.label, row.after, row.is_change) == ("Seite", "/fall/F-TEST/", False)
    measure = services.add_measure(case, by=by, title="Flyer", owner=by)
    services.update_measure(measure, by=by, status=Measure.Status.DONE)
    change = AuditEntry.objects.filter(action=AuditAction.UPDATE).latest("pk")
    with translation.override("de"):
        [row] = change.change_rows()
        assert (row.label, row.before, row.after, row.is_change) == (
            "Status",
            "open",
            "done",
            True,
        )


def test_the_audit_page_names_types_and_pages(case: Case, client: Client, login: Login) -> None:
    login("local_a")
    client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    page = client.get(
        reverse("municipalities:audit_log", args=[COTTBUS]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert f"Seite: /fall/{case.reference}/" in page
    assert "page: /" not in page and "→ f" not in page
    assert '<td class="kern-table__cell">Konfliktfall</td>' in page
    assert '<option value="cases.Case">Konfliktfall</option>' in page
