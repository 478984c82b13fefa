"""Gradient Flow's per-group strip: a small bar of a group's mean |grad|,
drawn under a folded card's name or an open group's tab."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from gui.canvas.cards.card_text import Text, metrics
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


def strip_place(texts: list[Text], zoom: float, width: float, header_h: float) -> tuple[QRectF, bool]:
    """Where Gradient Flow's bar goes on a folded card's face: under its name, in the
    header, where the name's letters end above it (True); else (a name drawn larger,
    zoomed out: trial 52's names at 62 % "struck through" by the bar) the header
    itself, behind the name, which it fills to the bar's length (False); ``header_h``: the header's height."""
    h = min(6.0, max(4.0, 4.0 / max(zoom, 1e-6)))
    bar = QRectF(8, header_h - h - 1, width - 16, h)
    name = next((t for t in texts if t.kind == "name"), None)
    if name is None:
        return bar, True
    fm = metrics(name.px, True)
    bottom = name.rect.center().y() + fm.height() / 2 + 0.5  # (centred in its box, descenders and all)
    if bottom <= bar.top():
        return bar, True
    thin = header_h - 1 - bottom  # (thinner, in what the name leaves: 2.5 screen pixels at least)
    if thin * zoom >= 2.5:
        return QRectF(8, bottom, width - 16, thin), True
    return QRectF(1, 1, width - 2, header_h - 1), False
