"""The wires' pens, one per state, shared by every wire (and by the cells
that draw a crowded view's thin wires in one stroke: cell_ink.py)."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from gui.common import style as S


def _cosmetic(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setStyle(style)
    return pen


class Pens:
    """The wires' pens, one per state, shared by every wire."""

    def __init__(self) -> None:
        self.plain = _cosmetic(S.WIRE, S.WIRE_W)
        self.selected = _cosmetic(S.WIRE_SELECTED, 3.0)
        self.flow = _cosmetic(S.WIRE_FLOW, 3.5)
        self.bad = _cosmetic(S.BAD, S.WIRE_W)
        self.none = _cosmetic(S.WIRE_NONE, 1.6, Qt.PenStyle.DashLine)
        # 1-pixel cosmetic pens take Qt's fast stroker: used when zoomed out
        self.thin = {
            "ok": _cosmetic(S.WIRE, 1.0),
            "nonfinite": _cosmetic(S.BAD, 1.0),
            "none": _cosmetic(S.WIRE_NONE, 1.0, Qt.PenStyle.DashLine),
        }
        self._weighted: dict[tuple[float, bool, int], QPen] = {}

    def halo(self, px: float) -> QPen:
        """The glow under a lit wire while Gradient Flow colours wires by sign."""
        key = (-px, False, S.FLOW_HALO.rgba())
        if key not in self._weighted:
            self._weighted[key] = _cosmetic(S.FLOW_HALO, px + 7.0)
        return self._weighted[key]

    def weighted(self, px: float, bad: bool = False, color: QColor | None = None) -> QPen:
        """Gradient Flow's pen, ``px`` wide, in ``color`` (None: the slate; one per width and colour)."""
        c = S.BAD if bad else S.WIRE_GRADIENT if color is None else color
        key = (px, bad, c.rgba())
        if key not in self._weighted:
            self._weighted[key] = _cosmetic(c, px)
        return self._weighted[key]


@functools.cache
def pens() -> Pens:
    """The pens, made when the first wire needs them."""
    return Pens()
