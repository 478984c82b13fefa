"""How a node card is drawn: its fill and outline by its flag, its shadow or
ring, its ports, and each text of ``texts_at`` in its colour, on its pill or
box. Kept apart from the card's state (gui/canvas/cards/node_item.py) as a mixin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle

from gui.canvas import picture_marks
from gui.canvas.cards import card_text, hatch
from gui.canvas.cards.card_text import Text, is_compact, needed_px
from gui.canvas.painting import CARD_RECT, OUT_Y, PORT_YS, W2, card_paths, paint_highlight
from gui.common import grad_colors
from gui.common import style as S

if TYPE_CHECKING:
    from core.graph.model import GraphModel


class CardPaint:
    """NodeItem's ``paint`` (what it draws is the card's state, read after it caught up)."""

    _hatched: tuple[list[Text], QPainterPath] | None = None  # (texts, the inf/nan band clear of them)

    if TYPE_CHECKING:  # NodeItem's and DecoratedCard's, used here
        _model: GraphModel
        node_id: str
        op: str
        arity: int
        _tag: str | None
        _is_output: bool
        _grad: float | None
        _highlight: str | None
        _note_leader: QLineF | None

        @property
        def flagged(self) -> str | None: ...

        def texts_at(self, zoom: float) -> list[Text]: ...

    def paint(self, painter: QPainter, option, widget=None) -> None:
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        # in device pixels: on a 150% screen, shapes are crisp at a smaller zoom
        lod = zoom * painter.device().devicePixelRatioF()
        texts = self.texts_at(zoom)
        compact = is_compact(needed_px(zoom))
        leaf = self.op == "leaf"
        flag = self.flagged
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if flag == "nonfinite":  # its own fill: the hatched band below marks it, not a red tint
            fill, border = (S.LEAF_CARD if leaf else S.CARD), S.BAD
        elif flag == "incomplete":
            fill, border = S.INCOMPLETE_FILL, S.INCOMPLETE
        elif leaf:
            fill, border = S.LEAF_CARD, S.LEAF_BORDER
        else:
            fill, border = S.CARD, S.CARD_BORDER
        if self._is_output:
            border = S.OUTPUT
        if selected:
            border = S.SELECT

        if lod < S.LOD_TEXT and not texts:  # tiny on screen, nothing readable fits: a plain block
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                border
                if (selected or self._is_output or flag)
                else (S.LEAF_BORDER if leaf else S.CARD_BORDER)
            )
            painter.drawRect(CARD_RECT)
            return

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        P = card_paths()
        hl = self._highlight
        painter.setPen(Qt.PenStyle.NoPen)
        if hl in ("current", "input") or (hl == "done" and picture_marks.rings):
            paint_highlight(painter, hl)
        elif lod >= S.LOD_DETAIL and not compact:  # a soft shadow lifts the card off the grid
            painter.setBrush(S.SHADOW)
            painter.drawPath(P["shadow"])
        if selected:
            halo = QColor(S.SELECT)
            halo.setAlpha(45)
            painter.setBrush(halo)
            painter.drawPath(P["halo"])

        # card, header (not on the compact card: its name fills the face), outline
        painter.setBrush(fill)
        painter.drawPath(P["card"])
        if not compact:
            painter.setBrush(S.LEAF_HEADER if leaf else S.OP_HEADER)
            painter.drawPath(P["header"])
        if flag == "nonfinite":
            painter.setBrush(QBrush(S.BAD, Qt.BrushStyle.BDiagPattern))
            painter.drawPath(self._hatch(P["hatch"], texts))
        thick = selected or self._is_output
        dashed = flag == "incomplete" and not selected
        painter.setBrush(border)
        painter.drawPath(
            P[("thick" if thick else "thin") if not dashed else ("thick_dashed" if thick else "dashed")]
        )

        # ports
        painter.setPen(QPen(S.PORT_IN, 1.3))
        ins = self._model.inputs(self.node_id) if self.arity else ()
        for i, y in enumerate(PORT_YS.get(self.arity, ())):
            painter.setBrush(S.PORT_IN if ins[i] is not None else S.PORT_EMPTY)
            painter.drawEllipse(QPointF(-W2, y), S.PORT_R, S.PORT_R)
        painter.setPen(QPen(S.PORT_OUT, 1.3))
        painter.setBrush(S.PORT_OUT)
        painter.drawEllipse(QPointF(W2, OUT_Y), S.PORT_R, S.PORT_R)

        if self._note_leader is not None and not compact:  # to a note moved off the card
            painter.setPen(QPen(S.NOTE_BORDER, 1.2))
            painter.drawLine(self._note_leader)
        for t in texts:
            if t.kind != "tag" or picture_marks.shown:
                self._paint_text(painter, t, leaf, flag)

    def _hatch(self, band: QPainterPath, texts: list[Text]) -> QPainterPath:
        """The hatched band clear of ``texts`` (kept while the card writes them)."""
        kept = self._hatched
        if kept is None or kept[0] is not texts:
            kept = self._hatched = (texts, hatch.clear_of(band, texts))
        return kept[1]

    def _paint_text(self, painter: QPainter, t: Text, leaf: bool, flag: str | None) -> None:
        """One text of ``texts_at``, in its colour, on its background if it has one."""
        kind = t.kind
        if t.box is not None:
            if kind == "symbol":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(S.SYMBOL_PILL)
                painter.drawRoundedRect(t.box, 5, 5)
            elif kind == "grad":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(grad_colors.fill_color(self._grad))
                painter.drawRoundedRect(t.box, 4, 4)
            elif kind == "badge":
                path = QPainterPath()
                path.addRoundedRect(t.box.adjusted(0, 0, 0, 6), 5, 5)
                painter.setPen(Qt.PenStyle.NoPen)
                if self._is_output:
                    painter.setBrush(S.OUTPUT)
                else:  # chosen by the app, not the user: a lighter tag
                    light = QColor(S.OUTPUT)
                    light.setAlpha(45)
                    painter.setBrush(light)
                painter.drawPath(path.intersected(_rect_path(t.box)))
            elif kind == "note":
                painter.setPen(QPen(S.NOTE_BORDER, 1.0))
                painter.setBrush(S.NOTE_BG)
                painter.drawRoundedRect(t.box, 5, 5)
        if kind == "symbol":
            color = S.SYMBOL
        elif kind == "tag":
            color = S.LEAF_TEXT if self._tag == "param" else S.TEXT_DIM
        elif kind == "label":
            color = S.LEAF_TEXT if leaf else S.OP_TEXT
        elif kind == "value":
            color = (
                S.BAD
                if flag == "nonfinite"
                else S.INCOMPLETE
                if flag == "incomplete"
                else S.LEAF_TEXT
                if leaf
                else S.TEXT
            )
        elif kind == "grad":
            color = grad_colors.text_color(self._grad)
        elif kind == "port":
            color = S.TEXT_DIM
        elif kind == "badge":
            color = QColor("white") if self._is_output else S.OUTPUT_AUTO_TEXT
        else:
            color = S.NOTE_TEXT
        painter.setFont(card_text.font(t.px, t.bold))
        painter.setPen(color)
        painter.drawText(t.rect, t.align, t.text)


def _rect_path(r: QRectF) -> QPainterPath:
    p = QPainterPath()
    p.addRect(r)
    return p
