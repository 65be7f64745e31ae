"""Indicators of one municipality over a period, computed in the database.

Every function runs a fixed, small number of aggregate queries, whatever the amount of data.
None of them knows the requesting user: the counts are the same for everybody allowed on the
situation picture; lines that name a case are filtered by the caller (`visible_case_ids`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Case as Choose
from django.db.models import Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractIsoYear, ExtractWeek
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases.models import (
    Case,
    EscalationAssessment,
    Measure,
    ThreatAssessment,
    ThreatDimension,
)
from kokoma.municipalities.models import Municipality
from kokoma.observations.models import Observation

Week = tuple[int, int]  # (ISO year, ISO week)
BANDS = ("1-3", "4-6", "7-9", "none")


@dataclass(frozen=True)
class Period:
    """A closed range of days, both ends included."""

    start: datetime.date
    end: datetime.date

    def weeks(self) -> list[Week]:
        """The ISO weeks the period touches, in order (across the turn of the year, too)."""
        monday = self.start - datetime.timedelta(days=self.start.weekday())
        weeks = []
        while monday <= self.end:
            year, week, _day = monday.isocalendar()
            weeks.append((year, week))
            monday += datetime.timedelta(days=7)
        return weeks


def monday_of(week: Week) -> datetime.date:
    return datetime.date.fromisocalendar(week[0], week[1], 1)


@dataclass
class WeeklyObservations:
    """Observations (not dismissed) per ISO week: in total, incidents, and per topic."""

    weeks: list[Week]
    total: dict[Week, int] = field(default_factory=dict)
    incidents: dict[Week, int] = field(default_factory=dict)
    by_topic: dict[str, dict[Week, int]] = field(default_factory=dict)

    def topic_totals(self) -> list[tuple[str, int]]:
        """Topics with their count in the whole period, most frequent first."""
        totals = [(name, sum(counts.values())) for name, counts in self.by_topic.items()]
        return sorted(totals, key=lambda item: (-item[1], item[0]))

    def rows(self) -> Iterator[tuple[Week, int, int, list[int]]]:
        """(week, total, incidents, [count per topic in the order of `topic_totals`])."""
        topics = [name for name, _count in self.topic_totals()]
        for week in self.weeks:
            yield (
                week,
                self.total.get(week, 0),
                self.incidents.get(week, 0),
                [self.by_topic[name].get(week, 0) for name in topics],
            )


def _observations(municipality: Municipality, period: Period, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}municipality": municipality,
            f"{prefix}occurred_on__gte": period.start,
            f"{prefix}occurred_on__lte": period.end,
        }
    ) & ~Q(**{f"{prefix}status": Observation.Status.DISMISSED})


def observations_per_week(municipality: Municipality, period: Period) -> WeeklyObservations:
    """Two queries: the totals per week, and the topic counts per week."""
    result = WeeklyObservations(weeks=period.weeks())
    totals = (
        Observation.objects.filter(_observations(municipality, period))
        .annotate(year=ExtractIsoYear("occurred_on"), week=ExtractWeek("occurred_on"))
        .values("year", "week")
        .annotate(total=Count("pk"), incidents=Count("pk", filter=Q(is_incident=True)))
        .order_by()
    )
    for row in totals:
        week = (row["year"], row["week"])
        result.total[week] = row["total"]
        if row["incidents"]:
            result.incidents[week] = row["incidents"]
    per_topic = (
        Observation.topics.through.objects.filter(
            _observations(municipality, period, "observation__")
        )
        .annotate(
            year=ExtractIsoYear("observation__occurred_on"),
            week=ExtractWeek("observation__occurred_on"),
        )
        .values("term__name", "year", "week")  # type: ignore[misc]
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in per_topic:
        result.by_topic.setdefault(row["term__name"], {})[(row["year"], row["week"])] = row["count"]
    return result


def incidents_per_motive(municipality: Municipality, period: Period) -> list[tuple[str, int]]:
    """(motive name or "" when none was given, count), most frequent first."""
    rows = (
        Observation.objects.filter(_observations(municipality, period), is_incident=True)
        .values("motive__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "motive__name")
    )
    return [(row["motive__name"] or "", row["count"]) for row in rows]


@dataclass(frozen=True)
class CaseLine:
    """A case named in the picture: shown with its title only to whoever may see the case."""

    pk: int
    reference: str
    title: str


@dataclass(frozen=True)
class Climb:
    case: CaseLine
    from_stage: int
    to_stage: int


def cases_climbing(municipality: Municipality, period: Period) -> list[Climb]:
    """Cases whose latest whole-case Glasl stage in the period is above the stage they had.

    The stage they had is the latest assessment before the period, or, for a case first
    assessed within it, its first assessment in the period. One query.
    """
    whole = EscalationAssessment.objects.filter(case=OuterRef("pk"), actor__isnull=True)
    in_period = whole.filter(assessed_on__gte=period.start, assessed_on__lte=period.end)
    before = whole.filter(assessed_on__lt=period.start).order_by("-assessed_on", "-id")
    first = in_period.order_by("assessed_on", "id")
    last = in_period.order_by("-assessed_on", "-id")
    rows = (
        Case.objects.filter(municipality=municipality)
        .annotate(
            from_stage=Coalesce(
                Subquery(before.values("stage")[:1]), Subquery(first.values("stage")[:1])
            ),
            to_stage=Subquery(last.values("stage")[:1]),
        )
        .filter(to_stage__gt=F("from_stage"))
        .values("pk", "reference", "title", "from_stage", "to_stage")
        .order_by("-to_stage", "reference")
    )
    return [
        Climb(
            CaseLine(row["pk"], row["reference"], row["title"]), row["from_stage"], row["to_stage"]
        )
        for row in rows
    ]


def open_cases_by_band(municipality: Municipality) -> dict[str, int]:
    """Open cases per band of their current whole-case Glasl stage; "none": not assessed."""
    rows = (
        Case.objects.open()
        .filter(municipality=municipality)
        .with_latest_stage()
        .annotate(
            band=Choose(
                When(latest_stage__isnull=True, then=Value("none")),
                When(latest_stage__lte=3, then=Value("1-3")),
                When(latest_stage__lte=6, then=Value("4-6")),
                default=Value("7-9"),
            )
        )
        .values("band")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(BANDS, 0)
    for row in rows:
        counts[row["band"]] = row["count"]
    return counts


def open_cases_by_topic(municipality: Municipality) -> list[tuple[str, int]]:
    """Open cases per topic (a case with several topics counts for each), by position."""
    rows = (
        Case.topics.through.objects.filter(
            case__municipality=municipality, case__closed_at__isnull=True
        )
        .values("term__name", "term__position")
        .annotate(count=Count("pk"))
        .order_by("term__position", "term__name")
    )
    return [(row["term__name"], row["count"]) for row in rows]


def overdue_measures(municipality: Municipality, day: datetime.date | None = None) -> list[Measure]:
    """Open or running case measures past their due date (as `Measure.objects.overdue`)."""
    return list(
        Measure.objects.overdue(day)
        .filter(case__municipality=municipality)
        .select_related("case")
        .order_by("due_on", "id")
    )


@dataclass(frozen=True)
class OverdueStep:
    case: CaseLine
    step: str
    due: datetime.datetime


def overdue_steps(
    municipality: Municipality, now: datetime.datetime | None = None
) -> list[OverdueStep]:
    """Open cases past the response-time target of their step, in bulk (two queries).

    `Case.objects.overdue` narrows the cases down in the database; `Case.is_overdue` is the
    same rule per case.
    """
    now = now or timezone.now()
    cases = Case.objects.filter(municipality=municipality).overdue(now).select_related("step")
    rows = []
    for case in cases:
        due = case.due_at
        if due is not None and case.is_overdue(now):
            rows.append(
                OverdueStep(CaseLine(case.pk, case.reference, case.title), case.step.name, due)
            )
    return sorted(rows, key=lambda row: (row.due, row.case.reference))


@dataclass
class DimensionScores:
    dimension: str
    label: str
    distribution: dict[int, int]  # score 0–3 → number of open cases

    @property
    def cases(self) -> int:
        return sum(self.distribution.values())

    @property
    def average(self) -> float | None:
        if not self.cases:
            return None
        return sum(score * n for score, n in self.distribution.items()) / self.cases


def threat_dimensions(municipality: Municipality) -> list[DimensionScores]:
    """Per dimension: how the latest scores of the open cases are distributed. One query."""
    latest = (
        ThreatAssessment.objects.filter(case=OuterRef("case"), dimension=OuterRef("dimension"))
        .order_by("-assessed_on", "-id")
        .values("pk")[:1]
    )
    rows = (
        ThreatAssessment.objects.filter(
            case__municipality=municipality, case__closed_at__isnull=True, pk=Subquery(latest)
        )
        .values("dimension", "score")
        .annotate(count=Count("pk"))
        .order_by()
    )
    result = {
        dimension.value: DimensionScores(
            dimension.value, str(dimension.label), dict.fromkeys(range(4), 0)
        )
        for dimension in ThreatDimension
    }
    for row in rows:
        if row["dimension"] in result:
            result[row["dimension"]].distribution[row["score"]] = row["count"]
    return list(result.values())


def visible_case_ids(user: User, municipality: Municipality) -> set[int]:
    """The cases of the municipality the user may see (need-to-know). One query."""
    return set(
        Case.objects.visible_to(user).filter(municipality=municipality).values_list("pk", flat=True)
    )
