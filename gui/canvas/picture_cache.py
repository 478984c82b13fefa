"""A layer's picture, kept between frames: the far overview's, the open
groups' frames far out (gui/canvas/folding/frame_layer.py), the long wires
through a crowded view (gui/canvas/wires/through_wires.py).

Zoomed far out, the overview layer (gui/canvas/overview/overview.py) draws every wire
as a line and every card as a block: at 50,000 nodes some 80,000 lines,
~100 ms a frame, for every repaint that covers the view (a fit, the switch
back from readable zoom, a batch edit, Select All). What it draws changes
only where something changed, so a :class:`PictureCache` keeps it as an
image of the view at the transform it was drawn at:

- a frame at the same transform copies the image (a few ms, whatever the
  graph's size);
- a change is drawn again only where the layer asked to be repainted
  (``dirty``, in the layer's coordinates; also while the layer is hidden at
  readable zoom, so coming back to the same fit costs a copy);
- another transform (a zoom, a scroll) draws it anew: a shifted copy would
  differ from a direct paint by a pixel here and there, where a line is cut
  at the view's edge (Qt's stroker starts a cut line where it enters);
- what was only added (``grew``: a paste's or an undone delete's cards and
  wires, far out) is drawn over the image by ``over``, when nothing else
  changed: it draws the new lines and again what lies over them there (in
  opaque colours, so each pixel ends as a direct paint's), where drawing
  the area again would draw every long line crossing it (at a big graph's
  fit, the bench's 500 scattered cards' wires cross most of it: ~150 ms).

Every part of the image is drawn by the same code as a direct paint, with
the painter clipped to that part, so the pixels are those of a direct
paint (tests/test_overview_cache.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QRegion, QTransform

#: From this many rects waiting, they are drawn as one (their bounds).
MAX_PENDING = 64
#: From this many added things waiting (lines), the area is drawn again instead.
MAX_FRESH = 20_000
#: A part drawn again reaches this many device pixels past what changed
#: (a 1 px line's pixels may lie a pixel outside its exact bounds).
SLACK = 2

_SCALE = QTransform.TransformationType.TxScale.value

Draw = Callable[[QPainter, QRectF], None]
#: ``over(painter, rect, fresh)``: draw what was added (``fresh``) and what lies over it in ``rect``.
Over = Callable[[QPainter, QRectF, list], None]
#: Whether a part (layer coordinates) is drawn by drawing everything, clipped.
Whole = Callable[[QRectF], bool]


class PictureCache:
    """What ``draw(painter, rect)`` paints, kept as an image of the device
    it was last painted on (``rect``: the part to draw, layer coordinates)."""

    __slots__ = (
        "_draw", "_over", "_whole", "_image", "_transform", "_pending", "_all", "_grown", "_fresh",
        "_keys", "_gone", "_gone_keys", "_undo", "renders", "copies", "overs", "restores", "drawing",
    )  # fmt: skip

    def __init__(self, draw: Draw, over: Over | None = None, whole: Whole | None = None) -> None:
        self._draw = draw
        self._over = over
        # True for a part that ``draw`` draws by drawing everything (clipped): parts drawn
        # apart would each cost the whole (a far-out move's wires spanning the graph: 3x)
        self._whole = whole
        self._image: QImage | None = None
        self._transform = QTransform()
        self._pending: list[QRectF] = []
        self._all = True
        self._grown: QRectF | None = None  # where things were only added (``grew``)
        self._fresh: list = []  # what they are
        self._keys: set | None = set()  # and their keys (None: something changed in place too)
        self._gone: list[QRectF] = []  # where things were taken away (``gone``)
        self._gone_keys: set = set()  # and their keys
        # the image before the last additions were drawn over it, and their keys
        self._undo: tuple[QImage, set] | None = None
        #: Parts drawn into the image / frames served from it since made /
        #: additions drawn over it / additions taken away by putting back
        #: the image from before them (tests count them).
        self.renders = 0
        self.copies = 0
        self.overs = 0
        self.restores = 0
        #: While ``draw`` draws a part into the image: the image and the part (device pixels).
        self.drawing: tuple[QImage, QRect] | None = None

    def dirty(self, rect: QRectF | None = None) -> None:
        """What is drawn in ``rect`` (layer coordinates; None: anywhere) changed."""
        if self._all:
            return
        if rect is None or rect.isNull():
            self._all = True
            self._pending.clear()
            self._grown, self._fresh, self._keys = None, [], set()
            self._gone, self._gone_keys, self._undo = [], set(), None
            return
        pending = self._pending
        pending.append(QRectF(rect))
        if len(pending) > MAX_PENDING:
            r = QRectF()
            for x in pending:
                r = r.united(x)
            pending[:] = [r]

    def grew(self, rect: QRectF, fresh: Iterable = (), keys: Iterable | None = None) -> None:
        """Things were only added in ``rect`` (layer coordinates; ``fresh``:
        what ``over`` draws of them; ``keys``: theirs, None if some only
        changed colour in place): drawn over the image at the next paint
        if nothing else changed meanwhile, else as any change there."""
        if self._all:
            return
        fresh = list(fresh)
        if keys is None or self._keys is None:
            self._keys = None
        else:
            self._keys.update(keys)
        if self._over is None or len(self._fresh) + len(fresh) > MAX_FRESH:
            if self._grown is not None:
                self.dirty(self._grown)
            self._grown, self._fresh = None, []
            self.dirty(rect)
            return
        self._grown = QRectF(rect) if self._grown is None else self._grown.united(rect)
        self._fresh += fresh

    def gone(self, rect: QRectF, keys: Iterable) -> None:
        """The things of ``keys`` were taken away in ``rect`` (layer
        coordinates): the image from before they were drawn over it is put
        back if they are what was last added, else as any change there."""
        if self._all:
            return
        self._gone.append(QRectF(rect))
        self._gone_keys.update(keys)

    def due(self, painter: QPainter) -> bool:
        """True if a paint with ``painter`` now would draw into the image, not only copy it."""
        dev, img = painter.device(), self._image
        if img is None or dev is None or self._all or self._pending or self._grown is not None or self._gone:
            return True
        dpr = dev.devicePixelRatioF()
        size = QSize(round(dev.width() * dpr), round(dev.height() * dpr))
        moved = painter.worldTransform() != self._transform
        return moved or img.size() != size or img.devicePixelRatioF() != dpr

    def image(self) -> QImage | None:
        """The image as last painted (changed in place by the next paint that draws)."""
        return self._image

    def kept(self) -> tuple[QImage, QTransform] | None:
        """A copy of the image and the transform it was drawn at, if nothing
        waits to be drawn into it (what :meth:`put` takes back); else None."""
        if self._image is None or self._all or self._pending or self._grown is not None or self._gone:
            return None
        return self._image.copy(), QTransform(self._transform)

    def put(self, image: QImage, transform: QTransform) -> None:
        """Take ``image`` (a picture of the device, drawn at ``transform``)
        as up to date: the next paint at ``transform`` copies it."""
        self._image, self._transform = image, QTransform(transform)
        self._all, self._pending, self._grown, self._fresh, self._keys = False, [], None, [], set()
        self._gone, self._gone_keys, self._undo = [], set(), None

    def drop(self) -> None:
        """Forget the image (it is made again at the next paint)."""
        self._image = None
        self.dirty()

    def paint(self, painter: QPainter, exposed: QRectF) -> None:
        """Paint the part ``exposed`` (layer coordinates) with ``painter``,
        from the image, after drawing into it what changed."""
        t = painter.worldTransform()
        dev = painter.device()
        if t.type().value > _SCALE or dev is None:  # rotated: no image
            self._draw(painter, exposed)
            return
        dpr = dev.devicePixelRatioF()
        w, h = dev.width(), dev.height()  # logical pixels
        view = QRect(0, 0, w, h)
        img, size = self._image, QSize(round(w * dpr), round(h * dpr))
        todo = QRegion()
        if img is None or img.size() != size or img.devicePixelRatioF() != dpr:
            img = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            todo = QRegion(view)
        elif t != self._transform:  # zoomed or scrolled: drawn anew (see the module's docstring)
            todo = QRegion(view)
        grown, fresh, keys, undo = self._grown, self._fresh, self._keys, self._undo
        if undo is not None and self._gone_keys == undo[1] and todo.isEmpty() and not self._all:
            img, self._undo = undo[0], None  # the picture before the additions now gone
            self.restores += 1
        else:
            self._pending += self._gone
        over = QRect()  # the additions' part of the view, drawn over the image
        if self._all:
            todo = QRegion(view)
        else:
            for r in self._pending:
                todo += t.mapRect(r).toAlignedRect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
            if grown is not None:
                part = t.mapRect(grown).toAlignedRect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
                if todo.isEmpty():
                    over = part & view
                else:  # drawn again with the rest
                    todo += part
            todo &= QRegion(view)
        self._all, self._pending, self._grown, self._fresh, self._keys = False, [], None, [], set()
        self._gone, self._gone_keys = [], set()
        self._image, self._transform = img, QTransform(t)
        if not todo.isEmpty():
            self._undo = None
            self._render(img, todo, t)
        elif not over.isEmpty() and self._over is not None:
            # kept to be put back if exactly these additions go (``gone``)
            self._undo = (img.copy(), keys) if keys else None
            self._render_over(img, over, t, fresh)
        # copy the exposed part (the painter is clipped to what Qt repaints)
        part = t.mapRect(exposed).toAlignedRect().adjusted(-1, -1, 1, 1) & view
        if part.isEmpty():
            return
        self.copies += 1
        painter.save()
        painter.resetTransform()
        src = QRectF(part.x() * dpr, part.y() * dpr, part.width() * dpr, part.height() * dpr)
        painter.drawImage(QRectF(part), img, src)
        painter.restore()

    def _render(self, img: QImage, todo: QRegion, t: QTransform) -> None:
        """Draw the layer again into ``img`` within ``todo`` (device pixels)."""
        inv, _ = t.inverted()
        rects: list[QRect] = list(todo)  # type: ignore[call-overload]  # a QRegion is its rects
        whole = todo.boundingRect()
        # a few scattered parts one by one; parts that fill most of their bounds at once
        if len(rects) > 8 or 2 * sum(r.width() * r.height() for r in rects) > whole.width() * whole.height():
            rects = [whole]
        elif len(rects) > 1 and self._whole is not None:  # one draws everything anyway: all at once
            if any(self._whole(inv.mapRect(QRectF(r))) for r in rects):
                rects = [whole]
        p = QPainter(img)
        for r in rects:
            self.renders += 1
            p.setClipRect(r)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            p.fillRect(r, Qt.GlobalColor.transparent)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            p.setWorldTransform(t)
            self.drawing = (img, r)
            try:
                self._draw(p, inv.mapRect(QRectF(r)))
            finally:
                self.drawing = None
            p.resetTransform()
        p.end()

    def _render_over(self, img: QImage, r: QRect, t: QTransform, fresh: list) -> None:
        """Draw ``fresh`` (and what lies over it) over ``img`` within ``r`` (device pixels)."""
        self.overs += 1
        p = QPainter(img)
        p.setClipRect(r)
        p.setWorldTransform(t)
        assert self._over is not None
        self._over(p, t.inverted()[0].mapRect(QRectF(r)), fresh)
        p.end()
