"""Boxes as plain tuples (x1, y1, x2, y2) and the tests the placement of
wire captions and card notes share: how much two boxes overlap, whether a
leader line passes through one. Tuples, not QRectF: the placements weigh
thousands of spots a pass, and a tuple test is a few float compares."""

from __future__ import annotations

from PySide6.QtCore import QRectF

Box = tuple[float, float, float, float]  # x1, y1, x2, y2


def box(r: QRectF, pad: float = 0.0) -> Box:
    return r.left() - pad, r.top() - pad, r.right() + pad, r.bottom() + pad


def overlap(b: Box, boxes: list[Box]) -> float:
    """The area of ``b`` that ``boxes`` cover (overlaps counted each time)."""
    x1, y1, x2, y2 = b
    total = 0.0
    for a1, b1, a2, b2 in boxes:
        w, h = min(x2, a2) - max(x1, a1), min(y2, b2) - max(y1, b1)
        if w > 0 and h > 0:
            total += w * h
    return total


#: A box this far (scene units) clear of a segment's bounds is passed by
#: without the clipping test (far more than its rounding could ever reach).
_CLEAR = 1.0


def crosses(x1: float, y1: float, x2: float, y2: float, boxes: list[Box]) -> bool:
    """Does the segment (x1, y1)-(x2, y2) pass through any box? (Liang-Barsky)

    A box clear of the segment's bounds is passed by on four compares: a
    caption's leader line is tested against every card near the wire
    (hundreds on a big graph) for each spot tried, and the clipping test
    of each was a third of placing a Backward step's captions."""
    dx, dy = x2 - x1, y2 - y1
    lo_x, hi_x = (x1 - _CLEAR, x2 + _CLEAR) if dx >= 0 else (x2 - _CLEAR, x1 + _CLEAR)
    lo_y, hi_y = (y1 - _CLEAR, y2 + _CLEAR) if dy >= 0 else (y2 - _CLEAR, y1 + _CLEAR)
    for a1, b1, a2, b2 in boxes:
        if a1 > hi_x or a2 < lo_x or b1 > hi_y or b2 < lo_y:
            continue
        t0, t1 = 0.0, 1.0
        for p, q in ((-dx, x1 - a1), (dx, a2 - x1), (-dy, y1 - b1), (dy, b2 - y1)):
            if p == 0:
                if q < 0:
                    break
                continue
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                break
        else:
            return True
    return False
