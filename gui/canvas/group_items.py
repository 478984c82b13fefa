"""How a group looks: an open group is a frame behind its cards with a title
tab; a collapsed group is one card with its boundary as ports. The items
hold no document state: the folding layer (folding.py) tells them what to
show, and they ask it (never the model) when clicked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from core.explain.format import fmt_card
from gui.common import style as S

FRAME_FILL = QColor(59, 91, 219, 14)
FRAME_BORDER = QColor("#94a3d8")
FRAME_TITLE = QColor("#3b4a8a")
CARD_FILL = QColor("#eef1fb")
CARD_HEADER = QColor("#d9dff5")

PAD = 14.0  # around the cards inside a frame
TITLE_H = 24.0  # the frame's tab, above its cards
CARD_W = 200.0
ROW_H = 20.0
HEADER_H = 26.0


def _font(px: int, bold: bool = False) -> QFont:
    return S.font(px, bold)


@dataclass
class Port:
    """One row of a collapsed group's card: a value crossing its boundary."""

    node: str  # the outside source (input) or the inside node (output)
    name: str
    value: float | None
    grad: float | None = None


class GroupFrame(QGraphicsObject):
    """An open group: a tinted frame around its cards, named on a tab whose
    ▾ folds it."""

    def __init__(self, gid: str, on_toggle: Callable[[str], None], on_pick: Callable[[str], None]) -> None:
        super().__init__()
        self.gid = gid
        self.label = gid
        self._rect = QRectF()
        self._on_toggle, self._on_pick = on_toggle, on_pick
        self.setZValue(-10 + 0.01)  # behind wires and cards
        self.setToolTip("")
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def set_frame(self, rect: QRectF, label: str, depth: int) -> None:
        if rect != self._rect or label != self.label:
            self.prepareGeometryChange()
            self._rect, self.label = QRectF(rect), label
        self.setZValue(-10 + 0.01 * depth)  # an inner frame over its outer one
        self.setToolTip(f"Group “{label}”: click the ▾ to fold it into one card, the name to select it")

    def title_rect(self) -> QRectF:
        r = self._rect
        w = min(r.width(), QFontMetricsF(_font(12, True)).horizontalAdvance(self.label) + 44)
        return QRectF(r.left(), r.top(), w, TITLE_H)

    def toggle_rect(self) -> QRectF:
        t = self.title_rect()
        return QRectF(t.left() + 4, t.top() + 3, 18, 18)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def shape(self):  # only the tab takes clicks: the frame's inside is the canvas
        from PySide6.QtGui import QPainterPath

        p = QPainterPath()
        p.addRect(self.title_rect())
        return p

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._rect
        painter.setPen(QPen(FRAME_BORDER, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(FRAME_FILL)
        painter.drawRoundedRect(r, 10, 10)
        t = self.title_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(217, 223, 245))
        painter.drawRoundedRect(t, 8, 8)
        painter.setPen(FRAME_TITLE)
        painter.setFont(_font(12, True))
        painter.drawText(self.toggle_rect(), Qt.AlignmentFlag.AlignCenter, "▾")
        painter.drawText(
            t.adjusted(24, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label
        )

    def mousePressEvent(self, event) -> None:
        if self.toggle_rect().adjusted(-3, -3, 3, 3).contains(event.pos()):
            self._on_toggle(self.gid)
        else:
            self._on_pick(self.gid)
        event.accept()


class GroupCard(QGraphicsObject):
    """A collapsed group: its name, how many nodes it folds, and a row per
    value crossing its boundary (inputs on the left, outputs on the right),
    with the gradient each carries once Backward has shown one."""

    def __init__(
        self,
        gid: str,
        on_toggle: Callable[[str], None],
        on_moved: Callable[[str, float, float], None],
        on_dragging: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.gid = gid
        self.label = gid
        self.count = 0
        self.inputs: list[Port] = []
        self.outputs: list[Port] = []
        self._on_toggle, self._on_moved, self._on_dragging = on_toggle, on_moved, on_dragging
        self._press: QPointF | None = None
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)

    def set_content(self, label: str, count: int, inputs: list[Port], outputs: list[Port]) -> None:
        self.prepareGeometryChange()
        self.label, self.count, self.inputs, self.outputs = label, count, inputs, outputs
        self.setToolTip(
            f"Group “{label}”, folded: {count} node{'s' * (count != 1)}. "
            "Double-click (or ▸) to open it; drag to move all of it."
        )
        self.update()

    def rect(self) -> QRectF:
        rows = max(1, len(self.inputs), len(self.outputs))
        return QRectF(0, 0, CARD_W, HEADER_H + 18 + rows * ROW_H + 6)

    def input_pos(self, source: str) -> QPointF:
        for i, p in enumerate(self.inputs):
            if p.node == source:
                return self.mapToScene(QPointF(0, self._row_y(i)))
        return self.mapToScene(QPointF(0, HEADER_H / 2))

    def output_pos(self, node: str) -> QPointF:
        for i, p in enumerate(self.outputs):
            if p.node == node:
                return self.mapToScene(QPointF(CARD_W, self._row_y(i)))
        return self.mapToScene(QPointF(CARD_W, HEADER_H / 2))

    def _row_y(self, i: int) -> float:
        return HEADER_H + 18 + i * ROW_H + ROW_H / 2

    def boundingRect(self) -> QRectF:
        return self.rect().adjusted(-S.PORT_R - 2, -2, S.PORT_R + 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self.rect()
        painter.setPen(QPen(S.SELECT if self.isSelected() else FRAME_BORDER, 2 if self.isSelected() else 1.4))
        painter.setBrush(CARD_FILL)
        painter.drawRoundedRect(r, S.RADIUS, S.RADIUS)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CARD_HEADER)
        painter.drawRoundedRect(QRectF(0, 0, r.width(), HEADER_H), S.RADIUS, S.RADIUS)
        painter.setPen(FRAME_TITLE)
        painter.setFont(_font(13, True))
        painter.drawText(QRectF(6, 0, 18, HEADER_H), Qt.AlignmentFlag.AlignCenter, "▸")
        painter.drawText(
            QRectF(26, 0, r.width() - 32, HEADER_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self.label,
        )
        painter.setPen(S.TEXT_DIM)
        painter.setFont(_font(11))
        painter.drawText(
            QRectF(8, HEADER_H, r.width() - 16, 18),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            f"{self.count} node{'s' * (self.count != 1)} folded",
        )
        half = r.width() / 2
        for side, ports in ((0, self.inputs), (1, self.outputs)):
            for i, p in enumerate(ports):
                y = self._row_y(i)
                text = f"{p.name} {fmt_card(p.value) if p.value is not None else '—'}"
                if p.grad is not None:
                    text += f"  ∇{fmt_card(p.grad)}"
                painter.setPen(S.TEXT)
                painter.setFont(_font(11))
                box = QRectF(10 if side == 0 else half, y - ROW_H / 2, half - 14, ROW_H)
                align = Qt.AlignmentFlag.AlignLeft if side == 0 else Qt.AlignmentFlag.AlignRight
                painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)
                painter.setPen(QPen(S.PORT_OUT if side else S.PORT_IN, 1.2))
                painter.setBrush(S.PORT_EMPTY if side == 0 else S.PORT_OUT)
                painter.drawEllipse(QPointF(0 if side == 0 else r.width(), y), S.PORT_R, S.PORT_R)

    def mousePressEvent(self, event) -> None:
        if QRectF(0, 0, 26, HEADER_H).contains(event.pos()):
            self._on_toggle(self.gid)
            event.accept()
            return
        self._press = self.pos()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        self._on_dragging(self.gid)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is not None and start != self.pos():
            d = self.pos() - start
            self._on_moved(self.gid, d.x(), d.y())

    def mouseDoubleClickEvent(self, event) -> None:
        self._on_toggle(self.gid)
        event.accept()
