from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from kokoma.cases.actor_map import (
    RELATION_STYLES,
    MapActor,
    MapRelation,
    actor_map_svg,
    layout,
    node_radius,
)
from kokoma.cases.models import Actor, Relation, RelationKind

SVG = "{http://www.w3.org/2000/svg}"

ACTORS = [
    MapActor(1, "Bürgerinitiative <Nord>", "group", 4, -1),
    MapActor(2, "Stadtverwaltung", "institution", 5, 1),
    MapActor(3, "Herr K. & Co", "person", 2, -2),
    MapActor(4, "Sportverein", "organisation", 3, 2),
    MapActor(5, "Einzelperson ohne Beziehungen", "person", 1, 0),
]
RELATIONS = [
    MapRelation(1, 2, RelationKind.CONFLICT, 3, False),
    MapRelation(1, 3, RelationKind.ALLIANCE, 2, False),
    MapRelation(2, 4, RelationKind.COOPERATION, 1, False),
    MapRelation(3, 2, RelationKind.VIOLENCE, 3, True),
    MapRelation(4, 1, RelationKind.TENSION, 2, False),
    MapRelation(2, 1, RelationKind.INFLUENCE, 2, True),
]


def _svg(**kwargs: object) -> str:
    return actor_map_svg(ACTORS, RELATIONS, title="Karte <1>", description="Beschreibung", **kwargs)  # type: ignore[arg-type]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_map_is_valid_accessible_svg() -> None:
    root = _parse(_svg())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Karte <1>"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Beschreibung"  # type: ignore[union-attr]
    assert root.get("aria-labelledby") == "actor-map-title actor-map-desc"


def test_every_actor_and_relation_is_drawn_with_escaped_labels() -> None:
    root = _parse(_svg())
    actors = root.findall(f".//{SVG}g[@class='actor']")
    assert sorted(int(g.get("data-actor")) for g in actors) == [1, 2, 3, 4, 5]  # type: ignore[arg-type]
    labels = {node.text for g in actors for node in g.iter(f"{SVG}text")}
    assert {"Bürgerinitiative <Nord>", "Herr K. & Co"} <= labels
    lines = root.findall(f".//{SVG}g[@class='relations']/{SVG}line")
    assert len(lines) == len(RELATIONS)
    drawn = {(line.get("data-source"), line.get("data-target")) for line in lines}
    assert drawn == {(str(r.source), str(r.target)) for r in RELATIONS}
    assert "<Nord>" not in _svg().replace("&lt;Nord&gt;", "")


def test_relation_kinds_differ_in_colour_and_dash_and_directed_ones_have_arrows() -> None:
    root = _parse(_svg())
    styles = {
        line.get("class"): (line.get("stroke"), line.get("stroke-dasharray"))
        for line in root.findall(f".//{SVG}g[@class='relations']/{SVG}line")
    }
    assert len(set(styles.values())) == len(styles) == 6
    assert len({dash for _colour, dash in RELATION_STYLES.values()}) == 6
    for line in root.findall(f".//{SVG}g[@class='relations']/{SVG}line"):
        relation = next(
            r
            for r in RELATIONS
            if str(r.source) == line.get("data-source") and str(r.target) == line.get("data-target")
        )
        assert (line.get("marker-end") is not None) == relation.directed
    markers = root.findall(f".//{SVG}marker")
    assert len(markers) == 6


def test_legend_names_every_kind() -> None:
    root = _parse(_svg())
    legend = root.find(f".//{SVG}g[@class='legend']")
    assert legend is not None
    texts = {node.text for node in legend.iter(f"{SVG}text")}
    for kind in RelationKind:
        assert str(kind.label) in texts
    for attitude in Actor.Attitude:
        assert str(attitude.label) in texts


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("de", {"Legende", "Füllung: Haltung", "Form: Art der Akteur:in"}),
        ("en", {"Legend", "Fill: attitude", "Shape: kind of actor"}),
    ],
)
def test_legend_speaks_the_language_of_the_page(language: str, headings: set[str]) -> None:
    with translation.override(language):
        root = _parse(_svg())
    legend = root.find(f".//{SVG}g[@class='legend']")
    assert legend is not None
    texts = {node.text for node in legend.iter(f"{SVG}text")}
    assert headings <= texts
    assert any(str(t).startswith(("Größe", "Size")) for t in texts)


