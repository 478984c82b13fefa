"""The captions lit wires carry during Backward, and the one layer that
holds them all.

A caption used to be its wire's child, painted with it: a lit wire stacked
later (or in another holder: the top level's lit wires are over every
open group's) was drawn across an earlier wire's caption. Now every caption
is in one top-level layer over the lit wires and the cards, taken from it
when a wire lights up and given back when it goes out: the layer holds as
many captions as were ever lit at once, none dies with a group's box, and
a caption draws nothing while its wire is not shown (a group folded over
it, the view far out), whoever hid the wire."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene

from gui.canvas.cards import card_text
from gui.canvas.cards.card_text import NOTE_PX
from gui.canvas.mark_layer import MarkLayer
from gui.canvas.painting import ItemHost
from gui.common import style as S

#: A caption's font size, smallest and largest (scene pixels): it grows as
#: the view zooms out, to stay ``MIN_PX`` on screen down to the zoom where
#: captions hide (style.LOD_DETAIL).
CAPTION_PX = (NOTE_PX[0], card_text.needed_px(S.LOD_DETAIL))
#: Over the top level's lit wires (2.0), the cards and the groups' frames.
CAPTION_Z = 2.5


def caption_px(zoom: float) -> int:
    """The font size (scene pixels) a wire's caption is drawn at, at ``zoom``."""
    return min(CAPTION_PX[1], max(CAPTION_PX[0], card_text.needed_px(zoom)))


class CaptionLayer(MarkLayer):
    """A mark layer under the marks, over the lit wires, holding every
    caption. ``made`` counts the captions made."""

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene, CAPTION_Z)
        self._spare: list[Caption] = []
        self.made = 0

    def take(self) -> Caption:
        """A caption for a wire lighting up (hidden until its wire shows it)."""
        if self._spare:
            return self._spare.pop()
        self.made += 1
        c = Caption()
        c.setVisible(False)
        c.setParentItem(self)
        return c

    def give(self, c: Caption) -> None:
        """``c``'s wire went out: hidden, kept for the next."""
        self._spare.append(c)

    def clear(self) -> None:
        """A new graph: every caption hidden and let go of its wire."""
        for c in self.childItems():
            if isinstance(c, Caption) and c.wire is not None:
                c.leave()


