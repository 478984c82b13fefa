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

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires.wire_cells import WireBox
from gui.canvas.wires.wire_item import LINK_STUB, EdgeItem

if TYPE_CHECKING:
    from gui.canvas.scene_routing import SceneRouting

#: A segment: x1, y1, x2, y2.
Segment = tuple[float, float, float, float]
#: Pieces a wire's curve is cut into (its S bends twice: a note's height is ~20 units).
PIECES = 16


def segments_in(scene: SceneRouting, region: QRectF) -> list[Segment]:
    """The drawn wires' pieces that may meet ``region``: those with an item
    as drawn (a linked copy's stub only), the rest (a big graph's, drawn
    without items till shown) from their ends, as the curve is drawn."""
    out: list[Segment] = []
    box = (region.left(), region.top(), region.right(), region.bottom())
    # the wires filed in the cells there (gui/canvas/wires/wire_cells.py), not every item of the
    # scene (it has no index: ``items(region)`` visits all of them)
    near = set(scene.detail.top.wires_near(region))
    for holder in scene.folding.wire_boxes():
        if isinstance(holder, WireBox) and holder.isVisible():
            near.update(holder.wires_near(region))
    for it in near:
        if isinstance(it, EdgeItem) and it.isVisible() and it.sceneBoundingRect().intersects(region):
            path = it.shown_path()
            if not it.sceneTransform().isIdentity():
                path = it.sceneTransform().map(path)
            out += _near(_flat(path), box)
    edges, folding, linked = scene._edges, scene.folding, scene.linked
    for key in edges.keys_in(region):
        if key == scene.hidden_wire or not folding.box_shown(folding.wire_box(key)):
            continue
        try:
            a, b = scene.wire_ends(*key)
        except KeyError:  # (a card not made yet: nothing drawn)
            continue
        x1, y1, x2, y2 = a.x(), a.y(), b.x(), b.y()
        if linked.is_linked(key):
            out += _near([(x2 - LINK_STUB, y2, x2, y2)], box)
            continue
        out += _near(_cubic(x1, y1, x2, y2), box)
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
