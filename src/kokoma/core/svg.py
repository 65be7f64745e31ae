"""Small server-rendered SVG helpers: accessible charts without any JavaScript or third party.

Every function escapes all text it is given and returns a complete `<svg>` element with
`role="img"`, a `<title>` and a `<desc>`; pages show a table alternative next to it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils import formats

# Colours with at least 4.5:1 contrast on white, told apart by dash pattern as well.
PALETTE = ["#1b4f9c", "#b3261e", "#1e6b34", "#6a3d9a", "#8a4b00", "#00646e", "#444444"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "10 4", "4 2 1 2", "1 2"]


def text(value: object) -> str:
    """Escape a value for use in SVG text or attribute values."""
    return escape(str(value), quote=True)


def number(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing `.0`; always with a point,
    as SVG wants it (for text that people read, `figure`)."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def figure(value: float) -> str:
    """A value for people to read: at most one decimal, in the active language's format
    ("2,2" in German, "2.2" in English)."""
    rounded = round(value, 1)
    if rounded == int(rounded):
        return formats.number_format(int(rounded))
    return formats.number_format(rounded, decimal_pos=1)


def day_label(day: datetime.date) -> str:
    """A date for people to read, in the active language's short format."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@dataclass
class Series:
    """One line of a chart: a name and (date, value) points."""

    name: str
    points: list[tuple[datetime.date, float]] = field(default_factory=list)


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    y_min: int,
    y_max: int,
    y_labels: Mapping[int, str] | None = None,
    chart_id: str = "chart",
    width: int = 720,
    height: int = 360,
    empty_text: str = "–",
) -> str:
    """A date × integer line chart (e.g. Glasl stages over time), one line per series."""
    y_labels = y_labels or {}
    left = 210 if y_labels else 40
    right, top, bottom = 45, 20, 60
    legend_rows = len(series)
    total_height = height + legend_rows * 20
    plot_w = width - left - right
    plot_h = height - top - bottom
    dates = sorted({day for line in series for day, _value in line.points})
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {total_height}" width="100%" '
        f'aria-labelledby="{text(title_id)} {text(desc_id)}">',
        f'<title id="{text(title_id)}">{text(title)}</title>',
        f'<desc id="{text(desc_id)}">{text(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{total_height}" fill="#ffffff"/>',
    ]

    def y_of(value: float) -> float:
        span = max(y_max - y_min, 1)
        return top + plot_h - (value - y_min) / span * plot_h

    first = dates[0] if dates else datetime.date.today()  # noqa: DTZ011 - only a placeholder
    last = dates[-1] if dates else first
    days = max((last - first).days, 1)

    def x_of(day: datetime.date) -> float:
        if first == last:
            return left + plot_w / 2
        return left + (day - first).days / days * plot_w

    # Grid and y axis labels
    for level in range(y_min, y_max + 1):
        y = number(y_of(level))
        label = f"{level} {y_labels[level]}" if level in y_labels else str(level)
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="12" fill="#222222">{text(label)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#222222"/>'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#222222"/>'
    )
    # x axis: the first and last date, and up to four in between
    if dates:
        ticks = [first, last]
        if days > 1:
            ticks += [first + datetime.timedelta(days=days * i // 5) for i in range(1, 5)]
        for day in sorted(set(ticks)):
            x = number(x_of(day))
            out.append(
                f'<text x="{x}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12" '
                f'fill="#222222">{text(day_label(day))}</text>'
            )
    else:
        out.append(
            f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle" '
            f'font-size="14" fill="#222222">{text(empty_text)}</text>'
        )
    _draw_series(
        out,
        series,
        x_of=x_of,
        y_of=y_of,
        label_of=day_label,
        radius=4,
        left=left,
        legend_top=height,
    )
    out.append("</svg>")
    return "".join(out)


def _draw_series(
    out: list[str],
    series: Sequence[Series],
    *,
    x_of: Callable[[datetime.date], float],
    y_of: Callable[[float], float],
    label_of: Callable[[datetime.date], str],
    radius: int,
    left: float,
    legend_top: float,
) -> None:
    """Each series as a line with point markers (colour and dash pattern), plus its legend row."""
    for index, line in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = sorted(line.points)
        out.append(f'<g class="series" data-series="{index}"><title>{text(line.name)}</title>')
        if len(points) > 1:
            path = " ".join(f"{number(x_of(d))},{number(y_of(v))}" for d, v in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        for day, value in points:
            out.append(
                f'<circle cx="{number(x_of(day))}" cy="{number(y_of(value))}" r="{radius}" '
                f'fill="{colour}"><title>{text(line.name)}: {figure(value)} '
                f"({text(label_of(day))})</title></circle>"
            )
        out.append("</g>")
        legend_y = legend_top + index * 20
        out.append(
            f'<line x1="{left}" y1="{legend_y}" x2="{left + 30}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            f'<text x="{left + 38}" y="{legend_y}" dominant-baseline="middle" font-size="12" '
            f'fill="#222222">{text(line.name)}</text>'
        )


def nice_ceiling(value: float, steps: int = 5) -> tuple[int, int]:
    """An upper bound and a step (1, 2 or 5 × 10ⁿ) so that at most `steps` steps reach `value`."""
    if value <= 0:
        return 1, 1
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = magnitude * factor
            if value <= step * steps:
                return step * math.ceil(value / step), step
        magnitude *= 10


def count_chart(
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    x_labels: Mapping[datetime.date, str] | None = None,
    width: int = 720,
    height: int = 320,
    empty_text: str = "–",
) -> str:
    """Counts over time (e.g. observations per week), one line per series, y axis from 0.

    Unlike `line_chart`, the y axis is scaled to the data with about five grid lines, and the
    x axis may carry own labels (e.g. calendar weeks) for up to seven of the dates.
    """
    x_labels = x_labels or {}
    left, right, top, bottom = 50, 50, 20, 50
    total_height = height + len(series) * 20
    plot_w = width - left - right
    plot_h = height - top - bottom
    dates = sorted({day for line in series for day, _value in line.points})
    peak = max((value for line in series for _day, value in line.points), default=0)
    y_max, y_step = nice_ceiling(peak)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {total_height}" width="100%" '
        f'aria-labelledby="{text(title_id)} {text(desc_id)}">',
        f'<title id="{text(title_id)}">{text(title)}</title>',
        f'<desc id="{text(desc_id)}">{text(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{total_height}" fill="#ffffff"/>',
    ]

    def y_of(value: float) -> float:
        return top + plot_h - value / y_max * plot_h

    def x_of(index: int) -> float:
        if len(dates) <= 1:
            return left + plot_w / 2
        return left + index / (len(dates) - 1) * plot_w

    position = {day: index for index, day in enumerate(dates)}
    for level in range(0, y_max + 1, y_step):
        y = number(y_of(level))
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="12" fill="#222222">{level}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#222222"/>'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#222222"/>'
    )
    if dates:
        count = len(dates)
        shown = (
            sorted({round(i * (count - 1) / 6) for i in range(7)}) if count > 7 else range(count)
        )
        for index in shown:
            day = dates[index]
            label = x_labels[day] if day in x_labels else day_label(day)
            out.append(
                f'<text x="{number(x_of(index))}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'font-size="12" fill="#222222">{text(label)}</text>'
            )
    else:
        out.append(
            f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle" '
            f'font-size="14" fill="#222222">{text(empty_text)}</text>'
        )
    _draw_series(
        out,
        series,
        x_of=lambda day: x_of(position[day]),
        y_of=y_of,
        label_of=lambda day: x_labels[day] if day in x_labels else day_label(day),
        radius=3,
        left=left,
        legend_top=height,
    )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    x_max: float | None = None,
    width: int = 720,
    label_width: int = 260,
    empty_text: str = "–",
) -> str:
    """Horizontal bars with their label on the left and their value at the end of the bar.

    `x_max` fixes the scale (e.g. 3 for threat scores); otherwise the largest value fills it.
    """
    row, top, right = 26, 10, 60
    height = top * 2 + max(len(bars), 1) * row
    plot_w = width - label_width - right
    scale = x_max if x_max is not None else max((value for _label, value in bars), default=0)
    scale = scale or 1
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{text(title_id)} {text(desc_id)}">',
        f'<title id="{text(title_id)}">{text(title)}</title>',
        f'<desc id="{text(desc_id)}">{text(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if not bars:
        out.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" dominant-baseline='
            f'"middle" font-size="14" fill="#222222">{text(empty_text)}</text>'
        )
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        bar_w = max(value, 0) / scale * plot_w
        out.append(
            f'<g class="bar"><title>{text(label)}: {figure(value)}</title>'
            f'<text x="{label_width - 8}" y="{number(y + row / 2)}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="12" fill="#222222">{text(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{number(bar_w)}" height="{row - 8}" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{number(label_width + bar_w + 6)}" y="{number(y + row / 2)}" '
            f'dominant-baseline="middle" font-size="12" fill="#222222">{figure(value)}</text></g>'
        )
    out.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" '
        f'stroke="#222222"/>'
    )
    out.append("</svg>")
    return "".join(out)
