"""A linked copy's card, and the badge on the original that counts its copies.

A copy is a child of its consumer's card, so it follows the card (moves,
folding hides it with the card's box) without a call of its own; it is not a
node: it has no ports, cannot be moved, wired or deleted, and a click on it
goes to the original (``CopyHost.go_to``). It draws, at every zoom, what it
has room for: near the leaf's label and value (and after Backward the
gradient this use sends back, which the original's gradient is the sum of:
micrograd's ``+=``), further out the label alone in larger type, and far
out (the overview draws the graph) nothing.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from core.explain.format import fmt
from gui.canvas.painting import BOUNDS, H2, PORT_YS, W2
from gui.canvas.wires.wire_item import LINK_STUB
from gui.common import style as S

Key = tuple[str, str, int]
#: The stub joining a copy to its port (the wire's item draws it: EdgeItem.paint).
STUB = LINK_STUB
PILL_W = 84.0
PILL_H = 40.0
#: How far a pill reaches out of the card it belongs to (a card's neighbours look this far).
REACH = STUB + PILL_W
#: Below this many screen pixels a text is not drawn (the pill stays a coloured chip);
#: two lines (label, then value and gradient) need more, or the label alone is drawn larger.
MIN_PX = 6.5
TWO_LINES_PX = 9.0
_PAD = 4.0
_GRAD_SIGN = "∇"


class CopyHost(Protocol):
    """What a copy asks of the scene's linked copies (gui/canvas/linked/copies.py)."""

    hot: str | None

    @property
    def far(self) -> bool: ...

    def label(self, node: str) -> str: ...
    def value(self, node: str) -> float | None: ...
    def carried(self, key: Key) -> float | None: ...
    def lit(self, key: Key) -> bool: ...
    def hover(self, source: str | None) -> None: ...
    def go_to(self, source: str) -> None: ...


def pill_rect(arity: int, port: int) -> QRectF:
    """The copy of input ``port`` in its card's coordinates: left of the port,
    a two-input card's upper copy above its port, the lower one below (their
    ports are 22 apart), so the two never meet."""
    y = PORT_YS[arity][port]
    top = y - PILL_H / 2 if arity == 1 else (y - PILL_H + 6.0 if port == 0 else y - 6.0)
    return QRectF(-W2 - STUB - PILL_W, top, PILL_W, PILL_H)


