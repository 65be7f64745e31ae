"""What the programme office learns about supervision: anonymous counts only.

Sessions held (a slot that took place, not cancelled, with at least one person booked), their
hours and the places taken, per quarter and kind. A count under `THRESHOLD` is not shown (the
page says "< 5"), and neither are the hours of such a cell, from which the count could be
read back; no name, no note, no single session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .models import Booking, Slot

THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """A count, or None when it is under the threshold (then shown as "< 5")."""

    sessions: int | None
    hours: float | None
    places: int | None

    @property
    def suppressed(self) -> bool:
        return self.sessions is None


@dataclass(frozen=True)
class Row:
    quarter: str
    kind: str
    kind_label: str
    cell: Cell


def _suppress(value: int) -> int | None:
    return value if value >= THRESHOLD else None


def quarter_of(moment: object) -> str:
    local = timezone.localtime(moment)  # type: ignore[arg-type]
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def statistics() -> list[Row]:
    """The rows per quarter (newest first) and kind, with small counts suppressed."""
    held = (
        Slot.objects.active()
        .past()
        .filter(Exists(Booking.objects.active().filter(slot=OuterRef("pk"))))
        .annotate(places=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)))
        .values_list("kind", "starts_at", "ends_at", "places")
    )
    sessions: dict[tuple[str, str], int] = defaultdict(int)
    hours: dict[tuple[str, str], float] = defaultdict(float)
    places: dict[tuple[str, str], int] = defaultdict(int)
    for kind, starts_at, ends_at, taken in held:
        key = (quarter_of(starts_at), kind)
        sessions[key] += 1
        hours[key] += (ends_at - starts_at).total_seconds() / 3600
        places[key] += taken
    labels = dict(Slot.Kind.choices)
    rows = []
    for quarter, kind in sorted(sessions, key=lambda key: (key[0], key[1]), reverse=True):
        key = (quarter, kind)
        shown = _suppress(sessions[key])
        cell = Cell(
            sessions=shown,
            hours=round(hours[key], 1) if shown is not None else None,
            places=_suppress(places[key]) if shown is not None else None,
        )
        rows.append(Row(quarter, kind, str(labels[kind]), cell))
    return rows


def totals(rows: list[Row]) -> Cell:
    """The sum of the cells shown. Suppressed cells are left out rather than counted in, so that
    no small count can be read back as the difference between the total and the others."""
    shown = [row.cell for row in rows if not row.cell.suppressed]
    return Cell(
        sessions=sum(cell.sessions or 0 for cell in shown),
        hours=round(sum(cell.hours or 0 for cell in shown), 1),
        places=sum(cell.places or 0 for cell in shown),
    )
