"""Gradient Flow's per-group strip: a small bar of a group's mean |grad|,
drawn under a folded card's name or an open group's tab."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from gui.common import style as S

STRIP = S.MAGNITUDE
STRIP_TRACK = QColor(31, 36, 48, 30)
STRIP_FILL = QColor(S.MAGNITUDE.red(), S.MAGNITUDE.green(), S.MAGNITUDE.blue(), 60)  # far out: the gauge


def strip_h(zoom: float) -> float:
    """The height (scene units) of the bar under a far name (at least 5 px on screen)."""
    return max(4.0, 5.0 / max(zoom, 1e-6))


def paint_strip(painter: QPainter, rect: QRectF, fraction: float) -> None:
    """A small bar: its track, filled to ``fraction``."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(STRIP_TRACK)
    rad = rect.height() / 2
    painter.drawRoundedRect(rect, rad, rad)
    if fraction > 0:
        painter.setBrush(STRIP)
        w = max(rect.height(), rect.width() * min(1.0, fraction))
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), w, rect.height()), rad, rad)
