"""Line icons for the backward controls, added to gui.common.resources' set so they
look like the rest of the toolbar (same engine, same pen)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF

from gui.common import resources


def _tri(p: QPainter, x0: float, x1: float, fill: bool = True) -> None:
    poly = QPolygonF([QPointF(x0, 5), QPointF(x1, 12), QPointF(x0, 19)])
    if fill:
        p.setBrush(p.pen().color())
    p.drawPolygon(poly)


def _play(p: QPainter) -> None:
    _tri(p, 7, 19)


def _pause(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    # whole units: drawRect(int, int, int, int) is what drew 3.5 and 13.5 (truncated)
    p.drawRect(7, 5, 3, 14)
    p.drawRect(13, 5, 3, 14)


def _step(p: QPainter) -> None:
    _tri(p, 6, 15)
    p.drawLine(QPointF(18, 5), QPointF(18, 19))


def _step_back(p: QPainter) -> None:
    _tri(p, 18, 9)
    p.drawLine(QPointF(6, 5), QPointF(6, 19))


def _restart(p: QPainter) -> None:
    p.drawLine(QPointF(5, 5), QPointF(5, 19))
    _tri(p, 13, 6)
    _tri(p, 20, 13)


def _skip_end(p: QPainter) -> None:
    _tri(p, 4, 11)
    _tri(p, 11, 18)
    p.drawLine(QPointF(19.5, 5), QPointF(19.5, 19))


def _backward(p: QPainter) -> None:
    # an arrow running right-to-left along a chain of nodes: ∂ flowing back
    p.drawEllipse(QPointF(18, 12), 3, 3)
    p.drawEllipse(QPointF(6, 12), 3, 3)
    path = QPainterPath()
    path.moveTo(15, 12)
    path.lineTo(9, 12)
    p.drawPath(path)
    p.drawPolyline([QPointF(11.5, 9.5), QPointF(9, 12), QPointF(11.5, 14.5)])


ICONS = {
    "bw_play": _play,
    "bw_pause": _pause,
    "bw_step": _step,
    "bw_step_back": _step_back,
    "bw_restart": _restart,
    "bw_skip_end": _skip_end,
    "bw_backward": _backward,
}


def register() -> None:
    for name, draw in ICONS.items():
        resources.DRAWERS.setdefault(name, draw)
