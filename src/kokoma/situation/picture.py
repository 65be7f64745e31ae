"""The situation picture of one municipality for one user: indicators, charts and lists.

The page and the PDF report both render `build_picture(...)`, so that they cannot drift apart.
Counts are for everybody allowed on the picture; every line that names a case is kept only if
the case is in `Case.objects.visible_to(user)`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.cases.models import Measure
from kokoma.core.svg import Series, bar_chart, count_chart
from kokoma.municipalities.models import Municipality
from kokoma.prevention.models import Alert, AlertKind, PreventionMeasure

from . import indicators
from .indicators import Climb, DimensionScores, OverdueStep, Period, WeeklyObservations

TOPICS_IN_CHART = 5
ALERTS_LISTED = 50


def band_labels() -> dict[str, str]:
    return {
        "1-3": _("Stages 1–3"),
        "4-6": _("Stages 4–6"),
        "7-9": _("Stages 7–9"),
        "none": _("not assessed"),
    }


def week_label(week: indicators.Week) -> str:
    return _("CW %(week)d/%(year)d") % {"week": week[1], "year": week[0]}


@dataclass
class AlertOverview:
    """Alerts triggered in the period: counts per type for all, lines only where visible."""

    by_kind: list[tuple[str, int, int]]  # (label, all, still open)
    listed: list[Alert]  # the latest ones the user may see
    may_open: bool  # whether the user may open the alert pages

    @property
    def total(self) -> int:
        return sum(count for _label, count, _open in self.by_kind)

    @property
    def open_total(self) -> int:
        return sum(still_open for _label, _count, still_open in self.by_kind)


def alert_overview(municipality: Municipality, period: Period, user: User) -> AlertOverview:
    in_period = Q(
        municipality=municipality,
        triggered_on__gte=period.start,
        triggered_on__lte=period.end,
    )
    counts = {
        row["kind"]: (row["count"], row["still_open"])
        for row in Alert.objects.filter(in_period)
        .values("kind")
        .annotate(count=Count("pk"), still_open=Count("pk", filter=Q(acknowledged_at__isnull=True)))
        .order_by()
    }
    listed = list(
        Alert.objects.visible_to(user)
        .filter(in_period)
        .select_related("case")
        .order_by("-triggered_on", "-id")[:ALERTS_LISTED]
    )
    return AlertOverview(
        by_kind=[(str(kind.label), *counts.get(kind.value, (0, 0))) for kind in AlertKind],
        listed=listed,
        may_open=user.has_perm("prevention.view_alerts", municipality),
    )


@dataclass
class SituationPicture:
    municipality: Municipality
    period: Period
    created_at: datetime.datetime
    weekly: WeeklyObservations
    motives: list[tuple[str, int]]
    climbing_count: int
    climbing: list[Climb]  # only the cases the user may see
    bands: list[tuple[str, str, int]]  # (key, label, count)
    open_total: int
    topics: list[tuple[str, int]]
    overdue_measures_count: int
    overdue_measures: list[Measure]  # only of cases the user may see
    overdue_steps_count: int
    overdue_steps: list[OverdueStep]  # only cases the user may see
    threats: list[DimensionScores]
    prevention: list[PreventionMeasure]
    alerts: AlertOverview
    charts: dict[str, SafeString] = field(default_factory=dict)

    @property
    def hidden_climbing(self) -> int:
        return self.climbing_count - len(self.climbing)

    @property
    def hidden_measures(self) -> int:
        return self.overdue_measures_count - len(self.overdue_measures)

    @property
    def hidden_steps(self) -> int:
        return self.overdue_steps_count - len(self.overdue_steps)

    @property
    def weekly_topics(self) -> list[str]:
        return [name for name, _count in self.weekly.topic_totals()]

    @property
    def weekly_rows(self) -> list[tuple[str, int, int, list[int]]]:
        return [
            (week_label(week), total, incidents, counts)
            for week, total, incidents, counts in self.weekly.rows()
        ]


def build_picture(municipality: Municipality, period: Period, user: User) -> SituationPicture:
    now = timezone.now()
    visible = indicators.visible_case_ids(user, municipality)
    climbing = indicators.cases_climbing(municipality, period)
    measures = indicators.overdue_measures(municipality, timezone.localdate())
    steps = indicators.overdue_steps(municipality, now)
    labels = band_labels()
    bands = indicators.open_cases_by_band(municipality)
    prevention = list(
        PreventionMeasure.objects.visible_to(user)
        .filter(municipality=municipality)
        .in_period(period.start, period.end)
        .select_related("responsible")
        .prefetch_related("topics")
        .order_by("starts_on", "id")
    )
    picture = SituationPicture(
        municipality=municipality,
        period=period,
        created_at=now,
        weekly=indicators.observations_per_week(municipality, period),
        motives=indicators.incidents_per_motive(municipality, period),
        climbing_count=len(climbing),
        climbing=[climb for climb in climbing if climb.case.pk in visible],
        bands=[(key, labels[key], bands[key]) for key in indicators.BANDS],
        open_total=sum(bands.values()),
        topics=indicators.open_cases_by_topic(municipality),
        overdue_measures_count=len(measures),
        overdue_measures=[measure for measure in measures if measure.case_id in visible],
        overdue_steps_count=len(steps),
        overdue_steps=[step for step in steps if step.case.pk in visible],
        threats=indicators.threat_dimensions(municipality),
        prevention=prevention,
        alerts=alert_overview(municipality, period, user),
    )
    picture.charts = charts(picture)
    return picture


def charts(picture: SituationPicture) -> dict[str, SafeString]:
    """The SVG charts of the picture; each has a table alternative in the templates."""
    weekly = picture.weekly
    mondays = {indicators.monday_of(week): week_label(week) for week in weekly.weeks}
    days = sorted(mondays)

    def series(name: str, counts: dict[indicators.Week, int]) -> Series:
        return Series(
            name,
            [(indicators.monday_of(week), float(counts.get(week, 0))) for week in weekly.weeks],
        )

    lines = [
        series(_("All observations"), weekly.total),
        series(_("of these incidents"), weekly.incidents),
    ]
    lines += [
        series(name, weekly.by_topic[name])
        for name, _count in weekly.topic_totals()[:TOPICS_IN_CHART]
    ]
    no_data = _("No data in this period.")
    result = {
        "observations": count_chart(
            lines if days else [],
            title=_("Observations per calendar week"),
            description=_(
                "Number of observations (not dismissed) per calendar week, in total, incidents, "
                "and for the most frequent topics. The table below gives the same data."
            ),
            chart_id="chart-observations",
            x_labels=mondays,
            empty_text=no_data,
        ),
        "motives": bar_chart(
            [(name or _("no motive given"), count) for name, count in picture.motives],
            title=_("Incidents per motive"),
            description=_("Number of incidents in the period per motive."),
            chart_id="chart-motives",
            empty_text=_("No incidents in this period."),
        ),
        "bands": bar_chart(
            [(label, count) for _key, label, count in picture.bands],
            title=_("Open cases by Glasl stage"),
            description=_(
                "Number of open cases per band of their current escalation stage (Glasl)."
            ),
            chart_id="chart-bands",
        ),
        "topics": bar_chart(
            picture.topics,
            title=_("Open cases by topic"),
            description=_("Number of open cases per topic; a case can have several topics."),
            chart_id="chart-topics",
            empty_text=_("No open case has a topic."),
        ),
        "threats": bar_chart(
            [
                (dimension.label, round(dimension.average, 1))
                for dimension in picture.threats
                if dimension.average is not None
            ],
            title=_("Threat assessment of the open cases"),
            description=_("Average of the latest score (0 to 3) of the open cases per dimension."),
            chart_id="chart-threats",
            x_max=3,
            empty_text=_("No open case has a threat assessment."),
        ),
    }
    return {key: mark_safe(svg) for key, svg in result.items()}  # noqa: S308 - svg escapes text