def test_layout_is_deterministic_and_inside_the_picture() -> None:
    assert _svg() == _svg()
    first = layout(ACTORS, RELATIONS)
    assert first == layout(list(reversed(ACTORS)), list(reversed(RELATIONS)))
    for x, y in first.values():
        assert 0 <= x <= 760
        assert 0 <= y <= 520
    # nodes do not sit on top of each other
    points = list(first.values())
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1 :]:
            assert abs(x1 - x2) + abs(y1 - y2) > 20


def test_node_size_grows_with_influence() -> None:
    assert node_radius(1) < node_radius(3) < node_radius(5)


def test_relations_to_unknown_actors_are_left_out_and_empty_map_works() -> None:
    root = _parse(
        actor_map_svg(
            ACTORS[:2],
            [MapRelation(1, 99, RelationKind.CONFLICT, 1, False), RELATIONS[0]],
            title="t",
            description="d",
        )
    )
    assert len(root.findall(f".//{SVG}g[@class='relations']/{SVG}line")) == 1
    empty = _parse(actor_map_svg([], [], title="t", description="d"))
    assert empty.findall(f".//{SVG}g[@class='actor']") == []
    single = _parse(actor_map_svg(ACTORS[:1], [], title="t", description="d"))
    assert len(single.findall(f".//{SVG}g[@class='actor']")) == 1


def test_fifty_actors_are_laid_out() -> None:
    actors = [MapActor(i, f"A{i}", "person", 1 + i % 5, i % 5 - 2) for i in range(50)]
    relations = [
        MapRelation(i, (i * 7 + 3) % 50, RelationKind.TENSION, 1, False) for i in range(50)
    ]
    root = _parse(actor_map_svg(actors, relations, title="t", description="d"))
    assert len(root.findall(f".//{SVG}g[@class='actor']")) == 50


@pytest.mark.django_db
def test_date_filtering_uses_valid_on(persona: object) -> None:
    from kokoma.cases import services
    from kokoma.municipalities.models import Municipality

    from ..conftest import COTTBUS

    municipality = Municipality.objects.get(register__ags=COTTBUS)
    case = services.open_case(municipality=municipality, by=persona("local_a"), title="Karte")  # type: ignore[operator]
    a = Actor.objects.create(case=case, pseudonym="A", kind="person")
    b = Actor.objects.create(case=case, pseudonym="B", kind="group")
    old = Relation.objects.create(
        case=case,
        source=a,
        target=b,
        kind=RelationKind.ALLIANCE,
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    new = Relation.objects.create(
        case=case,
        source=a,
        target=b,
        kind=RelationKind.CONFLICT,
        valid_from=datetime.date(2025, 7, 1),
    )

    def drawn(day: datetime.date) -> set[str]:
        relations = case.relations.valid_on(day)
        svg = actor_map_svg(
            [MapActor(x.pk, x.pseudonym, x.kind, x.influence, x.attitude) for x in (a, b)],
            [
                MapRelation(r.source_id, r.target_id, r.kind, r.strength, r.directed)
                for r in relations
            ],
            title="t",
            description="d",
        )
        root = _parse(svg)
        return {
            str(line.get("class")).split()[-1]
            for line in root.findall(f".//{SVG}g[@class='relations']/{SVG}line")
        }

    assert drawn(datetime.date(2025, 3, 1)) == {f"relation-{old.kind}"}
    assert drawn(datetime.date(2025, 8, 1)) == {f"relation-{new.kind}"}
    assert drawn(datetime.date(2024, 8, 1)) == set()
