"""Which wires' curves may meet a region, from their cards' positions.

A pending wire (gui/canvas/wires/lazy_wires.py) is filed by the box its curve can
cover. A long wire's box is most of the graph, so a region a Backward step
scrolls to meets thousands of boxes while few of those curves pass through
(at 50,000 nodes: ~8,600 boxes, ~760 curves in view). The region's wire
items are made only for the curves that may meet it
(:func:`curve_bounds.curve_meets`, exact for a forward wire); the others stay
pending, filed as before, for a region they do meet.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.canvas.wires.curve_bounds import Box, curve_meets, wires_reach

Key = tuple[str, str, int]


def meeting(scene, keys: list[Key], box: Box) -> list[Key]:
    """The wires of ``keys`` whose curve may meet ``box`` (all of them when
    a folded group's card may hold an end). ``scene``: a GraphScene."""
    if scene.folding.cards():
        return keys
    nodes = scene.node_map()
    out = []
    for key in keys:
        s, t, p = key
        a, b = nodes.get(s), nodes.get(t)
        if a is None or b is None:
            out.append(key)  # not ours to judge
            continue
        y2 = b.y() + PORT_YS[b.arity][p]
        if curve_meets(a.x() + W2, a.y() + OUT_Y, b.x() - W2, y2, box):
            out.append(key)
    return out


def reach(scene, most: int, within: QRectF | None = None) -> QRectF | None:
    """Where the curves of a graph of at most ``most`` wires (those with both
    ends in ``within``) reach past its cards (a wire back to the next row);
    None for a bigger graph (its wires are lines far out) or no wire."""
    if len(scene.wires) > most:
        return None
    ends = (scene.wire_ends(*k) for k in scene.wires if not scene.folding.wire_hidden(k[0], k[1]))
    if within is not None:
        ends = ((p, q) for p, q in ends if within.contains(p) and within.contains(q))
    b = wires_reach((p.x(), p.y(), q.x(), q.y()) for p, q in ends)
    return None if b is None else QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3]))
