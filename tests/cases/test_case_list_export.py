"""The case list as CSV and XLSX: every case the filters select, none the person may not see,
and the export is a read of them in the audit log."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kokoma.audit.models import AuditEntry
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from kokoma.observations.models import Observation
from tests.conftest import BAUTZEN, COTTBUS, Login

pytestmark = pytest.mark.django_db


def _csv_references(response: object) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")  # type: ignore[attr-defined]
    return [line[0] for line in list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))[1:]]


def test_the_export_holds_exactly_the_visible_filtered_cases(client: Client, login: Login) -> None:
    user = login("local_a")
    response = client.get(reverse("caselist:list"), {"status": "open", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    expected = set(Case.objects.visible_to(user).open().values_list("reference", flat=True))
    assert set(_csv_references(response)) == expected
    bautzen = set(
        Case.objects.filter(municipality__register__ags=BAUTZEN).values_list("reference", flat=True)
    )
    assert not expected & bautzen


def test_more_than_one_page_is_exported(client: Client, login: Login, settings: object) -> None:
    user = login("local_a")
    settings.KOKOMA_PAGE_SIZE = 2  # type: ignore[attr-defined]
    response = client.get(reverse("caselist:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    references = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(references) == Case.objects.visible_to(user).count() > 2


def test_the_export_is_audited_as_a_read(client: Client, login: Login) -> None:
    login("local_a")
    before = AuditEntry.objects.count()
    response = client.get(reverse("caselist:list"), {"export": "csv"})
    references = _csv_references(response)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() > before and entry is not None
    assert "export=csv" in entry.changes["page"]
    assert all(reference in entry.changes["cases"] for reference in references)


def test_the_list_page_links_its_exports(client: Client, login: Login) -> None:
    login("local_a")
    page = client.get(reverse("caselist:list"), {"status": "open"}).content.decode()
    assert "status=open&amp;export=csv" in page and "export=xlsx" in page


def test_observations_and_municipalities_export_only_what_the_page_lists(
    client: Client, login: Login
) -> None:
    user = login("local_a")
    response = client.get(
        reverse("observations:list", kwargs={"ags": COTTBUS}), {"status": "all", "export": "csv"}
    )
    assert response.status_code == 200
    references = set(_csv_references(response))
    assert references == set(
        Observation.objects.visible_to(user)
        .filter(municipality__register__ags=COTTBUS)
        .values_list("reference", flat=True)
    )
    foreign = client.get(reverse("observations:list", kwargs={"ags": BAUTZEN}), {"export": "csv"})
    assert foreign.status_code == 404

    listed = client.get(reverse("municipalities:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(listed.content)).active
    assert sheet is not None
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == set(
        Municipality.objects.listed_for(user).values_list("register__ags", flat=True)
    )
