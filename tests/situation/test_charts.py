"""The chart helpers added to core/svg.py for the situation picture."""

from __future__ import annotations

import datetime

import pytest

from kokoma.core.svg import Series, bar_chart, count_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, (1, 1)), (3, (3, 1)), (7, (8, 2)), (23, (25, 5)), (101, (150, 50))],
)
def test_nice_ceiling(value: float, expected: tuple[int, int]) -> None:
    assert nice_ceiling(value) == expected


def test_count_chart_is_accessible_and_escapes() -> None:
    monday = datetime.date(2025, 12, 29)
    svg = count_chart(
        [Series("<Thema>", [(monday, 2.0), (monday + datetime.timedelta(days=7), 5.0)])],
        title="Meldungen & mehr",
        description="Beschreibung",
        chart_id="c1",
        x_labels={monday: "KW 1/2026"},
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert "&lt;Thema&gt;" in svg and "<Thema>" not in svg
    assert "Meldungen &amp; mehr" in svg
    assert "KW 1/2026" in svg and "<polyline" in svg
    assert ">5</text>" in svg  # the y axis reaches the peak
    empty = count_chart([], title="t", description="d", empty_text="Keine Daten")
    assert "Keine Daten" in empty


def test_bar_chart() -> None:
    svg = bar_chart([("A & B", 3), ("C", 1.5)], title="t", description="d", x_max=3)
    assert svg.count('<g class="bar">') == 2
    assert "A &amp; B: 3" in svg and "C: 1.5" in svg
    assert "leer" in bar_chart([], title="t", description="d", empty_text="leer")
