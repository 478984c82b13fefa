"""Fit beside the widgets over the canvas's corners (the minimap, the Find
bar), not under them: a trial's Fit laid the MLP's last cards under the
minimap.

Fit zooms and centres the graph's rect as ever when no card lies under one
of them. Else the graph is moved off-centre into the room the rect leaves
(to the left of the minimap, above it), and made smaller only when that is
not enough, as little as keeps every card out from under them: the cards'
empty corner (the MLP's, right of its last layer, under its loss) may lie
under the minimap. Only rects: the cards asked about are those the card
grid files near the covered corners, a few dozen looks, never every card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QWidget

from gui.canvas.overlays import Overlays
from gui.canvas.scene import GraphScene

#: Halvings of the ranges searched: the zoom, then how far the graph moves.
SEARCH_STEPS = 7
#: Folded cards up to this many are each looked at; more are filed in cells of ``CELL`` units.
FEW_FOLDED, CELL = 64, 2048.0
#: px kept between a card and a widget (the view's scroll rounds its centre to a pixel).
GAP = 6


class FitView(Protocol):
    """What Fit reads of the view (gui/canvas/view.py)."""

    overlays: Overlays

    def viewport(self) -> QWidget: ...
    def graph_scene(self) -> GraphScene: ...


def margined(r: QRectF, beside: QRectF | None, m: float) -> QRectF:
    """``r`` with Fit's margin ``m``, and ``beside`` (the linked copies and
    badges reaching out of it: LinkedCopies.reach_past) with a fifth of it
    (a pill is rounded room of its own: 40 more units left of the neuron's
    badges made its gradient cards too small to write their names)."""
    out = r.adjusted(-m, -m, m, m)
    return out if beside is None else out.united(beside.adjusted(-m / 5, -m / 5, m / 5, m / 5))


def fit_place(view: FitView, r: QRectF, zoom: float, cards: QRectF) -> tuple[QPointF, float]:
    """Where to centre ``view`` and at what zoom to show ``r`` (which fills
    it at ``zoom``, centred) with no card (all within ``cards``) under a
    widget over its corners."""
    vp = view.viewport()
    covered = [QRectF(c).adjusted(-GAP, -GAP, GAP, GAP) for c in view.overlays.covered(vp)]
    if not covered:
        return r.center(), zoom
    scene = view.graph_scene()
    held: list[tuple[list[QRectF], dict[tuple[int, int], list[QRectF]]]] = []  # (once, when first asked)

    def folded() -> tuple[list[QRectF], dict[tuple[int, int], list[QRectF]]]:
        """The folded cards shown, and filed by cell (5,000 of them: read once, not per look)."""
        if not held:
            rects = [c.sceneBoundingRect() for c in scene.folding.cards() if c.isVisible()]
            cells: dict[tuple[int, int], list[QRectF]] = {}
            for b in rects if len(rects) > FEW_FOLDED else ():
                for cell in _cells(b):
                    cells.setdefault(cell, []).append(b)
            held.append((rects, cells))
        return held[0]

    def occupied(region: QRectF) -> bool:
        """Whether a card shown (a folded group's included) meets ``region``."""
        for n in scene.shown_ids_near(region):
            it = scene.node_item(n)
            if it is not None and it.isVisible() and it.sceneBoundingRect().intersects(region):
                return True
        rects, cells = folded()
        if len(rects) <= FEW_FOLDED or _spans(region) > len(cells):  # (few, or a huge region)
            return any(b.intersects(region) for b in rects)
        return any(b.intersects(region) for cell in _cells(region) for b in cells.get(cell, ()))

    return clear_fit(QRectF(vp.rect()), r, zoom, covered, occupied, cards)


def clear_fit(
    vp: QRectF,
    r: QRectF,
    zoom: float,
    covered: list[QRectF],
    occupied: Callable[[QRectF], bool],
    cards: QRectF | None = None,
) -> tuple[QPointF, float]:
    """The scene point to centre on and the zoom (``zoom`` at most) that show
    ``r`` in ``vp`` with nothing ``occupied`` says is there (all of it
    within ``cards``, default ``r``) under a rect of ``covered`` (viewport
    pixels); see the module docstring. When even a quarter of ``zoom``
    leaves a card under one (a canvas the widgets nearly fill), Fit as ever."""
    centre, within = r.center(), r if cards is None else cards
    if r.width() <= 0 or r.height() <= 0 or zoom <= 0:
        return centre, zoom

    def clear(z: float, dx: float, dy: float) -> bool:
        """No card under a covered rect with ``r`` at ``z``, moved (dx, dy) px from the centre."""
        c = centre - QPointF(dx, dy) / z - vp.center() / z
        looks = (QRectF(c + o.topLeft() / z, o.size() / z).intersected(within) for o in covered)
        return not any(occupied(q) for q in looks if not q.isEmpty())

    def moves(z: float) -> list[tuple[float, float]]:
        """The moves from the centre that keep ``r`` in view at ``z``: none,
        and away from each covered rect as far as it goes; the least first."""
        sx, sy = max(0.0, (vp.width() - r.width() * z) / 2), max(0.0, (vp.height() - r.height() * z) / 2)
        c = vp.center()
        xs = {0.0, *(-sx if o.center().x() > c.x() else sx for o in covered)}  # away from each
        ys = {0.0, *(-sy if o.center().y() > c.y() else sy for o in covered)}
        return sorted(((dx, dy) for dx in xs for dy in ys), key=lambda m: abs(m[0]) + abs(m[1]))

    def way(z: float) -> tuple[float, float] | None:
        return next((m for m in moves(z) if clear(z, *m)), None)

    if clear(zoom, 0.0, 0.0):
        return centre, zoom
    z, hi = zoom, zoom
    if way(z) is None:  # moving is not enough: the largest zoom with a way clear
        z = zoom / 4
        if way(z) is None:
            return centre, zoom
        for _ in range(SEARCH_STEPS):
            mid = (z + hi) / 2
            z, hi = (mid, hi) if way(mid) is not None else (z, mid)
    dx, dy = way(z) or (0.0, 0.0)
    a, b = 0.0, 1.0
    for _ in range(SEARCH_STEPS):  # that way, only as far as it takes
        t = (a + b) / 2
        a, b = (a, t) if clear(z, t * dx, t * dy) else (t, b)
    return centre - QPointF(b * dx, b * dy) / z, z


def _spans(r: QRectF) -> int:
    """How many cells of ``CELL`` units ``r`` meets."""
    across = int(r.right() // CELL) - int(r.left() // CELL) + 1
    return across * (int(r.bottom() // CELL) - int(r.top() // CELL) + 1)


def _cells(r: QRectF) -> list[tuple[int, int]]:
    """The cells of ``CELL`` units ``r`` meets."""
    x1, x2 = int(r.left() // CELL), int(r.right() // CELL)
    y1, y2 = int(r.top() // CELL), int(r.bottom() // CELL)
    return [(i, j) for i in range(x1, x2 + 1) for j in range(y1, y2 + 1)]
