"""List exports: every text cell neutralised against formula injection, CSV that Excel opens
(BOM, semicolons), XLSX that openpyxl reads back with typed dates."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from kokoma.core.exports import Column, export, xlsx_bytes
from kokoma.core.spreadsheet import TRIGGERS

ROWS = [
    {"text": f"{trigger}cmd|' /C calc'!A0", "day": datetime.date(2026, 3, 1), "n": 3}
    for trigger in TRIGGERS
] + [{"text": "harmlos", "day": None, "n": 0}]
COLUMNS = [
    Column("Text", lambda row: row["text"]),
    Column("Tag", lambda row: row["day"]),
    Column("Zahl", lambda row: row["n"]),
]


def test_csv_cells_that_start_like_a_formula_are_text() -> None:
    response = export(ROWS, COLUMNS, kind="csv", filename="liste")
    body = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert body.startswith("\ufeff")
    assert response["Content-Disposition"].startswith('attachment; filename="liste-')
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert lines[0] == ["Text", "Tag", "Zahl"]
    for line, trigger in zip(lines[1:], TRIGGERS, strict=False):
        assert line[0] == "'" + trigger + "cmd|' /C calc'!A0"
        assert line[1] == "2026-03-01" and line[2] == "3"
    assert lines[-1] == ["harmlos", "", "0"]


def test_xlsx_reads_back_with_neutralised_text_and_typed_dates() -> None:
    sheet = load_workbook(io.BytesIO(xlsx_bytes(ROWS, COLUMNS, title="liste"))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Text", "Tag", "Zahl")
    for row, trigger in zip(rows[1:], TRIGGERS, strict=False):
        # XML keeps no carriage return: it reads back as a line feed, after the apostrophe
        assert row[0] == "'" + trigger.replace("\r", "\n") + "cmd|' /C calc'!A0"
        assert row[1] == datetime.datetime(2026, 3, 1)  # noqa: DTZ001 (a spreadsheet has no zones)
        assert row[2] == 3
    for row in rows[1:]:
        assert not str(row[0]).startswith(TRIGGERS), "a formula would run in a spreadsheet"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_empty_list_still_has_its_headings(kind: str) -> None:
    response = export([], COLUMNS, kind=kind, filename="leer")
    assert response.status_code == 200
