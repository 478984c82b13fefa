"""The box a wire's curve stays in, from its ends alone (no curve made).

A wire is a cubic Bezier curve (``painting.wire_curve``), which lies in the
hull of its control points; padded for the pen, that hull tells where a
wire may be drawn before (or without) making its curve: the lazy wires
(gui/canvas/lazy_wires.py) and the cells that hold wire items
(gui/canvas/wire_cells.py) file wires by it.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]  # left, top, right, bottom

#: Slack around a curve's control points (the pen, antialiasing).
PAD = 8.0


def curve_box(x1: float, y1: float, x2: float, y2: float) -> Box:
    """A box holding the wire drawn from (x1, y1) to (x2, y2): the control
    points of ``painting.wire_curve``'s cubic (a Bezier curve lies in their
    hull), padded for the pen."""
    dx = max(40.0, abs(x2 - x1) * 0.5)
    return (min(x1, x2 - dx) - PAD, min(y1, y2) - PAD, max(x1 + dx, x2) + PAD, max(y1, y2) + PAD)
