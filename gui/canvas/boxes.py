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


def crosses(x1: float, y1: float, x2: float, y2: float, boxes: list[Box]) -> bool:
    """Does the segment (x1, y1)-(x2, y2) pass through any box? (Liang-Barsky)"""
    dx, dy = x2 - x1, y2 - y1
    for a1, b1, a2, b2 in boxes:
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
