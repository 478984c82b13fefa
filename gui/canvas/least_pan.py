"""The least scroll that shows a rect whole at the zoom the view has, so
what the user was looking at moves as little as it can: a fold that shrank
the graph (verify 57), a quiz's question on a card at the view's edge
(trial 58: Quiz Mode centred the blog's L and cut a and b off)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF


def pan_least(view: Any, rect: QRectF, margin_px: float = 0.0, below_px: float = 0.0) -> bool | None:
    """Scroll ``view`` (a GraphView) the least that shows ``rect`` whole,
    with up to ``margin_px`` screen pixels round it where there is room:
    True if it scrolled, False if ``rect`` was in view already (or would
    move less than ``below_px`` screen pixels each way: left as it is),
    None if it does not fit at this zoom (nothing done)."""
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    if rect.isEmpty() or rect.width() > seen.width() or rect.height() > seen.height():
        return None
    m = margin_px / max(view.zoom, 1e-6)
    mx = min(m, (seen.width() - rect.width()) / 2)
    my = min(m, (seen.height() - rect.height()) / 2)
    r = rect.adjusted(-mx, -my, mx, my)

    def least(r0: float, r1: float, s0: float, s1: float) -> float:
        return r0 - s0 if r0 < s0 else r1 - s1 if r1 > s1 else 0.0

    dx = least(r.left(), r.right(), seen.left(), seen.right())
    dy = least(r.top(), r.bottom(), seen.top(), seen.bottom())
    z = view.zoom
    if (not dx and not dy) or (abs(dx) * z < below_px and abs(dy) * z < below_px):
        return False
    view.centerOn(seen.center() + QPointF(dx, dy))
    return True
