"""The open groups' frames zoomed far out, drawn as one kept picture.

Far out, every open group's frame is a tinted region with its name in a box
(gui/canvas/group_items.py): at 50,000 nodes in groups of 100, some 500
translucent regions overlapping many times over the view, ~0.4 s of
blending for each frame that covers the view (folding one group re-routes
wires across the whole graph, and Qt repaints all of it). Far out this item
draws every frame, in the order Qt stacks them (by z, then the order they
were added), into a :class:`PictureCache` (gui/canvas/overview_cache.py): a
repaint where no frame changed copies the picture; a frame that changed is
drawn again where it was and is, with the frames there. Near, the frames
paint themselves (they sit behind the cards there) and this item draws
nothing. The pixels are those the frames paint themselves
(tests/test_frame_layer.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import count
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.overview_cache import PictureCache

if TYPE_CHECKING:
    from gui.canvas.group_items import GroupFrame


class FrameLayer(QGraphicsItem):
    """Draws the frames of ``frames()`` far out, kept as a picture of the view."""

    def __init__(self, frames: Callable[[], Iterable[GroupFrame]]) -> None:
        super().__init__()
        self._frames = frames
        self._far = False
        self._rect = QRectF()
        self._seq = count()
        self._cache = PictureCache(self._draw)
        self._hints = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing  # the view's
        self.setZValue(0.8)  # where the outermost frames are far out (inner ones just under)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint() gets the area

    #: False: every repaint draws the frames again (tests compare the kept picture with it).
    cached = True

    @property
    def picture(self) -> PictureCache:
        return self._cache

    def joined(self, frame: GroupFrame) -> None:
        """``frame`` was just added to the scene (on top of the frames with its z)."""
        frame.layer, frame.seq = self, next(self._seq)
        self.changed(frame.boundingRect())

    def left(self, frame: GroupFrame) -> None:
        """``frame`` is leaving the scene."""
        if frame.isVisible():
            self.changed(frame.boundingRect())
        frame.layer = None

    def set_far(self, far: bool) -> None:
        if far != self._far:
            self._far = far
            self._cache.dirty()
            self.update()

    def changed(self, rect: QRectF) -> None:
        """What a frame draws in ``rect`` (scene coordinates) changed."""
        if rect.isNull():
            return
        if not self._rect.contains(rect):
            self.prepareGeometryChange()
            self._rect = self._rect.united(rect)
        self._cache.dirty(rect)
        if self._far:
            self.update(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._far:
            return
        self._hints = painter.renderHints()  # the frames paint with the view's
        if self.cached:
            self._cache.paint(painter, option.exposedRect)
        else:
            self._draw(painter, option.exposedRect)

    def _draw(self, painter: QPainter, seen: QRectF) -> None:
        """Each visible frame meeting ``seen``, bottom first, as it paints itself."""
        shown = [f for f in self._frames() if f.isVisible() and f.boundingRect().intersects(seen)]
        shown.sort(key=lambda f: (f.zValue(), f.seq))
        painter.setRenderHints(self._hints)
        for f in shown:
            painter.save()
            f.paint_frame(painter)
            painter.restore()
