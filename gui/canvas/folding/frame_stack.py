"""Pictures of the lower part of the stack of group frames far out, so that a
change high in the stack draws only the frames above (gui/canvas/folding/frame_layer.py).

Far out at 50,000 nodes in groups of 100, some 500 translucent frames
overlap the same patch of the view; folding one group draws again, where it
was, every frame there, bottom first (the blending is the cost: ~40 ms).
The frames under the one that changed draw exactly what they drew before.
So while many frames are shown, the layer keeps a picture of the stack at
each quarter of the way up (the frames under a z, blended, taken as they
are drawn): a part drawn again starts from the highest picture whose frames
are all as they were, copied into the part, and draws only the frames above
it, each as before over the same pixels (the pixels of drawing them all).

A picture is good while the frames under its z are as they were when it
was taken (each one's place, name, depth, bar and z, and the view's
transform: compared at each paint that draws). Drawing a part refreshes
the pictures above the start there: a change is drawn again where it was
and is, so nothing under them changed anywhere else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPainter, QRegion, QTransform

from gui.canvas.picture_cache import PictureCache

if TYPE_CHECKING:
    from gui.canvas.folding.group_items import GroupFrame

#: A picture at each of these shares of the way up the stack (a quarter: 3 pictures).
PARTS = 4
#: Below this many frames shown no pictures are kept (drawing them all costs little).
MIN_FRAMES = 128
_SCALE = QTransform.TransformationType.TxScale.value
_SOURCE = QPainter.CompositionMode.CompositionMode_Source


class FrameStack:
    """Pictures of the frames under a few z values, for the layer's ``cache``."""

    def __init__(self, cache: PictureCache) -> None:
        self._cache = cache
        self._key: tuple | None = None  # the transform, device and hints they were drawn with
        self._zs: list[float] = []  # each picture's z: it holds the frames under it
        self._pics: list[QImage | None] = []
        self._sigs: list[tuple | None] = []  # the frames under each picture's z as it holds them
        self._now: list[tuple] = []  # ... and as they are now
        self._start = -1  # the picture the parts drawn now start from (-1: none, from the bottom)
        self._next = 0  # while a part is drawn: the next picture to take
        self._taken: set[int] = set()  # pictures taken (refreshed) in this paint's parts
        self._frames: Sequence[GroupFrame] = []  # (those of the paint now, and where each draws)
        self._area: Callable[[GroupFrame], QRectF] = lambda f: QRectF()
        self._t = QTransform()
        self._size = QRect()  # the device's rect
        self._crop = QRect()  # the part of it the pictures cover (where the frames draw)
        self._drawn = QRegion()  # the parts drawn in this paint
        self._active = False
        #: Frames not drawn because a picture held them (tests count them).
        self.skipped = 0

    def plan(
        self,
        painter: QPainter,
        frames: Sequence[GroupFrame],
        states: Sequence[tuple],
        area: Callable[[GroupFrame], QRectF],
        bounds: QRectF,
    ) -> None:
        """Before a paint that may draw: ``frames`` (shown, by z), what each
        draws (``states``: place, name, depth, bar) and where (``area``; all
        within ``bounds``): which picture the parts drawn start from."""
        self._active = False
        dev, t = painter.device(), painter.worldTransform()
        if dev is None or dev.devicePixelRatioF() != 1 or t.type().value > _SCALE or len(frames) < MIN_FRAMES:
            self._forget()
            return
        key, crop = self._key_of(painter, bounds)
        self._crop = crop
        if key != self._key:
            self._forget()
            self._key = key
        zs = [f.zValue() for f in frames]
        if not self._zs:
            n = len(frames)
            self._zs = [zs[n * k // PARTS] for k in range(1, PARTS)]
            self._pics, self._sigs = [None] * len(self._zs), [None] * len(self._zs)
        entries = list(zip(zs, states))  # (what each draws and where in the stack: no frame kept)
        self._now = [tuple(entries[: bisect_left(zs, z)]) for z in self._zs]
        self._start = -1
        for b, (pic, sig) in enumerate(zip(self._pics, self._sigs)):
            if pic is not None and sig == self._now[b]:
                self._start = b
        self._frames, self._area, self._t = frames, area, QTransform(t)
        self._size = QRect(0, 0, dev.width(), dev.height())
        self._drawn, self._taken = QRegion(), set()
        self._active = True

    def start(self, painter: QPainter, frames: list[GroupFrame]) -> list[GroupFrame]:
        """A part starts to be drawn (``frames``: those there, by z): the
        picture it starts from copied into it; the frames left to draw."""
        drawing = self._cache.drawing
        if not self._active or drawing is None:
            return frames
        img, part = drawing
        self._drawn += part
        self._next = self._start + 1
        if self._start < 0:
            return frames
        pic = self._pics[self._start]
        assert pic is not None
        some = part & self._crop  # (the rest of the part: cleared, as the frames under it left it)
        painter.save()
        painter.resetTransform()
        painter.setCompositionMode(_SOURCE)
        painter.drawImage(some, pic, some.translated(-self._crop.topLeft()))
        painter.restore()
        z = self._zs[self._start]
        above = [f for f in frames if f.zValue() >= z]
        self.skipped += len(frames) - len(above)
        return above

    def passing(self, z: float) -> None:
        """The frames under ``z`` are drawn in the part: the pictures of them taken."""
        if not self._active or self._cache.drawing is None:
            return
        img, part = self._cache.drawing
        while self._next < len(self._zs) and self._zs[self._next] <= z:
            b = self._next
            pic = self._pics[b]
            if pic is None:  # a new one: whole only if every part the frames draw in is drawn
                pic = self._pics[b] = QImage(self._crop.size(), QImage.Format.Format_ARGB32_Premultiplied)
                pic.fill(0)
                self._sigs[b] = None
            some = part & self._crop
            p = QPainter(pic)
            p.setCompositionMode(_SOURCE)
            p.drawImage(some.translated(-self._crop.topLeft()), img, some)
            p.end()
            self._taken.add(b)
            self._next += 1

    def settle(self) -> None:
        """After the paint: the pictures taken hold the frames as they are
        now; one not taken whose frames changed is dropped."""
        if not self._active:
            return
        self._active = False
        whole: bool | None = None  # (a new picture holds every frame under its z if every part was drawn)
        for b in range(len(self._zs)):
            if self._pics[b] is None:
                continue
            if b in self._taken and self._sigs[b] is None and whole is None:
                whole = self._whole()
            if b in self._taken and (self._sigs[b] is not None or whole):
                self._sigs[b] = self._now[b]
            elif self._sigs[b] != self._now[b]:
                self._pics[b], self._sigs[b] = None, None
        self._frames, self._now = [], []  # (no frame kept)

    def _whole(self) -> bool:
        """Whether the parts drawn in this paint cover everything the frames draw on the device."""
        need = QRectF()
        for f in self._frames:
            need = need.united(self._area(f))
        dev = self._t.mapRect(need).toAlignedRect().adjusted(-2, -2, 2, 2) & self._size
        return (QRegion(dev) - self._drawn).isEmpty()

    @staticmethod
    def _key_of(painter: QPainter, bounds: QRectF) -> tuple[tuple, QRect]:
        """What the pictures are good for (the transform, device, hints and
        crop) and the crop: the frames' part of the device (``bounds``)."""
        dev, t = painter.device(), painter.worldTransform()
        assert dev is not None
        # the pictures cover the frames' part of the device only (where the rest draws nothing)
        crop = t.mapRect(bounds).toAlignedRect().adjusted(-2, -2, 2, 2) & QRect(
            0, 0, dev.width(), dev.height()
        )
        size = (dev.width(), dev.height())
        key = (t.m11(), t.m22(), t.dx(), t.dy(), *size, painter.renderHints(), crop.getRect())
        return key, crop

    def snapshot(self) -> tuple | None:
        """A copy of the pictures kept (for :meth:`restore`), or None if none."""
        if self._key is None or not any(p is not None for p in self._pics):
            return None
        pics = [None if p is None else p.copy() for p in self._pics]
        return self._key, list(self._zs), pics, list(self._sigs)

    def restore(
        self,
        snap: tuple,
        painter: QPainter,
        bounds: QRectF,
        moved: tuple[int, int],
        zs: list[float],
        states: list[tuple],
    ) -> bool:
        """Take back the pictures of ``snap``, taken of the frames drawing
        ``states`` now (by z, ``zs`` now: a frame opened again stacks at a
        new z, in the same order), with the view ``moved`` by whole device
        pixels since (the frames whole in it then and now): each picture is
        what drawing its frames now paints, moved as the view moved. False
        (nothing taken) if the crop did not just move so."""
        key, crop = self._key_of(painter, bounds)
        old, (dx, dy) = snap[0], moved
        x, y, w, h = old[7]
        if old[0:2] != key[0:2] or old[4:7] != key[4:7] or (x + dx, y + dy, w, h) != crop.getRect() or not zs:
            return False
        self._key, self._crop = key, crop
        self._zs, self._pics, self._sigs = [], [], []
        for k, (pic, sig) in enumerate(zip(snap[2], snap[3]), 1):
            n = len(sig) if sig is not None else -1
            if 0 <= n < len(zs) and tuple(s for _, s in sig) == tuple(states[:n]):
                self._zs.append(zs[n])
                self._pics.append(pic)
                self._sigs.append(tuple(zip(zs[:n], states[:n])))
            else:  # (not of these frames: none there, as at the start)
                self._zs.append(zs[len(zs) * k // PARTS])
                self._pics.append(None)
                self._sigs.append(None)
        return True

    def _forget(self) -> None:
        self._key, self._zs, self._pics, self._sigs = None, [], [], []

    @property
    def kept(self) -> int:
        """How many pictures are kept (tests)."""
        return sum(p is not None for p in self._pics)
