"""Who appears with whom: the entities sharing articles with one entity, drawn as inline SVG.

The layout is computed here (no JavaScript): the entity sits in the centre, its most frequent
companions on a ring around it, most shared first from the top, clockwise. Edge thickness
follows the number of shared articles; companions that also share articles with each other
are joined by a faint chord. Styling lives in style.css (classes and presentation attributes
only: the page's CSP allows no inline style).
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from tidings.store.cooccurrence import Companion, Neighbourhood

WIDTH, HEIGHT = 640, 420
RING = 150
LABEL_CHARS = 24
LABEL_PX = 19
"""The largest size style.css draws a label at (narrow screens), to size the picture."""
WIDE, NARROW = frozenset("mwMW…&@%"), frozenset("ijlrtfI.,;:'\u2019-!|() ")
"""Characters wider and narrower than most; their advances below are a semibold sans's, in em,
rounded up (Chromium's system-ui measures W at 1.10, m 1.04, capitals 0.64-0.85, t 0.48)."""
MARGIN = 8


def graph_svg(hood: Neighbourhood) -> Markup:
    """The neighbourhood as an SVG picture; each node links to its entity page."""
    if not hood.companions:
        return Markup("")
    cx, cy = WIDTH / 2, HEIGHT / 2
    spots = _ring(len(hood.companions), cx, cy)
    at = {c.id: spot for c, spot in zip(hood.companions, spots, strict=True)}
    most = max(c.shared for c in hood.companions)
    chords = [_line("chord", at[a], at[b], 0.75 + 1.5 * n / most) for a, b, n in hood.links]
    spokes = [_spoke(c, (cx, cy), at[c.id], most) for c in hood.companions]
    nodes = [_node(c, at[c.id], most, (cx, cy)) for c in hood.companions]
    centre = _centre(hood.centre, cx, cy)
    label = f"{hood.centre.name} and the {len(hood.companions)} names most often beside them"
    left, right = _label_extent(hood.companions, spots, cx, most)
    return Markup(
        f'<svg class="graph" viewBox="{left:.0f} 0 {right - left:.0f} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}">'
        f'<g class="chords">{"".join(chords)}</g><g class="spokes">{"".join(spokes)}</g>'
        f'<g class="nodes">{"".join(nodes)}{centre}</g></svg>'
    )


def _label_extent(
    companions: list[Companion], spots: list[tuple[float, float]], cx: float, most: int
) -> tuple[float, float]:
    """The left and right edges the picture needs so that no label is clipped."""
    left, right = 0.0, float(WIDTH)
    for c, (x, _y) in zip(companions, spots, strict=True):
        width = _label_width(_short(c.name))
        anchor, dx = _anchor(x, cx, 7 + 7 * c.shared / most)
        start = x + dx - {"middle": width / 2, "start": 0.0, "end": width}[anchor]
        left, right = min(left, start - MARGIN), max(right, start + width + MARGIN)
    return left, right


def _label_width(text: str) -> float:
    """A label's width at LABEL_PX, erring wide: a clipped name is worse than a smaller picture."""
    return LABEL_PX * sum(
        1.12
        if ch in WIDE
        else 0.5
        if ch in NARROW
        else 0.86
        if ch.isupper() or ch.isdigit()
        else 0.73
        for ch in text
    )


def _anchor(x: float, cx: float, radius: float) -> tuple[str, float]:
    """How a node's label hangs off it: text-anchor and horizontal offset."""
    anchor = "middle" if abs(x - cx) < 20 else ("start" if x > cx else "end")
    return anchor, {"middle": 0.0, "start": radius + 6, "end": -radius - 6}[anchor]


def _ring(count: int, cx: float, cy: float) -> list[tuple[float, float]]:
    """Points on an ellipse (wider than tall, for the labels), clockwise from the top."""
    return [
        (
            cx + 1.55 * RING * math.sin(2 * math.pi * i / count),
            cy - RING * math.cos(2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def _line(kind: str, a: tuple[float, float], b: tuple[float, float], width: float) -> str:
    return (
        f'<line class="{kind}" x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" '
        f'y2="{b[1]:.1f}" stroke-width="{width:.2f}"/>'
    )


def _spoke(c: Companion, centre: tuple[float, float], spot: tuple[float, float], most: int) -> str:
    line = _line("spoke", centre, spot, 1.5 + 6.5 * c.shared / most)
    return line.replace("/>", f"><title>{escape(_shared_text(c))}</title></line>")


def _shared_text(c: Companion) -> str:
    return f"{c.name}: {c.shared} shared article{'' if c.shared == 1 else 's'}"


def _node(c: Companion, spot: tuple[float, float], most: int, centre: tuple[float, float]) -> str:
    x, y = spot
    radius = 7 + 7 * c.shared / most
    anchor, dx = _anchor(x, centre[0], radius)
    dy = (
        -radius - 8
        if anchor == "middle" and y < centre[1]
        else (radius + 17 if anchor == "middle" else 5)
    )
    return (
        f'<a href="/entities/{c.id}" class="node node-{escape(c.type.lower())}">'
        f"<title>{escape(_shared_text(c))}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
        f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
        f"{escape(_short(c.name))}</text></a>"
    )


def _centre(c: Companion, cx: float, cy: float) -> str:
    return (
        f'<g class="node node-centre node-{escape(c.type.lower())}">'
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="20"/>'
        f'<text x="{cx:.1f}" y="{cy + 38:.1f}" text-anchor="middle">{escape(_short(c.name))}'
        "</text></g>"
    )


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"
