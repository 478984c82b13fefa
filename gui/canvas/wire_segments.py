"""The wires drawn near a region, as straight segments (scene coordinates).

The notes under the cards (gui/canvas/cards/note_layout.py) kept clear of
cards, group tabs and other notes, not of wires: the blog's
"a.grad = 6 (final: a leaf passes nothing on)" lay across the wire from b
to a*b (t72 #11a). The notes' layout sits below the wires and asks the
scene (``CardsHost.wire_segments_in``) for these: each wire that may meet
the region, its curve flattened, only the pieces near it. Cheap: a note's
region is a few cards wide, and only the wires filed there are looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires.wire_cells import WireBox
from gui.canvas.wires.wire_item import LINK_STUB, EdgeItem

#: A segment: x1, y1, x2, y2.
Segment = tuple[float, float, float, float]
#: A wire's key: (source, target, port).
Key = tuple[str, str, int]
#: Pieces a wire's curve is cut into (its S bends twice: a note's height is ~20 units).
PIECES = 16


def segments_in(
    region: QRectF,
    holders: Iterable[WireBox],
    pending: Iterable[Key],
    ends: Callable[[str, str, int], tuple[QPointF, QPointF]],
    linked: Callable[[Key], bool],
) -> list[Segment]:
    """The drawn wires' pieces that may meet ``region``: of the wire items in
    the shown ``holders``' cells there (wire_cells.py: not every item of the
    scene, which has no index), as drawn (a linked copy's stub only); of the
    ``pending`` wires (a big graph's, drawn without items till shown: those
    shown whose box meets ``region``), from their ``ends``, as the curve is drawn."""
    out: list[Segment] = []
    box = (region.left(), region.top(), region.right(), region.bottom())
    near: set = set()
    for holder in holders:
        near.update(holder.wires_near(region))
    for it in near:
        if isinstance(it, EdgeItem) and it.isVisible() and it.sceneBoundingRect().intersects(region):
            path = it.shown_path()
            if not it.sceneTransform().isIdentity():
                path = it.sceneTransform().map(path)
            out += _near(_flat(path), box)
    for key in pending:
        try:
            a, b = ends(*key)
        except KeyError:  # (a card not made yet: nothing drawn)
            continue
        x1, y1, x2, y2 = a.x(), a.y(), b.x(), b.y()
        out += _near([(x2 - LINK_STUB, y2, x2, y2)] if linked(key) else _cubic(x1, y1, x2, y2), box)
    return out


def _cubic(x1: float, y1: float, x2: float, y2: float) -> list[Segment]:
    """The wire's curve (painting.wire_cubic_at) in :data:`PIECES` straight pieces."""
    _, _, cx1, cy1, cx2, cy2, _, _ = wire_cubic_at(x1, y1, x2, y2)
    pts = []
    for i in range(PIECES + 1):
        t = i / PIECES
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        pts.append((a * x1 + b * cx1 + c * cx2 + d * x2, a * y1 + b * cy1 + c * cy2 + d * y2))
    return [(*p, *q) for p, q in zip(pts, pts[1:])]


def _flat(path: QPainterPath) -> list[Segment]:
    out: list[Segment] = []
    for poly in path.toSubpathPolygons():
        pts = [(p.x(), p.y()) for p in (poly.at(i) for i in range(poly.size()))]
        out += [(*p, *q) for p, q in zip(pts, pts[1:])]
    return out


def _near(segments: list[Segment], box: tuple[float, float, float, float]) -> list[Segment]:
    left, top, right, bottom = box
    return [
        s
        for s in segments
        if min(s[0], s[2]) <= right
        and max(s[0], s[2]) >= left
        and min(s[1], s[3]) <= bottom
        and max(s[1], s[3]) >= top
    ]
