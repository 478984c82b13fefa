"""The whole graph in one item, for when it is zoomed far out."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.items import CARD_RECT
from gui.common import style as S


class OverviewLayer(QGraphicsItem):
    """The whole graph drawn in one go when it is zoomed far out.

    Below ``style.FAR_ZOOM`` a card is a few pixels wide and a wire a short
    stroke, so the scene switches its node and wire items to "no contents"
    (they stay selectable and clickable) and this one item draws every node
    as a block and every wire as a line, from arrays rebuilt only when
    something changed. Thousands of paint calls become a handful.
    """

    def __init__(self, scene) -> None:
        super().__init__()
        self._scene = scene
        self._dirty = True
        self._groups: list[tuple[QColor, list]] = []
        self._lines: list = []
        self._hot_lines: list = []
        self._wide_lines: dict[float, list] = {}  # Gradient Flow: lines by width
        self._rect = QRectF()
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setVisible(False)

    def invalidate(self) -> None:
        if self.isVisible():
            self._dirty = True
            self.update()
        else:
            self._dirty = True

    def refit(self) -> None:
        """Recompute the bounds (after nodes were added, removed or moved)."""
        r = QRectF()
        for it in self._scene.node_items():
            if it.isVisible():
                r = r.united(it.sceneBoundingRect())
        if r != self._rect:
            self.prepareGeometryChange()
            self._rect = r
        self.invalidate()

    def boundingRect(self) -> QRectF:
        return self._rect

    def _rebuild(self) -> None:
        groups: dict[int, tuple[QColor, list]] = {}
        order = [S.CARD_BORDER, S.LEAF_BORDER, S.INCOMPLETE, S.BAD, S.OUTPUT, S.HL_CURRENT, S.SELECT]
        for c in order:
            groups[id(c)] = (c, [])
        for it in self._scene.node_items():
            if not it.isVisible():  # folded into a group's card, which draws itself
                continue
            flag = it.flagged
            if it.isSelected():
                c = S.SELECT
            elif it.highlight == "current":
                c = S.HL_CURRENT
            elif it.is_output:
                c = S.OUTPUT
            elif flag == "nonfinite":
                c = S.BAD
            elif flag == "incomplete":
                c = S.INCOMPLETE
            elif it.op == "leaf":
                c = S.LEAF_BORDER
            else:
                c = S.CARD_BORDER
            p = it.pos()
            groups[id(c)][1].append(CARD_RECT.translated(p))
        self._groups = [groups[id(c)] for c in order if groups[id(c)][1]]
        lines: list[QLineF] = []
        hot: list[QLineF] = []
        wide: dict[float, list[QLineF]] = {}
        skip = self._scene.hidden_wire
        for e in self._scene.edge_items():
            if e.key == skip or self._scene.folding.wire_hidden(e.key[0], e.key[1]):
                continue
            if e.width is not None and e.flow is None and not e.isSelected():
                wide.setdefault(e.width, []).append(QLineF(*e.ends()))
                continue
            (hot if (e.flow is not None or e.isSelected()) else lines).append(QLineF(*e.ends()))
        self._lines, self._hot_lines, self._wide_lines = lines, hot, wide
        self._dirty = False

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._dirty:
            self._rebuild()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(S.WIRE, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawLines(self._lines)
        for width, wide in self._wide_lines.items():
            pen = QPen(S.WIRE_GRADIENT, width)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(wide)
        if self._hot_lines:
            pen = QPen(S.WIRE_FLOW, 2.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(self._hot_lines)
        painter.setPen(Qt.PenStyle.NoPen)
        for color, rects in self._groups:
            painter.setBrush(color)
            painter.drawRects(rects)
