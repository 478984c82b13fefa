"""The whole graph in one item, for when it is zoomed far out."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.items import CARD_RECT
from gui.canvas.line_index import LineIndex
from gui.common import style as S

#: A repaint of less than this share of the layer draws only what is there
#: (finding it costs a little a card; a bigger one draws everything, in C++).
_PART = 1 / 16

#: The block colours, in drawing order (later ones on top).
_COLORS = (S.CARD_BORDER, S.LEAF_BORDER, S.INCOMPLETE, S.BAD, S.OUTPUT, S.HL_CURRENT, S.SELECT)


class OverviewLayer(QGraphicsItem):
    """The whole graph drawn in one go when it is zoomed far out.

    Below ``style.FAR_ZOOM`` a card is a few pixels wide and a wire a short
    stroke, so the scene switches its node and wire items to "no contents"
    (they stay selectable and clickable) and this one item draws every node
    as a block and every wire as a line. The blocks and lines are kept per
    node and per wire: the scene tells the layer which node or wire changed
    (moved, selected, lit, flagged), so a move or a Backward step costs what
    it touches, not a pass over the whole graph. ``invalidate`` rebuilds
    everything at the next paint (a new graph, a switch of zoom level).
    """

    def __init__(self, scene) -> None:
        super().__init__()
        self._scene = scene
        self._dirty = True
        self._blocks: list[dict[str, QRectF]] = [{} for _ in _COLORS]  # per colour: id -> block
        self._color: dict[str, int] = {}  # id -> index into _COLORS
        self._lines: dict[tuple, QLineF] = {}
        self._index = LineIndex()  # the lines of _lines by where they are: a small repaint draws a few
        self._hot: dict[tuple, QLineF] = {}  # lit or selected wires
        self._wide: dict[tuple, tuple[float, QLineF]] = {}  # Gradient Flow: (width, line)
        self._rect = QRectF()
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint() gets the area
        self.setVisible(False)

    def invalidate(self) -> None:
        """Rebuild everything at the next paint."""
        self._dirty = True
        if self.isVisible():
            self.update()

    def refit(self) -> None:
        """Recompute the bounds from every card (a new graph, the switch to far zoom)."""
        r = QRectF()
        for it in self._scene.node_items():
            if it.isVisible():  # not folded into a group's card
                r = r.united(it.sceneBoundingRect())
        self._set_rect(r)
        self.invalidate()

    def grow(self, items) -> None:
        """Take in the bounds of cards added or moved (the bounds never
        shrink here: a card moved inwards leaves them a little too big,
        which costs nothing)."""
        r = self._rect
        for it in items:
            r = r.united(it.sceneBoundingRect())
        self._set_rect(r)

    def _set_rect(self, r: QRectF) -> None:
        if r != self._rect:
            self.prepareGeometryChange()
            self._rect = r

    def boundingRect(self) -> QRectF:
        return self._rect

    # ------------------------------------------------------------ per item
    def node_changed(self, it) -> None:
        """A card was added, moved or changed what colour it is drawn in."""
        if self._dirty or not self.isVisible():
            self._dirty = True
            return
        self._repaint(self._drop_node(it.node_id))
        self._repaint(self._put_node(it))

    def node_gone(self, node_id: str) -> None:
        if not self._dirty:
            self._repaint(self._drop_node(node_id))

    def wire_changed(self, e) -> None:
        """A wire was added, moved, lit, selected, hidden or shown."""
        if self._dirty or not self.isVisible():
            self._dirty = True
            return
        self._repaint(self._drop_wire(e.key))
        self._repaint(self._put_wire(e))

    def wire_gone(self, key: tuple) -> None:
        if not self._dirty:
            self._repaint(self._drop_wire(key))

    def _repaint(self, r: QRectF | QLineF | None) -> None:
        """Repaint just where a block or line was or is (a frame of the whole
        layer draws every line: 50 ms at 20,000 nodes)."""
        if isinstance(r, QLineF):
            r = QRectF(r.p1(), r.p2()).normalized()
        if r is not None:
            self.update(r.adjusted(-2, -2, 2, 2))

    def _put_node(self, it) -> QRectF | None:
        if not it.isVisible():  # folded into a group's card, which draws itself
            return None
        c = _color_of(it)
        self._color[it.node_id] = c
        r = self._blocks[c][it.node_id] = CARD_RECT.translated(it.pos())
        return r

    def _drop_node(self, node_id: str) -> QRectF | None:
        c = self._color.pop(node_id, None)
        return None if c is None else self._blocks[c].pop(node_id)

    def _put_wire(self, e) -> QLineF | None:
        key = e.key
        if key == self._scene.hidden_wire or self._scene.folding.wire_hidden(key[0], key[1]):
            return None
        p1, p2 = e.ends()
        line = QLineF(p1, p2)
        if e.flow is not None or e.isSelected():
            self._hot[key] = line
        elif e.width is not None:
            self._wide[key] = (e.width, line)
        else:
            self._lines[key] = line
            self._index.put(key, line, p1.x(), p1.y(), p2.x(), p2.y())
        return line

    def _drop_wire(self, key: tuple) -> QLineF | None:
        line = self._lines.pop(key, None)
        if line is not None:
            self._index.drop(key)
        hot = self._hot.pop(key, None)
        wide = self._wide.pop(key, None)
        return hot if hot is not None else wide[1] if wide is not None else line

    def _rebuild(self) -> None:
        self._blocks = [{} for _ in _COLORS]
        self._color = {}
        self._lines, self._hot, self._wide = {}, {}, {}
        self._index = LineIndex()
        for it in self._scene.node_items():
            self._put_node(it)
        for e in self._scene.edge_items():
            self._put_wire(e)
        self._dirty = False

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._dirty:
            self._rebuild()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(S.WIRE, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        seen, whole = option.exposedRect, self._rect
        # a repaint of a small part (a card moved, a wire added) draws what is there, not every line
        part = seen.width() * seen.height() < _PART * whole.width() * whole.height()
        painter.drawLines(self._index.lines_in(seen) if part else list(self._lines.values()))
        by_width: dict[float, list[QLineF]] = {}
        for width, line in self._wide.values():
            by_width.setdefault(width, []).append(line)
        for width, lines in by_width.items():
            pen = QPen(S.WIRE_GRADIENT, width)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
        if self._hot:
            pen = QPen(S.WIRE_FLOW, 2.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(list(self._hot.values()))
        painter.setPen(Qt.PenStyle.NoPen)
        shown: list = self._blocks
        if part:  # the cards there, from the scene's card grid
            shown = [{} for _ in _COLORS]
            for n in self._scene.ids_near(seen):
                c = self._color.get(n)
                if c is not None:
                    shown[c][n] = self._blocks[c][n]
        for color, blocks in zip(_COLORS, shown):
            if blocks:
                painter.setBrush(color)
                painter.drawRects(list(blocks.values()))


def _color_of(it) -> int:
    """Which of _COLORS a card is drawn in (an index)."""
    if it.isSelected():
        return 6  # SELECT
    if it.highlight == "current":
        return 5  # HL_CURRENT
    if it.is_output:
        return 4  # OUTPUT
    flag = it.flagged
    if flag == "nonfinite":
        return 3  # BAD
    if flag == "incomplete":
        return 2  # INCOMPLETE
    return 1 if it.op == "leaf" else 0  # LEAF_BORDER, CARD_BORDER
