"""Far out, where a card is a few pixels wide and the group frames' names
lie over it, a ring around the pass's current step, above everything, so
Fit mid-pass still shows where the pass is (a new user's trial: at 10 % the
"loss" frame's name covered the step and its lit wires). Where the ring
crosses a group's name, the name's letters are drawn again over it: the
ring showed, but cut the end of "loss" (a later trial)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.cards import card_text
from gui.canvas.scene import GraphScene
from gui.common import style as S

#: The ring, in screen pixels around the card's centre (a card at 10 % is 12 x 6).
RING = QRectF(-17.0, -12.0, 34.0, 24.0)
PEN_W = 2.5


class StepMarker(QGraphicsItem):
    """Drawn only while its scene is far out (near, the card's own ring shows the step)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(50.0)

    def boundingRect(self) -> QRectF:
        return RING.adjusted(-2.0, -2.0, 2.0, 2.0)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        sc = self.scene()
        if not isinstance(sc, GraphScene) or not sc.far:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(S.HL_CURRENT, PEN_W))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(RING, 7.0, 7.0)
        views = sc.views()
        zoom = views[0].transform().m11() if views else 1.0
        self._names_over(painter, sc, zoom or 1.0)

    def _names_over(self, painter: QPainter, sc: GraphScene, zoom: float) -> None:
        """The letters of the names the ring crosses, drawn again over the ring's stroke."""
        at = self.scenePos()
        over = QRectF(at + RING.topLeft() / zoom, RING.size() / zoom)
        texts = sc.folding.far_texts_in(over.adjusted(-2 / zoom, -2 / zoom, 2 / zoom, 2 / zoom))
        if not texts:
            return
        ring = QPainterPath()
        ring.addRoundedRect(RING, 7.0, 7.0)
        stroker = QPainterPathStroker()
        stroker.setWidth(PEN_W + 2.0)
        painter.save()
        painter.setClipPath(stroker.createStroke(ring))  # (only there: the rest of each name is drawn once)
        to_device = (
            QTransform.fromTranslate(-at.x(), -at.y())
            * QTransform.fromScale(zoom, zoom)
            * painter.worldTransform()
        )
        painter.setPen(S.GROUP_TITLE)
        for t, in_pixels in texts:  # as each was drawn: at the view's pixel size, or scaled from the scene
            if in_pixels:
                painter.resetTransform()
                painter.setFont(card_text.font(max(1, round(t.px * zoom)), t.bold))
                painter.drawText(to_device.mapRect(t.rect), t.align, t.text)
            else:
                painter.setWorldTransform(to_device)
                painter.setFont(card_text.font(t.px, t.bold))
                painter.drawText(t.rect, t.align, t.text)
        painter.restore()
