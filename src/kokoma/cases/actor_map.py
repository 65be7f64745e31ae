"""The actor map: actors as nodes, relations as styled edges, as one accessible SVG string.

Pure functions (no database): the layout is a small Fruchterman–Reingold simulation started
from a circle with a fixed seed, so the same data always gives the same picture.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kokoma.core.svg import number, text

from .models import Actor, RelationKind


@dataclass(frozen=True)
class MapActor:
    id: int
    pseudonym: str
    kind: str
    influence: int
    attitude: int


@dataclass(frozen=True)
class MapRelation:
    source: int
    target: int
    kind: str
    strength: int
    directed: bool


# Per relation kind: colour (≥ 4.5:1 on white) and dash pattern, so colour is never the only cue.
RELATION_STYLES: dict[str, tuple[str, str]] = {
    RelationKind.COOPERATION: ("#1e6b34", ""),
    RelationKind.ALLIANCE: ("#1b4f9c", "12 4 2 4"),
    RelationKind.TENSION: ("#8a4b00", "8 5"),
    RelationKind.CONFLICT: ("#b3261e", "3 4"),
    RelationKind.VIOLENCE: ("#6b0000", "1 3"),
    RelationKind.INFLUENCE: ("#6a3d9a", "14 6"),
}
# Fill per attitude (-2 … 2), light enough that the dark outline and labels stay readable.
ATTITUDE_FILLS = {-2: "#f4b6b0", -1: "#f9dcb5", 0: "#e6e6e6", 1: "#cfe3f7", 2: "#c7e8cc"}
KIND_SHAPES = {"person": "circle", "group": "hexagon", "organisation": "square"}

WIDTH, HEIGHT, MARGIN = 760, 520, 70
SEED = 20240607


def layout(
    actors: Sequence[MapActor], relations: Sequence[MapRelation], iterations: int = 300
) -> dict[int, tuple[float, float]]:
    """Deterministic node positions inside the drawing area (Fruchterman–Reingold)."""
    ids = sorted(actor.id for actor in actors)
    if not ids:
        return {}
    width, height = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    centre = (width / 2, height / 2)
    if len(ids) == 1:
        return {ids[0]: (MARGIN + centre[0], MARGIN + centre[1])}
    rng = random.Random(SEED)  # noqa: S311 - layout jitter, not security
    radius = min(width, height) / 2.5
    pos = {
        node: [
            centre[0] + radius * math.cos(2 * math.pi * i / len(ids)) + rng.uniform(-1, 1),
            centre[1] + radius * math.sin(2 * math.pi * i / len(ids)) + rng.uniform(-1, 1),
        ]
        for i, node in enumerate(ids)
    }
    known = set(ids)
    edges = {
        tuple(sorted((r.source, r.target)))
        for r in relations
        if r.source in known and r.target in known and r.source != r.target
    }
    k = math.sqrt(width * height / len(ids)) * 0.75
    temperature = width / 10
    for _step in range(iterations):
        disp = {node: [0.0, 0.0] for node in ids}
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 0.01)
                force = k * k / dist
                disp[a][0] += dx / dist * force
                disp[a][1] += dy / dist * force
                disp[b][0] -= dx / dist * force
                disp[b][1] -= dy / dist * force
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 0.01)
            force = dist * dist / k
            disp[a][0] -= dx / dist * force
            disp[a][1] -= dy / dist * force
            disp[b][0] += dx / dist * force
            disp[b][1] += dy / dist * force
        for node in ids:
            # a weak pull to the centre keeps unconnected actors on the page
            disp[node][0] += (centre[0] - pos[node][0]) * 0.05
            disp[node][1] += (centre[1] - pos[node][1]) * 0.05
            length = max(math.hypot(*disp[node]), 0.01)
            step = min(length, temperature)
            pos[node][0] = min(width, max(0.0, pos[node][0] + disp[node][0] / length * step))
            pos[node][1] = min(height, max(0.0, pos[node][1] + disp[node][1] / length * step))
        temperature = max(temperature * 0.98, 0.5)
    # Scale the result to fill the drawing area.
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    return {
        node: (
            MARGIN + (pos[node][0] - min(xs)) / span_x * width,
            MARGIN + (pos[node][1] - min(ys)) / span_y * height,
        )
        for node in ids
    }


def node_radius(influence: int) -> float:
    return 12 + 4 * max(1, min(5, influence))


def _shape(kind: str, x: float, y: float, r: float, fill: str) -> str:
    common = f'fill="{fill}" stroke="#222222" stroke-width="2"'
    shape = KIND_SHAPES.get(kind, "diamond")
    if shape == "circle":
        return f'<circle cx="{number(x)}" cy="{number(y)}" r="{number(r)}" {common}/>'
    if shape == "square":
        side = r * 1.7
        return (
            f'<rect x="{number(x - side / 2)}" y="{number(y - side / 2)}" '
            f'width="{number(side)}" height="{number(side)}" {common}/>'
        )
    if shape == "hexagon":
        corners = [
            (x + r * math.cos(math.pi / 3 * i), y + r * math.sin(math.pi / 3 * i)) for i in range(6)
        ]
    else:
        corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    points = " ".join(f"{number(px)},{number(py)}" for px, py in corners)
    return f'<polygon points="{points}" {common}/>'


def actor_map_svg(
    actors: Sequence[MapActor],
    relations: Sequence[MapRelation],
    *,
    title: str,
    description: str,
    map_id: str = "actor-map",
) -> str:
    """The whole map with a legend; relations to unknown actors are left out."""
    positions = layout(actors, relations)
    by_id = {actor.id: actor for actor in actors}
    drawn = [
        r for r in relations if r.source in by_id and r.target in by_id and r.source != r.target
    ]
    legend_top = HEIGHT + 10
    total_height = legend_top + 30 + 22 * max(len(RELATION_STYLES), len(ATTITUDE_FILLS) + 1)
    title_id, desc_id = f"{map_id}-title", f"{map_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="actor-map" role="img" '
        f'viewBox="0 0 {WIDTH} {total_height}" width="100%" '
        f'aria-labelledby="{text(title_id)} {text(desc_id)}">',
        f'<title id="{text(title_id)}">{text(title)}</title>',
        f'<desc id="{text(desc_id)}">{text(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{total_height}" fill="#ffffff"/>',
        "<defs>",
    ]
    for kind, (colour, _dash) in RELATION_STYLES.items():
        out.append(
            f'<marker id="{text(map_id)}-arrow-{kind}" viewBox="0 0 10 10" refX="10" refY="5" '
            f'markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" '
            f'orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")

    # Several relations between the same pair are drawn side by side.
    pair_count: dict[tuple[int, int], int] = {}
    out.append('<g class="relations">')
    for relation in drawn:
        pair = (min(relation.source, relation.target), max(relation.source, relation.target))
        index = pair_count.get(pair, 0)
        pair_count[pair] = index + 1
        (x1, y1), (x2, y2) = positions[relation.source], positions[relation.target]
        dx, dy = x2 - x1, y2 - y1
        dist = max(math.hypot(dx, dy), 0.01)
        ux, uy = dx / dist, dy / dist
        offset = (index + 1) // 2 * 8 * (1 if index % 2 else -1)
        ox, oy = -uy * offset, ux * offset
        r1 = node_radius(by_id[relation.source].influence)
        r2 = node_radius(by_id[relation.target].influence) + (3 if relation.directed else 0)
        colour, dash = RELATION_STYLES.get(relation.kind, ("#222222", ""))
        attrs = f'stroke="{colour}" stroke-width="{1 + relation.strength * 1.5}"'
        if dash:
            attrs += f' stroke-dasharray="{dash}"'
        if relation.directed:
            attrs += f' marker-end="url(#{text(map_id)}-arrow-{text(relation.kind)})"'
        label = _("%(source)s – %(kind)s – %(target)s") % {
            "source": by_id[relation.source].pseudonym,
            "kind": _kind_label(relation.kind),
            "target": by_id[relation.target].pseudonym,
        }
        out.append(
            f'<line class="relation relation-{text(relation.kind)}" '
            f'data-source="{relation.source}" data-target="{relation.target}" '
            f'x1="{number(x1 + ux * r1 + ox)}" y1="{number(y1 + uy * r1 + oy)}" '
            f'x2="{number(x2 - ux * r2 + ox)}" y2="{number(y2 - uy * r2 + oy)}" {attrs}>'
            f"<title>{text(label)}</title></line>"
        )
    out.append("</g>")

    out.append('<g class="actors">')
    for actor in sorted(actors, key=lambda a: a.id):
        x, y = positions[actor.id]
        r = node_radius(actor.influence)
        fill = ATTITUDE_FILLS.get(actor.attitude, "#e6e6e6")
        out.append(
            f'<g class="actor" data-actor="{actor.id}"><title>{text(actor.pseudonym)}</title>'
        )
        out.append(_shape(actor.kind, x, y, r, fill))
        # Keep the label inside the drawing: estimate its width (about 7.5 px a character).
        half = len(actor.pseudonym) * 3.75 + 4
        label_x = min(max(x, half), WIDTH - half)
        out.append(
            f'<text x="{number(label_x)}" y="{number(y + r + 15)}" text-anchor="middle" '
            f'font-size="13" font-weight="bold" fill="#111111">{text(actor.pseudonym)}</text>'
        )
        out.append("</g>")
    out.append("</g>")
    out.append(_legend(legend_top))
    out.append("</svg>")
    return "".join(out)


def _kind_label(kind: str) -> str:
    try:
        return str(RelationKind(kind).label)
    except ValueError:
        return kind


def _legend(top: int) -> str:
    # Each label is looked up outside the f-strings: xgettext does not see into them.
    legend = _("Legend")
    fill_title = _("Fill: attitude")
    size_note = _("Size: influence; arrow: directed relation")
    shape_title = _("Shape: kind of actor")
    out = [
        f'<g class="legend"><text x="20" y="{top + 12}" font-size="13" font-weight="bold" '
        f'fill="#111111">{text(legend)}</text>'
    ]
    for row, (kind, (colour, dash)) in enumerate(RELATION_STYLES.items()):
        y = top + 34 + row * 22
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="20" y1="{y}" x2="70" y2="{y}" stroke="{colour}" stroke-width="4"'
            f'{dash_attr}/><text x="80" y="{y}" dominant-baseline="middle" font-size="12" '
            f'fill="#111111">{text(_kind_label(kind))}</text>'
        )
    out.append(
        f'<text x="300" y="{top + 12}" font-size="13" font-weight="bold" fill="#111111">'
        f"{text(fill_title)}</text>"
    )
    for row, (value, fill) in enumerate(ATTITUDE_FILLS.items()):
        y = top + 34 + row * 22
        out.append(
            f'<rect x="300" y="{y - 8}" width="16" height="16" fill="{fill}" stroke="#222222"/>'
            f'<text x="324" y="{y}" dominant-baseline="middle" font-size="12" fill="#111111">'
            f"{text(Actor.Attitude(value).label)}</text>"
        )
    y = top + 34 + len(ATTITUDE_FILLS) * 22
    out.append(
        f'<text x="300" y="{y}" dominant-baseline="middle" font-size="12" fill="#111111">'
        f"{text(size_note)}</text>"
    )
    out.append(
        f'<text x="540" y="{top + 12}" font-size="13" font-weight="bold" fill="#111111">'
        f"{text(shape_title)}</text>"
    )
    for row, kind in enumerate(Actor.Kind):
        y = top + 34 + row * 26
        out.append(_shape(kind.value, 552, y, 9, "#ffffff"))
        out.append(
            f'<text x="570" y="{y}" dominant-baseline="middle" font-size="12" fill="#111111">'
            f"{text(kind.label)}</text>"
        )
    out.append("</g>")
    return "".join(out)
