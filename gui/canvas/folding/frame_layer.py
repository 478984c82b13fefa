"""The open groups' frames zoomed far out, drawn as one kept picture.

Far out, every open group's frame is a tinted region with its name in a box
(gui/canvas/folding/group_items.py): at 50,000 nodes in groups of 100, some 500
translucent regions overlapping many times over the view, ~0.4 s of
blending for each frame that covers the view (folding one group re-routes
wires across the whole graph, and Qt repaints all of it). Far out this item
draws every frame, in the order Qt stacks them (by z: each frame's is its
own, outer over inner, then later over earlier), into a
:class:`PictureCache` (gui/canvas/picture_cache.py): a repaint where no
frame changed copies the picture; a frame that changed is drawn again where
it was and is, with the frames there (where it draws: its box, and its
name's, which can be wider than a narrow frame). Near, the frames paint
themselves (they sit behind the cards there) and this item draws nothing.
The pixels are those the frames paint themselves, to the rounding of a
translucent tint blended into the picture first (a few levels of 255 where
many frames overlap; tests/test_frame_layer.py compares them).

Blending is the cost (500 frames over the view: ~0.2 s, and a fold's part
cost nearly as much while each frame was an antialiased rounded fill, whose
whole height is scanned however little the clip shows; where its corners are
under a tenth of a pixel it is now filled as whole pixels, costing only
what the clip shows: group_items.fill_pixels). So the pictures of the last states of the frames
(where each is, its name, depth and bar, at the view's transform) are kept:
a state shown again (Expand All after Collapse All, a fold undone, a zoom
back to where it was) puts its picture back instead of blending them again.
And while many frames are shown, pictures of the stack part way up are kept
(gui/canvas/folding/frame_stack.py): a fold high in the stack blends only the frames
above the highest picture under it, not those under it again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import count
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui.canvas.folding.frame_stack import FrameStack
from gui.canvas.picture_cache import PictureCache

#: From this many frames changed between two paints (all of them moving to
#: make room), one repaint of the layer is asked of Qt, not one per frame.
MANY = 64
#: Pictures of earlier states kept (each an image of the view): a fold and
#: its undo, Collapse All and Expand All.
KEPT = 2
_SCALE = QTransform.TransformationType.TxScale.value

if TYPE_CHECKING:
    from gui.canvas.folding.group_items import GroupFrame


#: Frames added at once (Expand All) beyond this are drawn with the rest, not over the picture.
OVER_MAX = 8


class FrameLayer(QGraphicsItem):
    """Draws the frames of ``frames()`` far out, kept as a picture of the view."""

    def __init__(self, frames: Callable[[], Iterable[GroupFrame]]) -> None:
        super().__init__()
        self._frames = frames
        self._far = False
        self._rect = QRectF()
        self._seq = count()
        self._cache = PictureCache(self._draw, self._over)
        self._stack = FrameStack(self._cache)  # pictures part way up the stack of frames
        self._hints = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing  # the view's
        self._zoom = 1.0  # of the last paint: where a frame's name is drawn depends on it
        self._changed: set[GroupFrame] = set()  # where they draw now: found at the next paint
        self._joined: set[GroupFrame] = set()  # added since the last paint (drawn nowhere yet)
        self._asked = 0  # repaints asked of Qt since the last paint
        self._shown: tuple | None = None  # the state the picture shows (None: not known)
        # earlier states' pictures: where the view was ((dx, dy)), the picture, its stack's pictures
        self._kept: dict[tuple, tuple[tuple[float, float], QImage, tuple | None]] = {}
        #: Pictures put back for a state shown again (tests count them).
        self.recalled = 0
        #: Frames drawn over the picture, just added on top (tests count them).
        self.drawn_over = 0
        #: Where frames draw, worked out (tests count them); while a paint runs, each frame's once.
        self.areas_found = 0
        self._memo: tuple[float, dict[GroupFrame, QRectF]] | None = None
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
        frame.layer = self
        self._joined.add(frame)
        frame.set_seq(next(self._seq))
        self.changed(frame)

    def left(self, frame: GroupFrame) -> None:
        """``frame`` is leaving the scene: the picture from before it was
        drawn over it is put back if nothing else changed since (a group
        opened and folded again), else drawn again where it was."""
        if frame.isVisible() and frame not in self._joined:
            box = self._box(frame, frame.laid_out())
            self.dirty(box, picture=False)
            self._cache.gone(box, (frame.gid,))
        self._joined.discard(frame)
        frame.layer = None

    def set_far(self, far: bool) -> None:
        if far != self._far:
            self._far = far
            self.update()

    def changed(self, frame: GroupFrame) -> None:
        """What ``frame`` draws is about to change, or changed (told both):
        drawn again where it was (its last layout; nowhere if added since
        the last paint) and, at the next paint, where it is (laid out then,
        as its paint would)."""
        self.dirty(self._box(frame, frame.laid_out()), picture=frame not in self._joined)
        self._changed.add(frame)

    def dirty(self, rect: QRectF, picture: bool = True) -> None:
        """What the frames draw in ``rect`` (scene coordinates) changed
        (``picture`` False: only Qt is asked to repaint it)."""
        if rect.isNull():
            return
        if not self._rect.contains(rect):
            self.prepareGeometryChange()
            self._rect = self._rect.united(rect)
        if picture:
            self._cache.dirty(rect)
        if self._far and self._asked < MANY:  # each asks Qt to merge it into the view's dirty region
            self._asked += 1
            QGraphicsItem.update(self, rect if self._asked < MANY else self._rect)  # (many: all at once)

    def update(self, rect: QRectF | None = None) -> None:  # type: ignore[override]
        """Repaint ``rect`` (None: everything): the picture is drawn again there."""
        self._cache.dirty(rect)
        if rect is None:
            super().update()
        else:
            super().update(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self._asked = 0
        if not self._far:
            return
        self._hints = painter.renderHints()  # the frames paint with the view's
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        self._memo = (zoom, {})  # no frame changes while the layer paints
        try:
            self._paint(painter, option, zoom)
        finally:
            self._memo = None

    def _paint(self, painter: QPainter, option, zoom: float) -> None:
        if zoom != self._zoom:
            self._zoom = zoom
            self._reach()
        elif self._changed:
            few = len(self._joined) <= OVER_MAX  # (each asks every frame whether it is over it)
            for f in self._changed:
                if f.layer is self and f.isVisible():
                    r = self._area(f, zoom)
                    if not option.exposedRect.contains(r):  # its name reaches further: another paint
                        self.dirty(r)
                    if (
                        few and f in self._joined and self._on_top(f, r, zoom)
                    ):  # a group opened: over the rest
                        self._cache.grew(r, [f], (f.gid,))
                    else:
                        self._cache.dirty(r)
        self._changed, self._joined = set(), set()
        if self.cached:
            if self._cache.due(painter):
                frames = sorted((f for f in self._frames() if f.isVisible()), key=lambda f: f.zValue())
                states = [(f.boundingRect().getRect(), f.label, f.depth, f.strip) for f in frames]
                self._recall(painter, frames, states)
                self._stack.plan(painter, frames, states, lambda f: self._area(f, zoom), self._rect)
            self._cache.paint(painter, option.exposedRect)
            self._stack.settle()
        else:
            self._draw(painter, option.exposedRect)

    def _on_top(self, frame: GroupFrame, area: QRectF, zoom: float) -> bool:
        """Whether nothing a frame over ``frame`` draws (its name too) meets its ``area``."""
        z, near = frame.zValue(), area.adjusted(-1, -1, 1, 1)
        return not any(
            f.zValue() > z and f.isVisible() and self._area(f, zoom).intersects(near) for f in self._frames()
        )

    def _over(self, painter: QPainter, seen: QRectF, fresh: list[GroupFrame]) -> None:
        """Draw ``fresh`` (frames just added, nothing over them) over the picture in ``seen``."""
        painter.setRenderHints(self._hints)
        for f in sorted(fresh, key=lambda f: f.zValue()):
            if f.layer is self and f.isVisible():
                self.drawn_over += 1
                painter.save()
                f.paint_frame(painter)
                painter.restore()

    def _recall(self, painter: QPainter, frames: list[GroupFrame], states: list[tuple]) -> None:
        """The picture is about to be drawn again: kept as the state it
        shows, and the one kept for the state now (if any) put back
        (``states``: what each of ``frames``, shown, draws, by z), with the
        pictures part way up the stack taken with it (a fold after Expand
        All blends the frames above one of them, not all 500 again); moved
        as the view moved if it only scrolled by whole pixels meanwhile (a
        pan while the groups were folded): the frames, whole in the view
        then and now, draw the same pixels moved so."""
        t, dev = painter.worldTransform(), painter.device()
        old, self._shown = self._shown, None
        if dev is None or t.type().value > _SCALE:  # (rotated: drawn directly)
            return
        dpr = dev.devicePixelRatioF()
        now = ((t.m11(), t.m22(), dev.width(), dev.height(), dpr), self._hints, tuple(states))
        at = (t.dx(), t.dy())
        img = self._cache.image()
        self._shown = (now, at)
        if old == self._shown:  # (asked to draw again as it is: drawn)
            return
        if old is not None and old[0][2] and img is not None:  # (no frames: nothing to keep)
            self._kept[old[0]] = (old[1], img.copy(), self._stack.snapshot())
            while len(self._kept) > KEPT:
                del self._kept[next(iter(self._kept))]
        back = self._kept.pop(now, None)
        if back is None:
            return
        (x, y), pic, snap = back
        dx, dy = round(at[0] - x), round(at[1] - y)
        if (dx, dy) != (0, 0):
            if dpr != 1 or abs(at[0] - x - dx) > 1e-6 or abs(at[1] - y - dy) > 1e-6:
                return  # (not by whole pixels: drawn anew)
            area = t.mapRect(self._rect).toAlignedRect().adjusted(-2, -2, 2, 2)
            view = QRect(0, 0, dev.width(), dev.height())
            if not (view.contains(area) and view.contains(area.translated(-dx, -dy))):
                return  # (cut by the view's edge then or now: drawn anew)
            pic = _moved(pic, dx, dy)
        self._cache.put(pic, t)
        if snap is not None:
            self._stack.restore(snap, painter, self._rect, (dx, dy), [f.zValue() for f in frames], states)
        self.recalled += 1

    def _reach(self) -> None:
        """Take in where every frame draws at this zoom (its name's box
        grows as the view zooms out): Qt hands the layer no part outside."""
        r = QRectF(self._rect)
        for f in self._frames():
            if f.isVisible():
                r = r.united(self._area(f, self._zoom))
        if r != self._rect:
            self.prepareGeometryChange()
            self._rect = r
            self.update()

    def _area(self, frame: GroupFrame, zoom: float) -> QRectF:
        """Where ``frame`` draws at ``zoom``: far out, its name's box may be
        wider than it (found once a paint: a paint at a new zoom asked for
        every frame's three times, a few ms at 500 frames)."""
        memo = self._memo
        if memo is None or memo[0] != zoom:
            return self._area_of(frame, zoom)
        r = memo[1].get(frame)
        if r is None:
            r = memo[1][frame] = self._area_of(frame, zoom)
        return r

    def _area_of(self, frame: GroupFrame, zoom: float) -> QRectF:
        self.areas_found += 1
        laid = self._far and not frame.boundingRect().isNull()
        return self._box(frame, frame.texts_at(zoom) if laid else [])

    def _box(self, frame: GroupFrame, texts: list) -> QRectF:
        """``frame``'s box with its name's among ``texts`` (far out)."""
        r = frame.boundingRect()
        if self._far and texts and texts[0].box is not None and not r.isNull():
            return r.united(texts[0].box.adjusted(-1, -1, 1, 1))
        return r

    def _draw(self, painter: QPainter, seen: QRectF) -> None:
        """Each visible frame meeting ``seen``, bottom first, as it paints itself."""
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        frames = sorted((f for f in self._frames() if f.isVisible()), key=lambda f: f.zValue())  # (set_seq)
        frames = self._stack.start(painter, frames)  # (those under a picture kept: in it)
        shown = [f for f in frames if self._area(f, zoom).intersects(seen)]
        painter.setRenderHints(self._hints)
        for f in shown:
            self._stack.passing(f.zValue())
            painter.save()
            f.paint_frame(painter)
            painter.restore()
        self._stack.passing(math.inf)


def _moved(pic: QImage, dx: int, dy: int) -> QImage:
    """``pic`` moved by ``dx``, ``dy`` pixels (what leaves it is cut, what comes in clear)."""
    out = QImage(pic.size(), pic.format())
    out.setDevicePixelRatio(pic.devicePixelRatioF())
    out.fill(0)
    p = QPainter(out)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    p.drawImage(dx, dy, pic)
    p.end()
    return out
