"""The chart helpers added to core/svg.py for the situation picture."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from kokoma.core.svg import Series, bar_chart, count_chart, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"


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
    with translation.override("en"):
        svg = bar_chart([("A & B", 3), ("C", 1.5)], title="t", description="d", x_max=3)
    assert svg.count('<g class="bar">') == 2
    assert "A &amp; B: 3" in svg and "C: 1.5" in svg
    assert "leer" in bar_chart([], title="t", description="d", empty_text="leer")


@pytest.mark.parametrize(("language", "shown"), [("de", "2,2"), ("en", "2.2")])
def test_bar_values_follow_the_language_and_coordinates_keep_the_point(
    language: str, shown: str
) -> None:
    with translation.override(language):
        svg = bar_chart([("Gewalt", 2.2)], title="t", description="d", x_max=3, width=720)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    texts = [node.text for node in root.iter(f"{SVG}text")]
    assert shown in texts
    assert root.find(f".//{SVG}title[.='Gewalt: {shown}']") is not None
    # 2.2 of 3 on 400 px: the bar's width is a coordinate, always with a point
    assert root.find(f".//{SVG}rect[@width='293.3']") is not None


@pytest.mark.parametrize(("language", "shown"), [("de", "01.03.2026"), ("en", "03/01/2026")])
def test_count_chart_dates_follow_the_language(language: str, shown: str) -> None:
    day = datetime.date(2026, 3, 1)
    with translation.override(language):
        svg = count_chart([Series("s", [(day, 1.0)])], title="t", description="d")
    assert f">{shown}</text>" in svg
