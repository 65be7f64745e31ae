"""Every list page offers its rows as CSV and XLSX (issue 15, item 3): a template that pages a
list (`pagination.html`) also links its exports (`export_links.html`), unless it is a
conversation (below)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

import kokoma
from kokoma.core.exports import XLSX
from kokoma.network.models import Event

from .conftest import COTTBUS, Login

SOURCE = Path(kokoma.__file__).parent
# Conversations, not lists of records: a thread, a forum category and the forum's search.
NOT_RECORDS = {
    "forum/templates/forum/thread.html",
    "forum/templates/forum/category.html",
    "forum/templates/forum/search.html",
}


def _list_templates() -> dict[str, str]:
    return {
        str(path.relative_to(SOURCE)): path.read_text(encoding="utf-8")
        for path in SOURCE.glob("*/templates/**/*.html")
        if 'include "pagination.html"' in path.read_text(encoding="utf-8")
    }


def test_every_list_page_links_its_exports() -> None:
    templates = _list_templates()
    missing = sorted(
        name
        for name, text in templates.items()
        if 'include "export_links.html"' not in text and name not in NOT_RECORDS
    )
    assert not missing, f"list pages without exports: {missing}"


# Each list with exports, as the role that uses it: the export holds as many rows as the page
# counts (all its pages), in both formats.
EXPORTING = [
    ("caselist:list", {}, "local_a"),
    ("caselist:list", {}, "external"),
    ("observations:list", {"ags": COTTBUS}, "local_a"),
    ("municipalities:list", {}, "office"),
    ("prevention:alert_list", {"ags": COTTBUS}, "local_a"),
    ("directory:list", {"ags": COTTBUS}, "local_a"),
    ("tasks:list", {"ags": COTTBUS}, "local_a"),
    ("tasks:mine", {}, "local_a"),
    ("municipalities:audit_log", {"ags": COTTBUS}, "local_a"),
    ("municipalities:work_log", {"ags": COTTBUS}, "external"),
    ("public:chronicle", {"ags": COTTBUS}, "local_a"),
    ("network:member_list", {}, "local_a"),
    ("notifications:list", {}, "local_a"),
    ("supervision:slot_list", {}, "external"),
    ("library:list", {}, "local_a"),
    ("consultation:list", {}, "local_a"),
    ("municipalities:process_matrix", {}, "office"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "role"), EXPORTING)
def test_an_export_holds_every_row_the_page_counts(
    name: str, kwargs: dict[str, str], role: str, client: Client, login: Login
) -> None:
    login(role)
    url = reverse(name, kwargs=kwargs)
    params = {"status": "all"}
    page = client.get(url, params)
    assert page.status_code == 200
    expected = page.context["page"].paginator.count
    assert "export=csv" in page.content.decode()

    as_csv = client.get(url, {**params, "export": "csv"})
    assert as_csv["Content-Type"].startswith("text/csv")
    body = b"".join(as_csv.streaming_content).decode("utf-8").lstrip("\ufeff")  # type: ignore[attr-defined]
    assert len(list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))) == expected + 1

    as_xlsx = client.get(url, {**params, "export": "xlsx"})
    assert as_xlsx["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None and sheet.max_row == expected + 1


@pytest.mark.django_db
def test_the_event_export_holds_upcoming_and_past_events(client: Client, login: Login) -> None:
    user = login("local_a")
    response = client.get(reverse("network:event_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.max_row == Event.objects.visible_to(user).count() + 1
