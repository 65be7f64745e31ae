"""A list page's rows as CSV or XLSX: the rows the page's own query selects (every page of them,
with the page's filters), the columns the page declares, every text cell neutralised against
formula injection (`spreadsheet.neutralise`).

A list view offers it with two lines::

    if kind := export_kind(request):
        return export(rows, CASE_COLUMNS, kind=kind, filename="faelle")

and its template with `{% include "export_links.html" %}`.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .spreadsheet import neutralise

KINDS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel reads UTF-8 CSV only with a byte-order mark; the semicolon is the German list separator.
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """One column: its heading (a lazy translation) and how a row gives its value."""

    heading: Any
    value: Callable[[Any], object]


def export_kind(request: HttpRequest) -> str | None:
    kind = request.GET.get("export", "")
    return kind if kind in KINDS else None


def cell(value: object) -> object:
    """A value as a spreadsheet cell: dates and numbers stay typed, text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, datetime.date)):
        return value
    return neutralise(str(value))


def _csv_text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _csv_lines(rows: Iterable[Any], columns: Sequence[Column]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([str(column.heading) for column in columns])
    yield BOM + flush()
    for row in rows:
        writer.writerow([_csv_text(cell(column.value(row))) for column in columns])
        yield flush()


def xlsx_bytes(rows: Iterable[Any], columns: Sequence[Column], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(column.heading) for column in columns])
    for row in rows:
        values = []
        for column in columns:
            value = cell(column.value(row))
            written = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime.datetime):
                written.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(value, datetime.date):
                written.number_format = "DD.MM.YYYY"
            values.append(written)
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export(
    rows: Iterable[Any], columns: Sequence[Column], *, kind: str, filename: str
) -> HttpResponseBase:
    """The rows as a download named `filename-<date>.<kind>`; CSV is streamed row by row."""
    name = f"{filename}-{date_format(timezone.localdate(), 'Y-m-d')}.{kind}"
    response: HttpResponseBase
    if kind == "csv":
        response = StreamingHttpResponse(
            _csv_lines(rows, columns), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(xlsx_bytes(rows, columns, title=filename), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
