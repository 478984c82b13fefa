"""Far out, where a card is a few pixels wide and the group frames' names
lie over it, a ring around the pass's current step, above everything, so
Fit mid-pass still shows where the pass is (a new user's trial: at 10 % the
"loss" frame's name covered the step and its lit wires)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.scene import GraphScene
from gui.common import style as S

#: The ring, in screen pixels around the card's centre (a card at 10 % is 12 x 6).
RING = QRectF(-17.0, -12.0, 34.0, 24.0)


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
        painter.setPen(QPen(S.HL_CURRENT, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(RING, 7.0, 7.0)
