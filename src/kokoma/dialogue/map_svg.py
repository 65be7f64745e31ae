"""The opinion map as one accessible SVG: participants as anonymous points, each group outlined
and labelled (shape and letter as well as colour), the viewer's own place marked.

Pure (no database). Points carry no identifier of a participant; with very many participants a
fixed, evenly spread sample of them is drawn (the groups' outlines and sizes stay exact).
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from django.utils.translation import gettext as _

from kokoma.core.svg import PALETTE, number, text

from .analysis import Analysis

WIDTH, HEIGHT, MARGIN = 640, 420, 28
MAX_POINTS = 3000
SHAPES = ["circle", "square", "triangle", "diamond", "cross"]


def group_label(index: int) -> str:
    """Groups are named by letters (A, B, …) on the page, as Pol.is does."""
    return string.ascii_uppercase[index % 26]


def group_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _marker(shape: str, x: float, y: float, size: float, fill: str) -> str:
    cx, cy, s = number(x), number(y), size
    if shape == "square":
        return (
            f'<rect x="{number(x - s)}" y="{number(y - s)}" width="{number(2 * s)}" '
            f'height="{number(2 * s)}" fill="{fill}"/>'
        )
    if shape == "triangle":
        return (
            f'<path d="M{cx},{number(y - s * 1.2)} L{number(x + s * 1.1)},{number(y + s)} '
            f'L{number(x - s * 1.1)},{number(y + s)} z" fill="{fill}"/>'
        )
    if shape == "diamond":
        return (
            f'<path d="M{cx},{number(y - s * 1.3)} L{number(x + s * 1.3)},{cy} '
            f'L{cx},{number(y + s * 1.3)} L{number(x - s * 1.3)},{cy} z" fill="{fill}"/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{number(x - s)},{number(y - s)} L{number(x + s)},{number(y + s)} '
            f'M{number(x - s)},{number(y + s)} L{number(x + s)},{number(y - s)}" '
            f'stroke="{fill}" stroke-width="2"/>'
        )
    return f'<circle cx="{cx}" cy="{cy}" r="{number(s)}" fill="{fill}"/>'


def _scaler(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points] or [0.0]
    ys = [p[1] for p in points] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = min(WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN) / span
    x0 = (WIDTH - (max(xs) - min(xs)) * scale) / 2 - min(xs) * scale
    y0 = (HEIGHT - (max(ys) - min(ys)) * scale) / 2 - min(ys) * scale
    return scale, x0, y0, span


def _sample(ids: list[int]) -> list[int]:
    if len(ids) <= MAX_POINTS:
        return ids
    step = len(ids) / MAX_POINTS
    return [ids[int(i * step)] for i in range(MAX_POINTS)]


def opinion_map_svg(
    analysis: Analysis, *, title: str, description: str, me: int | None = None
) -> str:
    """The map; `me` is the viewing participant's id (their point is marked "you")."""
    placed = sorted(analysis.projection)
    positions = [analysis.projection[pid] for pid in placed]
    scale, x0, y0, _span = _scaler(positions)

    def at(point: Sequence[float]) -> tuple[float, float]:
        # y grows downwards on screen
        return x0 + point[0] * scale, HEIGHT - (y0 + point[1] * scale)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="opinion-map" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="opinion-map-title opinion-map-desc">',
        f'<title id="opinion-map-title">{text(title)}</title>',
        f'<desc id="opinion-map-desc">{text(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff" stroke="#767676"/>',
    ]
    for index, group in enumerate(analysis.groups):
        colour = group_colour(index)
        hull = [at(point) for point in group.hull]
        if len(hull) >= 3:
            path = " L".join(f"{number(x)},{number(y)}" for x, y in hull)
            out.append(
                f'<path d="M{path} z" fill="{colour}" fill-opacity="0.08" stroke="{colour}" '
                f'stroke-width="1.5" stroke-dasharray="5 3"/>'
            )
    out.append('<g class="participants">')
    group_index = {group.id: index for index, group in enumerate(analysis.groups)}
    for pid in _sample(placed):
        group_id = analysis.group_of.get(pid)
        x, y = at(analysis.projection[pid])
        if group_id is None or group_id not in group_index:
            out.append(_marker("circle", x, y, 2.5, "#767676"))
        else:
            shown = group_index[group_id]
            out.append(_marker(SHAPES[shown % len(SHAPES)], x, y, 3, group_colour(shown)))
    out.append("</g>")
    for index, group in enumerate(analysis.groups):
        x, y = at(group.centre)
        out.append(
            f'<text x="{number(x)}" y="{number(y)}" font-size="20" font-weight="bold" '
            f'text-anchor="middle" fill="#1a1a1a" stroke="#ffffff" stroke-width="4" '
            f'paint-order="stroke">{text(_("Group %(label)s") % {"label": group_label(index)})}'
            "</text>"
        )
    if me is not None and me in analysis.projection:
        x, y = at(analysis.projection[me])
        out.append(
            f'<circle cx="{number(x)}" cy="{number(y)}" r="9" fill="none" stroke="#1a1a1a" '
            f'stroke-width="3"/><text x="{number(x + 12)}" y="{number(y + 5)}" font-size="15" '
            f'font-weight="bold" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{text(_("You"))}</text>'
        )
    out.append("</svg>")
    return "".join(out)
