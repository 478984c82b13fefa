"""The hatched band of a card whose value is inf or nan, clear of the card's
texts: drawn through them, "grad 1.0000" read as struck out and the "in₂"
port name was half hidden (trial 60 #6)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainterPath

from gui.canvas.cards.card_text import Text, line_height, metrics

#: Room (scene units) kept between a text and the hatching around it.
GAP = 2.0
#: Texts drawn outside the card (over it, under it): no hatching there to keep them clear of.
OUTSIDE = ("badge", "note")


def ink(t: Text) -> QRectF:
    """Where ``t``'s letters are (or its pill, if it has one): its rect is
    the room it may take, often wider and taller than what it writes."""
    if t.box is not None:
        return QRectF(t.box)
    r = t.rect
    w = min(r.width(), metrics(t.px, t.bold).horizontalAdvance(t.text))
    h = min(r.height(), line_height(t.px, t.bold))
    if t.align & Qt.AlignmentFlag.AlignLeft:
        x = r.left()
    elif t.align & Qt.AlignmentFlag.AlignRight:
        x = r.right() - w
    else:
        x = r.center().x() - w / 2
    return QRectF(x, r.center().y() - h / 2, w, h)


def clear_of(band: QPainterPath, texts: Sequence[Text]) -> QPainterPath:
    """``band`` less the room the card's own ``texts`` take (and a little gap)."""
    room = QPainterPath()
    for t in texts:
        if t.kind not in OUTSIDE and t.text:
            room.addRect(ink(t).adjusted(-GAP, -GAP, GAP, GAP))
    return band if room.isEmpty() else band.subtracted(room.simplified())