class CopyItem(QGraphicsItem):
    """The copy of ``key``'s source drawn beside ``key``'s port on its target's card."""

    def __init__(self, host: CopyHost, key: Key, arity: int) -> None:
        super().__init__()
        self.host, self.key = host, key
        self._rect = pill_rect(arity, key[2])
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setZValue(0.5)

    @property
    def source(self) -> str:
        return self.key[0]

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def texts(self, lod: float) -> tuple[list[str], float]:
        """The lines drawn at ``lod`` and their font size (scene units): as
        many as are readable in the pill, the label first."""
        h = self.host
        label, value, carried = h.label(self.source), h.value(self.source), h.carried(self.key)
        if carried is None:
            tries = [([label, fmt(value, 4)], TWO_LINES_PX), ([label, fmt(value, 2)], TWO_LINES_PX)]
        else:  # the value and what this use sends back; further out the gradient alone
            both = f"{fmt(value, 3)} {_GRAD_SIGN}{fmt(carried, 3)}"
            tries = [([label, both], TWO_LINES_PX), ([label, f"{_GRAD_SIGN}{fmt(carried, 3)}"], TWO_LINES_PX)]
        for lines, least in (*tries, ([label], MIN_PX)):
            px = _fit(lines, PILL_W - 2 * _PAD, PILL_H - 2)
            if px * lod >= least:
                return lines, px
        return [], 0.0

    def paint(self, painter: QPainter, option, widget=None) -> None:
        h = self.host
        if h.far:
            return  # the overview draws the graph
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        lit, hot = h.lit(self.key), h.hot == self.source
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        border = S.WIRE_FLOW if lit else S.SELECT if hot else S.LEAF_BORDER
        style = Qt.PenStyle.SolidLine if lit or hot else Qt.PenStyle.DashLine  # dashed: a copy, not a card
        pen = QPen(border, 2.5 if lit or hot else 1.2, style)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor("#fff3e8") if lit else S.LEAF_CARD)
        painter.drawRoundedRect(self._rect, 7.0, 7.0)
        lines, px = self.texts(lod)
        if not lines:
            return
        painter.setPen(S.LEAF_TEXT)
        r = self._rect.adjusted(_PAD, 1, -_PAD, -1)
        if len(lines) == 1:
            painter.setFont(S.font(max(1, round(px)), True))
            painter.drawText(r, Qt.AlignmentFlag.AlignCenter, lines[0])
            return
        top, bottom = (
            QRectF(r.left(), r.top(), r.width(), r.height() / 2),
            QRectF(r.left(), r.center().y(), r.width(), r.height() / 2),
        )
        painter.setFont(S.font(max(1, round(px)), True))
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, lines[0])
        painter.setFont(S.font(max(1, round(px))))
        if _GRAD_SIGN not in lines[1]:
            painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, lines[1])
        else:  # the value, then this use's gradient in the gradient's colour
            value, _, grad = lines[1].rpartition(" ")
            fm = QFontMetricsF(painter.font())
            wv = fm.horizontalAdvance(value + " ") if value else 0.0
            wg = fm.horizontalAdvance(grad)
            x = bottom.center().x() - (wv + wg) / 2
            painter.drawText(
                QRectF(x, bottom.top(), wv, bottom.height()), Qt.AlignmentFlag.AlignVCenter, value
            )
            painter.setPen(S.GRAD)
            painter.drawText(
                QRectF(x + wv, bottom.top(), wg + 1, bottom.height()), Qt.AlignmentFlag.AlignVCenter, grad
            )

    def hoverEnterEvent(self, event) -> None:
        self.host.hover(self.source)

    def hoverLeaveEvent(self, event) -> None:
        self.host.hover(None)

    def mousePressEvent(self, event) -> None:
        event.accept()  # (not the card under it: a copy is not moved or selected)

    def mouseReleaseEvent(self, event) -> None:
        if self.contains(event.pos()):
            self.host.go_to(self.source)


#: How far left of its card a badge reaches at most.
BADGE_REACH = 110.0


class BadgeItem(QGraphicsItem):
    """Beside the original's card: how many linked copies it has ("×4 copies"),
    and, while one of them is hovered, a ring round the card."""

    def __init__(self, host: CopyHost, source: str, count: int) -> None:
        super().__init__()
        self.host, self.source, self.count = host, source, count
        self.setZValue(0.5)

    def text(self) -> str:
        return f"×{self.count} copies"

    def boundingRect(self) -> QRectF:
        return BOUNDS.adjusted(-BADGE_REACH, 0, 0, 0)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        h = self.host
        if h.far:
            return
        lod = max(option.levelOfDetailFromTransform(painter.worldTransform()), 1e-6)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if h.hot == self.source:
            pen = QPen(S.SELECT, 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-W2 - 4, -H2 - 4, 2 * W2 + 8, 2 * H2 + 8), 10, 10)
        px = min(max(10.0, 9.0 / lod), 16.0)  # readable further out, within the room beside the card
        if px * lod < MIN_PX:
            return
        font = S.font(max(1, round(px)), True)
        w = QFontMetricsF(font).horizontalAdvance(self.text()) + px * 0.8
        # left of the card, where a leaf has no ports (above it, it covered a frame's title)
        w = min(w, BADGE_REACH - 4)
        r = QRectF(-W2 - w - 3, -px * 0.7, w, px * 1.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(S.SELECT if h.hot == self.source else S.LEAF_BORDER)
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.text())


def _fit(lines: list[str], w: float, h: float) -> float:
    """The largest font size (scene units) at which ``lines`` fit a ``w`` × ``h`` box."""
    px = min(h / (1.25 * len(lines)), 26.0)
    fm = QFontMetricsF(S.font(100, True))
    widest = max((fm.horizontalAdvance(t) for t in lines), default=0.0) / 100.0
    return min(px, w / widest) if widest > 0 else px


def port_point(arity: int, port: int) -> QPointF:
    """Input ``port``'s point in its card's coordinates."""
    return QPointF(-W2, PORT_YS[arity][port])
