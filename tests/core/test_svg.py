from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from kokoma.core.svg import Series, figure, line_chart, number, text

SVG = "{http://www.w3.org/2000/svg}"


def _chart(series: list[Series]) -> ET.Element:
    svg = line_chart(
        series,
        title="Verlauf <A&B>",
        description="Beschreibung",
        y_min=1,
        y_max=9,
        y_labels={1: "Verhärtung", 9: "Gemeinsam in den Abgrund"},
        chart_id="test",
    )
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_line_chart_is_accessible_valid_svg() -> None:
    day = datetime.date(2026, 3, 1)
    root = _chart(
        [
            Series("Fall", [(day, 2), (day + datetime.timedelta(days=30), 4)]),
            Series("Sicht <script>", [(day, 5)]),
        ]
    )
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "test-title test-desc"
    assert root.find(f"{SVG}title").text == "Verlauf <A&B>"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Beschreibung"  # type: ignore[union-attr]
    groups = root.findall(f".//{SVG}g[@class='series']")
    assert len(groups) == 2
    assert len(groups[0].findall(f"{SVG}polyline")) == 1
    assert len(groups[0].findall(f"{SVG}circle")) == 2
    assert len(groups[1].findall(f"{SVG}circle")) == 1
    labels = [node.text for node in root.iter(f"{SVG}text")]
    assert "1 Verhärtung" in labels
    assert "9 Gemeinsam in den Abgrund" in labels
    assert "01.03.2026" in labels
    assert "Sicht <script>" in labels  # escaped in the source, intact as text


def test_higher_values_are_drawn_higher() -> None:
    day = datetime.date(2026, 3, 1)
    root = _chart([Series("Fall", [(day, 2), (day + datetime.timedelta(days=1), 8)])])
    circles = root.findall(f".//{SVG}circle")
    assert float(circles[1].get("cy")) < float(circles[0].get("cy"))  # type: ignore[arg-type]
    assert float(circles[1].get("cx")) > float(circles[0].get("cx"))  # type: ignore[arg-type]


def test_empty_chart_says_so() -> None:
    svg = line_chart([], title="t", description="d", y_min=1, y_max=9, empty_text="Nichts")
    root = ET.fromstring(svg)  # noqa: S314
    assert "Nichts" in [node.text for node in root.iter(f"{SVG}text")]


def test_helpers() -> None:
    assert number(3.0) == "3"
    assert number(3.14159) == "3.1"
    assert text('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


@pytest.mark.parametrize(
    ("language", "values"),
    [("de", {2.2: "2,2", 3.0: "3", 2.25: "2,2", 0.06: "0,1"}), ("en", {2.2: "2.2", 3.0: "3"})],
)
def test_figures_for_people_follow_the_language(language: str, values: dict[float, str]) -> None:
    with translation.override(language):
        assert {value: figure(value) for value in values} == values
        assert number(2.2) == "2.2"  # a coordinate keeps its point in every language
