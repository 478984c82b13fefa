"""Where a mark over the whole graph goes: a child of one layer, not Qt's top level.

Qt keeps the scene's top-level items in one list, sorted by insertion order
for the first addition after a paint and by stacking order for the next
paint (gui/canvas/cards/card_shelves.py): Backward's far-out ring over the current
step (gui/backward/step_marker.py), made at the first press on a document,
re-sorted the 50,000 cards of a big graph twice inside the press (~50 ms of
its ~150). So the scene makes a :class:`MarkLayer` while it is still empty,
above every other item, and a feature puts its marks into it: a child
sorts only among the layer's few children.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

#: Above every other top-level item (Find's ring: 50), as a mark added last was.
MARKS_Z = 60.0


class MarkLayer(QGraphicsItem):
    """Holds marks; draws nothing, takes no clicks; at the origin,
    untransformed, so a mark's position is its scene position."""

    def __init__(self, scene: QGraphicsScene | None = None, z: float = MARKS_Z) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(z)
        if scene is not None:
            scene.addItem(self)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass
