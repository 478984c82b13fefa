"""Where a node card's ports, fields and shape are, in the card and in the
scene: what a click, a wire's end or an inline editor asks of it. Kept apart
from the card's state and drawing (gui/canvas/cards/node_item.py) as a mixin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.painting import BODY_MID, BODY_TOP, CARD_RECT, H2, OUT_Y, PORT_YS, W2
from gui.common import style as S

if TYPE_CHECKING:  # (the item's own mapping, Qt's, as mypy reads it)
    _Item = QGraphicsItem
else:
    _Item = object


class CardGeometry(_Item):
    """NodeItem's geometry (its ports by its arity, its fields by its op)."""

    if TYPE_CHECKING:  # NodeItem's, used here
        arity: int
        op: str
        _symbol: str

    def input_pos(self, port: int) -> QPointF:
        """Scene position of input ``port``."""
        return self.mapToScene(QPointF(-W2, PORT_YS[self.arity][port]))

    def output_pos(self) -> QPointF:
        return self.mapToScene(QPointF(W2, OUT_Y))

    def local_port(self, kind: str, port: int = 0) -> QPointF:
        if kind == "out":
            return QPointF(W2, OUT_Y)
        return QPointF(-W2, PORT_YS[self.arity][port])

    def port_at(self, scene_pos: QPointF, radius: float = S.PORT_HIT) -> tuple[str, int] | None:
        """("in", port) or ("out", 0) of the port within ``radius`` of ``scene_pos``."""
        p = self.mapFromScene(scene_pos)
        best, best_d = None, radius * radius
        cands = [("out", 0)] + [("in", i) for i in range(self.arity)]
        for kind, i in cands:
            q = self.local_port(kind, i)
            d = (p.x() - q.x()) ** 2 + (p.y() - q.y()) ** 2
            if d <= best_d:
                best, best_d = (kind, i), d
        return best

    def region_at(self, scene_pos: QPointF) -> str:
        """What a double-click at ``scene_pos`` edits: "label", "value" or "exponent"."""
        p = self.mapFromScene(scene_pos)
        if p.y() < BODY_TOP:
            if self.op == "pow" and p.x() <= self.symbol_rect().right() + 2:
                return "exponent"  # the x^k pill
            return "label"
        if self.op == "leaf":
            return "value"
        if self.op == "pow":
            return "exponent"
        return "label"

    def editor_rect(self, what: str) -> QRectF:
        """Scene rect where the inline editor for ``what`` goes."""
        if what == "label":
            r = QRectF(-W2 + 4, -H2 + 2, S.NODE_W - 8, S.HEADER_H - 2)
        elif what == "exponent":
            r = QRectF(-W2 + 4, -H2 + 2, W2, S.HEADER_H - 2)
        else:
            r = QRectF(-W2 + 10, BODY_MID - 12, S.NODE_W - 20, 24)
        return self.mapRectToScene(r)

    def symbol_rect(self) -> QRectF:
        """The operator's symbol pill at the left of the header (empty for a leaf)."""
        if not self._symbol:
            return QRectF()
        f = S.fonts()[3] if len(self._symbol) <= 2 else S.fonts()[0]
        w = max(22.0, QFontMetricsF(f).horizontalAdvance(self._symbol) + 10)
        return QRectF(-W2 + 6, -H2 + 3, w, S.HEADER_H - 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(CARD_RECT.adjusted(-S.PORT_R, 0, S.PORT_R, 0), S.RADIUS, S.RADIUS)
        return path
