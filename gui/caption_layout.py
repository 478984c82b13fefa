"""Where the lit wires' captions go, so that they cover no card (nor its
ports, badges and note) and no other caption.

Each caption tries spots near its wire, closest first: on the wire's middle,
then slid along the wire, then pushed off it (on its preferred side first).
The first free spot wins; a caption that had to leave its wire gets a leader
line back to it. The geometry is plain floats, so a step with many inputs
(a neuron of an MLP) stays quick.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF

#: Room kept between a caption and a card or another caption (scene units).
GAP = 4.0
#: How far (scene units) a caption may be pushed away from its wire.
REACH = 420.0
#: Fractions of the wire tried as anchors, the middle first.
_TS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)

Box = tuple[float, float, float, float]  # x1, y1, x2, y2


def _box(r: QRectF, pad: float = 0.0) -> Box:
    return r.left() - pad, r.top() - pad, r.right() + pad, r.bottom() + pad


def _hits(b: Box, boxes: list[Box]) -> bool:
    x1, y1, x2, y2 = b
    for a1, b1, a2, b2 in boxes:
        if x1 < a2 and a1 < x2 and y1 < b2 and b1 < y2:
            return True
    return False


def _overlap(b: Box, boxes: list[Box]) -> float:
    x1, y1, x2, y2 = b
    total = 0.0
    for a1, b1, a2, b2 in boxes:
        w, h = min(x2, a2) - max(x1, a1), min(y2, b2) - max(y1, b1)
        if w > 0 and h > 0:
            total += w * h
    return total


def _cards_near(scene, region: QRectF) -> list[Box]:
    """The scene rects of the node cards (with ports, badges and notes) in ``region``."""
    from .items import NodeItem

    return [_box(it.sceneBoundingRect(), GAP) for it in scene.items(region)
            if isinstance(it, NodeItem) and it.isVisible()]


def _candidates(edge, w: float, h: float, below: bool):
    """(cost, centre x, centre y, anchor) for spots around the wire, cheapest first."""
    path = edge.path()
    mid = path.pointAtPercent(0.5)
    side = 1.0 if below else -1.0
    out = []
    dys = [0.0]
    step = h / 2 + 2.0
    k = 1
    while k * step <= REACH:
        dys += [k * step, -k * step]
        k += 1
    dxs = (0.0, -w / 4, w / 4, -w / 2, w / 2, -w, w)
    for t in _TS:
        p = path.pointAtPercent(t)
        along = math.hypot(p.x() - mid.x(), p.y() - mid.y())
        for dy in dys:
            # the preferred side is cheaper; the wire itself (dy = 0) in between
            bias = 0.0 if dy == 0 else (0.0 if dy * side > 0 else 14.0)
            for dx in dxs:
                cost = math.hypot(dx, dy) + 0.6 * along + bias
                out.append((cost, p.x() + dx, p.y() + dy, p))
    out.sort(key=lambda c: c[0])
    return out


def place_captions(scene, edges: list) -> list[QRectF]:
    """Lay out the captions of ``edges`` (EdgeItems showing a flow); returns
    their scene rects in the same order."""
    lit = [e for e in edges if e.caption_rect() is not None]
    if not lit:
        return []
    region = QRectF()
    for e in lit:
        region = region.united(e.path().boundingRect())
    region = region.adjusted(-REACH - 300, -REACH - 60, REACH + 300, REACH + 60)
    cards = _cards_near(scene, region)
    placed: list[Box] = []
    # top to bottom, so each caption tends to keep its wire's vertical order
    lit.sort(key=lambda e: (e.path().pointAtPercent(0.5).y(), e.port))
    rects = {}
    for e in lit:
        r = e.caption_rect()
        w, h = r.width(), r.height()
        below = e.caption_below()
        best, best_bad = None, math.inf
        for cost, cx, cy, anchor in _candidates(e, w, h, below):
            b = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if not _hits(b, cards) and not _hits(b, placed):
                best = (cx, cy, anchor, b)
                break
            bad = _overlap(b, cards) + _overlap(b, placed)
            if bad < best_bad:
                best_bad, best_fallback = bad, (cx, cy, anchor, b)
        if best is None:
            best = best_fallback
        cx, cy, anchor, b = best
        e.place_caption(QPointF(cx, cy), anchor)
        placed.append((b[0] - GAP, b[1] - GAP, b[2] + GAP, b[3] + GAP))
        rects[id(e)] = e.caption_rect()
    return [rects[id(e)] for e in edges if id(e) in rects]
