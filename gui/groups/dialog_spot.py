"""Where a group's name dialog opens: beside the selected cards it names,
never over them (a trial: Ctrl+G's dialog, centred on the window, half
covered the cards being grouped), and over as few other cards as it can."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtWidgets import QGraphicsView, QStyle, QWidget

#: Between the dialog and the selection (px).
GAP = 16


def spot(size: QSize, area: QRect, avoid: QRect, others: Sequence[QRect]) -> QPoint | None:
    """The top-left corner for a dialog of ``size`` inside ``area`` that
    does not meet ``avoid`` (the selection, grown by ``GAP``), covering the
    least of ``others`` (the other cards in sight): beside the selection
    (right, left, below, above), else in a corner of ``area``; None where
    no such place fits (the caller leaves the dialog where Qt puts it)."""
    w, h = size.width(), size.height()
    around = avoid.adjusted(-GAP, -GAP, GAP, GAP)
    mid_y = around.center().y() - h // 2
    mid_x = around.center().x() - w // 2
    candidates = [
        QPoint(around.right() + 1, mid_y),
        QPoint(around.left() - w, mid_y),
        QPoint(mid_x, around.bottom() + 1),
        QPoint(mid_x, around.top() - h),
        area.topLeft() + QPoint(GAP, GAP),
        QPoint(area.right() - w - GAP, area.top() + GAP),
        QPoint(area.left() + GAP, area.bottom() - h - GAP),
        QPoint(area.right() - w - GAP, area.bottom() - h - GAP),
    ]
    best: tuple[int, int, QPoint] | None = None
    for order, p in enumerate(candidates):
        p = _inside(p, size, area)  # (slid along, to stay in the window)
        r = QRect(p, size)
        if r.intersects(around) or not area.contains(r):
            continue
        covered = sum(_overlap(r, o) for o in others)
        if best is None or (covered, order) < best[:2]:
            best = (covered, order, p)
    return best[2] if best is not None else None


def _inside(p: QPoint, size: QSize, area: QRect) -> QPoint:
    x = min(max(p.x(), area.left()), area.right() - size.width() + 1)
    y = min(max(p.y(), area.top()), area.bottom() - size.height() + 1)
    return QPoint(x, y)


def _overlap(a: QRect, b: QRect) -> int:
    both = a.intersected(b)
    return both.width() * both.height() if not both.isEmpty() else 0


def place_clear_of_selection(dlg: QWidget, view: QGraphicsView, scene: Any) -> None:
    """Move ``dlg`` (not shown yet) to a ``spot`` beside what is selected on
    ``scene`` (a GraphScene) as ``view`` shows it; left alone with nothing
    selected in sight."""
    vp = view.viewport()
    chosen = [it for it in scene.selectedItems() if it.isVisible()]
    if not chosen or not vp.isVisible():
        return

    def on_screen(r: QRectF) -> QRect:
        box = view.mapFromScene(r).boundingRect()
        return QRect(vp.mapToGlobal(box.topLeft()), box.size())

    sel = QRectF()
    for it in chosen:
        sel = sel.united(it.sceneBoundingRect())
    area = QRect(vp.mapToGlobal(QPoint(0, 0)), vp.size())
    seen = view.mapToScene(vp.rect()).boundingRect()
    others = [on_screen(c.sceneBoundingRect()) for c in scene.node_items_in(seen) if not c.isSelected()]
    dlg.adjustSize()
    title = dlg.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)  # (its frame, once shown)
    size = dlg.size() + QSize(0, max(0, title))
    p = spot(size, area, on_screen(sel), others)
    if p is not None:
        dlg.move(p)
