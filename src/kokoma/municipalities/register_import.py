"""Import of the official municipality register (Destatis Gemeindeverzeichnis, CSV).

Good lines are kept even when other lines are bad; every bad line is reported with its number.
Re-importing the same file updates rows by AGS and never duplicates them.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import Land, RegisterEntry

REQUIRED_COLUMNS = ("ags", "name", "land_code", "bundesland", "kreis_ags", "kreis_name")
OPTIONAL_COLUMNS = (
    "ars",
    "textkennzeichen",
    "flaeche_km2",
    "bevoelkerung",
    "plz",
    "lon",
    "lat",
    "verstaedterung",
)
FIELDS = (
    "ars",
    "name",
    "land",
    "kreis_ags",
    "kreis_name",
    "kind_code",
    "area_km2",
    "population",
    "postcode",
    "longitude",
    "latitude",
    "urbanisation",
)
AGS_PATTERN = re.compile(r"^[0-9]{8}$")


class RegisterFormatError(Exception):
    """The file as a whole cannot be read (wrong encoding, missing columns)."""


@dataclass
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def good_lines(self) -> int:
        return self.created + self.updated + self.unchanged


def _optional_number(value: str, kind: type, label: str) -> object:
    value = value.strip()
    if not value:
        return None
    try:
        number = kind(value)
        if not math.isfinite(number):  # "NaN", "inf" would break the whole bulk insert
            raise ValueError(value)
    except (ValueError, InvalidOperation):
        raise ValueError(
            _("%(label)s is not a number: %(value)r") % {"label": label, "value": value}
        ) from None
    return number


def _check_column(name: str, value: object, label: str) -> None:
    """Refuse a value the database column cannot hold (digits, range) on this line alone."""
    column = RegisterEntry._meta.get_field(name)
    if value is None or not isinstance(column, models.Field):
        return
    try:
        column.run_validators(value)
    except ValidationError as error:
        raise ValueError(f"{label}: {' '.join(error.messages)}") from None


def parse_row(row: dict[str, str | None]) -> dict[str, object]:
    """Turn one CSV row into RegisterEntry field values, or raise ValueError with a reason."""
    if None in row or any(value is None for value in row.values()):
        raise ValueError(_("malformed line (wrong number of columns)"))
    values = {key: (value or "").strip() for key, value in row.items() if key is not None}
    ags = values["ags"]
    if not AGS_PATTERN.match(ags):
        raise ValueError(_("AGS must have 8 digits, got %(ags)r") % {"ags": ags})
    if not values["name"]:
        raise ValueError(_("the name is missing"))
    land_code = values["land_code"].zfill(2)
    if land_code not in Land.values or Land(land_code).label != values["bundesland"]:
        raise ValueError(
            _("unknown Land %(code)r / %(name)r")
            % {"code": values["land_code"], "name": values["bundesland"]}
        )
    if not ags.startswith(land_code):
        raise ValueError(
            _("AGS %(ags)s does not belong to Land %(code)s") % {"ags": ags, "code": land_code}
        )
    population = _optional_number(values.get("bevoelkerung", ""), int, _("population"))
    if population is not None and population < 0:  # type: ignore[operator]
        raise ValueError(_("population must not be negative"))
    _check_column("population", population, _("population"))
    area = _optional_number(values.get("flaeche_km2", ""), Decimal, _("area"))
    _check_column("area_km2", area, _("area"))
    return {
        "ags": ags,
        "ars": values.get("ars", ""),
        "name": values["name"],
        "land": land_code,
        "kreis_ags": values["kreis_ags"],
        "kreis_name": values["kreis_name"],
        "kind_code": values.get("textkennzeichen", ""),
        "area_km2": area,
        "population": population,
        "postcode": values.get("plz", ""),
        "longitude": _optional_number(values.get("lon", ""), float, _("longitude")),
        "latitude": _optional_number(values.get("lat", ""), float, _("latitude")),
        "urbanisation": values.get("verstaedterung", ""),
    }


def import_register(
    stream: IO[str],
    *,
    progress: Callable[[Iterable[dict[str, str | None]]], Iterable[dict[str, str | None]]]
    | None = None,
    batch_size: int = 1000,
) -> ImportReport:
    reader = csv.DictReader(stream)
    try:
        header = reader.fieldnames or []
    except UnicodeDecodeError as error:
        raise RegisterFormatError(_("The file is not UTF-8 encoded.")) from error
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise RegisterFormatError(
            _("The file lacks the columns: %(columns)s") % {"columns": ", ".join(missing)}
        )

    report = ImportReport()
    existing = {entry.ags: entry for entry in RegisterEntry.objects.all()}
    seen: dict[str, int] = {}
    to_create: list[RegisterEntry] = []
    to_update: list[RegisterEntry] = []
    rows: Iterable[dict[str, str | None]] = reader
    if progress is not None:
        rows = progress(rows)
    try:
        for row in rows:
            line = reader.line_num
            try:
                values = parse_row(row)
            except ValueError as error:
                report.errors.append(LineError(line, str(error)))
                continue
            ags = str(values.pop("ags"))
            if ags in seen:
                report.errors.append(
                    LineError(
                        line,
                        _("duplicate AGS %(ags)s (first on line %(first)d)")
                        % {"ags": ags, "first": seen[ags]},
                    )
                )
                continue
            seen[ags] = line
            entry = existing.get(ags)
            if entry is None:
                to_create.append(RegisterEntry(ags=ags, **values))
            elif any(getattr(entry, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(entry, key, value)
                to_update.append(entry)
            else:
                report.unchanged += 1
    except UnicodeDecodeError as error:
        raise RegisterFormatError(_("The file is not UTF-8 encoded.")) from error
    except csv.Error as error:
        report.errors.append(LineError(reader.line_num, str(error)))

    with transaction.atomic():
        RegisterEntry.objects.bulk_create(to_create, batch_size=batch_size)
        RegisterEntry.objects.bulk_update(to_update, FIELDS, batch_size=batch_size)
    report.created = len(to_create)
    report.updated = len(to_update)
    return report
