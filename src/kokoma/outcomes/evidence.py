"""Evidence per procedure type: how closed cases ended after a procedure begun in an escalation
band, computed from closed cases only and never revealing a single case.

For every procedure of a closed case (a case of the programme, shared or not: only counts leave
the municipality) the band is that of the latest assessment of the case as a whole on or before
the day the procedure began (the day the case was opened when no start is recorded). A case
counts once per procedure type and band. Its outcome counts as *de-escalated or resolved* when it
is "resolved", "de-escalated" or "transformed". The share comes with its 95 % Wilson interval;
the time to outcome is the median of the days from the procedure's start to the case's closing.
A cell of fewer than MIN_CELL cases shows no figure at all, here, in the export and in the API.
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case as When_
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from kokoma.cases.models import Case, CaseOutcome, CaseProcedure, EscalationAssessment
from kokoma.consultation.anonymise import BIG_CITY, MEDIUM_TOWN, SMALL_TOWN

MIN_CELL = 5
SUCCESS = {CaseOutcome.RESOLVED, CaseOutcome.DEESCALATED, CaseOutcome.TRANSFORMED}
BANDS = {1: "1–3", 2: "4–6", 3: "7–9"}
SIZES = {
    "big": (BIG_CITY, None),
    "medium": (MEDIUM_TOWN, BIG_CITY),
    "small": (SMALL_TOWN, MEDIUM_TOWN),
    "rural": (0, SMALL_TOWN),
}
Z = 1.959964  # 95 %


@dataclass(frozen=True)
class Filters:
    land: str = ""
    size: str = ""
    closed_from: datetime.date | None = None
    closed_until: datetime.date | None = None


@dataclass(frozen=True)
class Cell:
    procedure: str
    band: int
    cases: int
    successes: int
    median_days: float | None

    @property
    def suppressed(self) -> bool:
        return self.cases < MIN_CELL

    @property
    def share(self) -> float | None:
        return None if self.suppressed else self.successes / self.cases

    @property
    def interval(self) -> tuple[float, float] | None:
        return None if self.suppressed else wilson(self.successes, self.cases)

    @property
    def band_label(self) -> str:
        return BANDS[self.band]


def wilson(successes: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of a proportion (robust for small n and shares near 0 or 1)."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def _closed_cases(filters: Filters) -> Q:
    query = Q(case__closed_at__isnull=False) & ~Q(case__outcome="")
    if filters.land:
        query &= Q(case__municipality__register__land=filters.land)
    if filters.size in SIZES:
        low, high = SIZES[filters.size]
        query &= Q(case__municipality__register__population__gte=low)
        if high is not None:
            query &= Q(case__municipality__register__population__lt=high)
    if filters.closed_from:
        query &= Q(case__closed_at__date__gte=filters.closed_from)
    if filters.closed_until:
        query &= Q(case__closed_at__date__lte=filters.closed_until)
    return query


def evidence(filters: Filters | None = None) -> list[Cell]:
    """One cell per procedure type and band, in the catalogue's order and by band (one query)."""
    filters = filters or Filters()
    began = Coalesce(F("started_on"), F("case__opened_on"))
    stage = Subquery(
        EscalationAssessment.objects.filter(
            case=OuterRef("case_id"), actor__isnull=True, assessed_on__lte=OuterRef("began")
        )
        .order_by("-assessed_on", "-pk")
        .values("stage")[:1]
    )
    rows = (
        CaseProcedure.objects.filter(_closed_cases(filters))
        .annotate(began=began)
        .annotate(stage=stage)
        .annotate(
            band=When_(
                When(stage__lte=3, then=Value(1)),
                When(stage__lte=6, then=Value(2)),
                When(stage__lte=9, then=Value(3)),
                output_field=IntegerField(),
            )
        )
        .filter(band__isnull=False)
        .values_list(
            "procedure__name",
            "procedure__position",
            "band",
            "case_id",
            "case__outcome",
            "began",
            "case__closed_at",
        )
    )
    seen: set[tuple[str, int, int]] = set()
    cells: dict[tuple[int, str, int], list[tuple[bool, int]]] = defaultdict(list)
    for name, position, band, case_id, outcome, began_on, closed_at in rows:
        if (name, band, case_id) in seen:
            continue
        seen.add((name, band, case_id))
        days = max((timezone.localdate(closed_at) - began_on).days, 0)
        cells[(position, name, band)].append((outcome in SUCCESS, days))
    result = []
    for (_position, name, band), entries in sorted(cells.items()):
        result.append(
            Cell(
                procedure=name,
                band=band,
                cases=len(entries),
                successes=sum(1 for success, _days in entries if success),
                median_days=statistics.median(days for _success, days in entries)
                if len(entries) >= MIN_CELL
                else None,
            )
        )
    return result


def case_count(filters: Filters | None = None) -> int:
    """Closed cases with an outcome, under the same filters."""
    query = Q(closed_at__isnull=False) & ~Q(outcome="")
    prefixed = _closed_cases(filters or Filters())
    # the filters are written for procedures (case__…); the same on the case itself
    return (
        Case.objects.filter(query)
        .filter(pk__in=CaseProcedure.objects.filter(prefixed).values("case_id"))
        .count()
    )
