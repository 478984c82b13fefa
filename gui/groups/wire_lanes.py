"""The wires running back between two bands that a group opened in place
would cover, as room to make (core/graph/make_room.py).

A layout cut into bands (core/graph/bands.py) sends the wire from the end of
one band back to the start of the next through the gap between them, at
``BACK_TURN`` of the way down (gui/canvas/painting.py). A group opened in the
lower band grows up into that gap: on the vanishing-gradient example, the
wire from h8 back to layer 9 crossed the opened "layer 10" frame's name tab
and its w10 card (trial 52). Each such wire that is not the group's own is
handed to make_room as a unit above the card (it moves nothing itself)
reaching as far down as the band above must rise for the wire, whose
source rises with it, to pass over the frame: the wire's points over the
frame rise by only a share of their source's rise (that share is ``_lift``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from core.graph.make_room import Rect
from gui.canvas.painting import wire_cubic_at

#: How far above the frame the wire passes (scene units: a Gradient Flow wire is up to 12 px wide).
CLEAR = 12.0
#: Points a wire is checked at.
STEPS = 64


def back_lanes(
    wires: Iterable, opened: Rect, card: Rect, inside: Collection[str], gap: float
) -> list[tuple[Rect, list[str]]]:
    """Units (rect, no nodes) for the wires of ``wires`` (EdgeItems) that run
    back over the top of ``opened`` (the frame of the group whose nodes are
    ``inside``, drawn as ``card`` until now) from a source above the card:
    each a rect above the card whose clearing moves what lies above far
    enough for the wire to pass ``CLEAR`` over the frame."""
    ol, ot, o_r, ob = opened
    cl, ct, cr, _cb = card
    out: list[tuple[Rect, list[str]]] = []
    for e in wires:
        if not e.isVisible() or e.source in inside or e.target in inside:
            continue
        x1, y1, x2, y2 = e.ends_xy()
        if x2 >= x1 or x2 > o_r or x1 < ol or y1 >= ct:  # (forward, beside the frame, or from below)
            continue
        rise = 0.0
        for x, y, share in _points(x1, y1, x2, y2):
            if ol - CLEAR <= x <= o_r + CLEAR and ot - CLEAR < y < ob and share > 0.0:
                rise = max(rise, (y - (ot - CLEAR)) / share)
        if rise > 0.0:
            bottom = max(ot + 1.0, ot - gap + rise)  # (make_room: up = bottom - (top - gap))
            # (its middle above the card, in the card's columns: only what lies above moves)
            out.append(((cl, 2 * (ct - 1.0) - bottom, cr, bottom), []))
    return out


def _points(x1: float, y1: float, x2: float, y2: float) -> Iterable[tuple[float, float, float]]:
    """Points along the wire as drawn, each with the share of a rise of its
    source (``y1``; the target stays) by which the point rises: ``_lift``."""
    _, _, cx1, cy1, cx2, cy2, _, _ = wire_cubic_at(x1, y1, x2, y2)
    ky1, ky2 = _lift(x1, y1, x2, y2)
    for i in range(STEPS + 1):
        t = i / STEPS
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        x = a * x1 + b * cx1 + c * cx2 + d * x2
        y = a * y1 + b * cy1 + c * cy2 + d * y2
        yield x, y, a + b * ky1 + c * ky2


def _lift(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    """How much each control point's height rises for a unit rise of the
    source (its turn is a fixed share of the way down: painting.BACK_TURN)."""
    base = wire_cubic_at(x1, y1, x2, y2)
    up = wire_cubic_at(x1, y1 - 1.0, x2, y2)
    return base[3] - up[3], base[5] - up[5]