class Caption(QGraphicsItem):
    """A small label riding on a wire (set by EdgeItem.set_flow). Its box is
    centred on its position; the animation may move it off the wire
    (EdgeItem.place_caption), then a leader line points back to the wire."""

    def __init__(self) -> None:
        super().__init__()
        self.wire: QGraphicsPathItem | None = None  # the EdgeItem it rides on
        self._target, self._port = "", 0  # its wire's target card and port
        self._text = ""
        self._rect = QRectF()
        self._px = NOTE_PX[1]  # the font size its box has room for
        self._leader: QPointF | None = None  # in own coordinates
        self._shown: Callable[[], QPainterPath] | None = None  # what is drawn of the wire

    @staticmethod
    def for_wire(
        wire: QGraphicsPathItem, target: str, port: int, drawn: Callable[[], QPainterPath] | None = None
    ) -> Caption:
        """For ``wire`` (into ``target``'s input ``port``; ``drawn``: what is
        drawn of it, a linked copy's stub, when not its curve), from its
        scene's layer (a bare scene: a caption of its own)."""
        sc = wire.scene()
        layer = sc.captions if isinstance(sc, ItemHost) else None
        c = layer.take() if isinstance(layer, CaptionLayer) else Caption()
        if c.scene() is None and sc is not None:
            sc.addItem(c)
        c.wire, c._target, c._port, c._shown = wire, target, port, drawn
        return c

    def leave(self) -> None:
        """Its wire went out: hidden, back to its layer (once: a new graph
        took it back already, ``CaptionLayer.clear``)."""
        if self.wire is None:
            return
        sc = self.scene()
        if sc is not None and self.isVisible():
            sc.update(self.sceneBoundingRect())
        self.setVisible(False)
        self.wire = None
        layer = self.parentItem()
        if isinstance(layer, CaptionLayer):
            layer.give(self)

    def set_text(self, text: str) -> None:
        """Its box holds the text at the size ``set_px`` gave (the one the
        zoom the captions were laid out at needs): zoomed in, the text is
        drawn smaller inside it; out, the layout is asked for again."""
        self.prepareGeometryChange()
        self._text = text
        fm = card_text.metrics(self._px, False)
        w = fm.horizontalAdvance(text) + 12
        h = fm.height() + 6
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self.update()

    def set_px(self, px: int) -> None:
        """Keep room for the text at ``px`` (the box stays centred where it is)."""
        if px != self._px:
            self._px = px
            self.set_text(self._text)

    def room_px(self) -> int:
        """The font size its box has room for (``set_px``)."""
        return self._px

    def box(self) -> QRectF:
        return QRectF(self._rect)

    def _drawn(self) -> QPainterPath:
        """What is drawn of the wire: placed by it."""
        return self._shown() if self._shown is not None else self._edge().path()

    def _edge(self) -> QGraphicsPathItem:
        edge = self.wire
        assert edge is not None
        return edge

    def _to_parent(self, scene_pt: QPointF) -> QPointF:
        holder = self.parentItem()
        return scene_pt if holder is None else holder.mapFromScene(scene_pt)

    def place_default(self) -> None:
        """On the wire's middle, just above or below it (see ``_below``)."""
        edge = self._edge()
        mid = self._to_parent(edge.mapToScene(self._drawn().pointAtPercent(0.5)))
        h = self._rect.height()
        self._set_leader(None)
        self.setPos(mid + QPointF(0.0, h / 2 + 4 if self._below() else -h / 2 - 4))

    def place(self, center: QPointF, anchor: QPointF | None) -> None:
        """Its box's centre at scene point ``center``; a leader to ``anchor``."""
        self.setPos(self._to_parent(center))
        self._set_leader(None if anchor is None else self.mapFromScene(anchor))

    def _set_leader(self, p: QPointF | None) -> None:
        if p is not None and self._rect.adjusted(-3, -3, 3, 3).contains(p):
            p = None  # the box already sits on its wire
        if p != self._leader:
            self.prepareGeometryChange()
            self._leader = p
            self.update()

    def _below(self) -> bool:
        """Which side of its wire the caption goes: away from the other wires
        into the same card. A wire from above gets it above, one from below
        below; level wires (the two of ``a + a``) split by port."""
        edge = self._edge()
        sc = edge.scene()
        target = sc.node_item(self._target) if isinstance(sc, ItemHost) else None
        if target is None or self._drawn().isEmpty():
            return self._port % 2 == 1
        dy = edge.mapToScene(self._drawn().pointAtPercent(0.0)).y() - target.scenePos().y()
        if abs(dy) < 12.0:
            return self._port % 2 == 1
        return dy > 0

    def below(self) -> bool:
        """The side the caption prefers (True: below its wire)."""
        return self._below()

    def text(self) -> str:
        return self._text

    def leader(self) -> tuple[QPointF, QPointF] | None:
        """Its leader line in scene points (box centre, wire point), if any."""
        if self._leader is None:
            return None
        return self.scenePos(), self.mapToScene(self._leader)

    def boundingRect(self) -> QRectF:
        r = self._rect
        if self._leader is not None:
            r = r.united(QRectF(self._leader, self._leader).adjusted(-4, -4, 4, 4))
        return r.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.wire is None or not self.wire.isVisible():
            return  # its wire is not shown (folded away, far out): whoever hid it
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < S.LOD_DETAIL:  # it could not be read (the banner says what flows)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._leader is not None:
            pen = QPen(S.WIRE_FLOW, 1.2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(QPointF(0.0, 0.0), self._leader)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(S.WIRE_FLOW)
            painter.drawEllipse(self._leader, 3.0, 3.0)
        px = min(self._px, caption_px(lod))
        fm = card_text.metrics(px, False)
        w, h = fm.horizontalAdvance(self._text) + 12, fm.height() + 6
        box = QRectF(-w / 2, -h / 2, w, h)  # centred in the room kept at the largest size
        painter.setPen(QPen(S.WIRE_FLOW, 1.0))
        painter.setBrush(S.NOTE_BG)
        painter.drawRoundedRect(box, 5, 5)
        painter.setFont(card_text.font(px, False))
        painter.setPen(S.NOTE_TEXT)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)
