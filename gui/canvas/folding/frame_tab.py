"""An open group's name tab, drawn in its own layer over the wires.

The frame itself sits behind the cards and wires (group_items.py); its tab,
drawn with it, was crossed by every wire passing over the frame's top (a
new user's trial: Gradient Flow's thick wires ran across "layer 1 [1]" and
its neurons' names), and a card's step ring could cover the end of a name.
So the tab is an item of its own, over the wires, the cards and their
rings, under the wires' captions; it asks its frame what to draw and hands
it the clicks."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem


class TabbedFrame(Protocol):
    """What a tab asks of its frame (group_items.GroupFrame)."""

    def tab_area(self) -> QRectF: ...
    def title_rect(self) -> QRectF: ...
    def paint_tab(self, painter: QPainter) -> None: ...
    def tab_pressed(self, pos: QPointF) -> None: ...
    def mapFromScene(self, pos: QPointF, /) -> QPointF: ...


#: Over the lit wires (2.0) and the cards (1.0), under the wires' captions
#: (wire_caption.CAPTION_Z, 2.5) and the marks; an inner tab over its parent's.
TAB_Z = 2.2


class FrameTab(QGraphicsItem):
    """The tab of ``frame``: shown with it while near (far out the frame
    is a labelled region and draws its own name)."""

    def __init__(self, frame: TabbedFrame) -> None:
        super().__init__()
        self.frame = frame
        self.setZValue(TAB_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def restack(self, depth: int) -> None:
        z = TAB_Z + 1e-4 * depth
        if z != self.zValue():
            self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return self.frame.tab_area()

    def shape(self) -> QPainterPath:  # only the tab takes clicks, not the room kept around it
        p = QPainterPath()
        p.addRect(self.frame.title_rect())
        return p

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.frame.paint_tab(painter)

    def mousePressEvent(self, event) -> None:
        self.frame.tab_pressed(self.frame.mapFromScene(event.scenePos()))
        event.accept()
