"""Far out, every group is a labelled region: its name drawn readable (at
least ``MIN_PX`` on screen) over it, where the name fits among the others.

A folded card far out is a few pixels high: its name, even wrapped, is
wider and taller than the card (the trial's "… [1]" on every layer, then
blank blocks, then no name at all at 8.8 %). So names are laid out here,
for every group at once, in one item over the blocks: the outermost groups
first (an open top-level frame's name, which its frame draws itself, is
placed before all), then the larger regions, each centred on its group,
wrapped to the group's width in two lines at most (or on one line) and drawn only where it
overlaps no name placed before it. A name is never elided: whole, or not
drawn (the group's tooltip and the Find bar still name it).

One label per group is worked out at each change of the font size the zoom
needs or of the groups' places: no work per node, nor per frame.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui.canvas.cards import card_text
from gui.canvas.cards.card_text import CENTER, Text, coarse_px, line_height, metrics, needed_px
from gui.canvas.folding.group_strip import paint_strip, strip_h
from gui.common import style as S

#: Behind a name far out (as an open group's region name: group_items.REGION_BACK).
BACK = QColor(255, 255, 255, 200)
_CELL = 4.0  # the grid of placed names: this many lines of the needed size a cell


@dataclass(frozen=True)
class Region:
    """A group as far out shows it: where it is and how deep it is nested;
    ``own``: at a zoom, the box of the name its item draws itself (None
    from it: none there; ``own`` None: the item never does)."""

    gid: str
    label: str
    rect: QRectF
    depth: int
    own: Callable[[float], QRectF | None] | None = None
    barred: bool = False  # Gradient Flow's bar goes under its name

    def key(self) -> tuple:
        return (self.gid, self.label, self.rect.getRect(), self.depth, self.own is None, self.barred)


class FarNames(QGraphicsItem):
    """Draws, far out, the names of the groups ``regions()`` lists that
    do not draw their own, each where it fits."""

    def __init__(
        self,
        regions: Callable[[], Iterable[Region]],
        strip_of: Callable[[str], float | None] = lambda _g: None,
    ) -> None:
        super().__init__()
        self._regions, self._strip_of = regions, strip_of
        self._far = False
        self._zoom = 1.0
        self._need = 0
        self._names: dict[str, list[Text]] = {}
        self._boxes: dict[str, QRectF] = {}
        self._rect = QRectF()
        self._key: tuple | None = None  # what the names were laid out for (the size, the regions)
        self._holds, self._waiting = 0, False
        #: Times the names were laid out (tests count them).
        self.plans = 0
        self.setZValue(1.5)  # over the folded cards' and the overview's blocks
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_far(self, far: bool) -> None:
        if far != self._far:
            self._far = far
            self.replan()

    def zoomed(self, zoom: float) -> None:
        """The view's scale is now ``zoom``: laid out again when the needed size changed."""
        self._zoom = zoom
        if self._far and coarse_px(needed_px(zoom)) != self._need:
            self.replan()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Laid out once at the end (Collapse All, then the view fitted
        again: at the new zoom only, not also at the old one)."""
        self._holds += 1
        try:
            yield
        finally:
            self._holds -= 1
            if not self._holds and self._waiting:
                self.replan()

    def replan(self) -> None:
        """The groups moved, folded, opened or were renamed (or the zoom changed)."""
        self._waiting = bool(self._holds)
        if self._waiting:
            return
        names: dict[str, list[Text]] = {}
        boxes: dict[str, QRectF] = {}
        self._need = 0
        if self._far:
            self._need = coarse_px(needed_px(self._zoom))
            regions = list(self._regions())
            key = (self._need, [r.key() for r in regions])
            if key == self._key:  # (a value edited: nothing moved, nothing to lay out)
                return
            self._key = key
            names, boxes = plan(regions, self._need, self._zoom)
            self.plans += 1
        else:
            self._key = None
        if boxes == self._boxes and _texts(names) == _texts(self._names):
            return
        r = QRectF()
        for b in boxes.values():
            r = r.united(b)
        self.prepareGeometryChange()
        self._names, self._boxes, self._rect = names, boxes, r.adjusted(-2, -2, 2, 2)
        self.update()

    def strips_changed(self) -> None:
        """Gradient Flow's bars changed: names laid out again where one came
        or went (room under the name), drawn again where one moved on."""
        self.replan()
        self.update()

    def names(self) -> dict[str, list[Text]]:
        """Each named group's lines (scene coordinates), as drawn."""
        return self._names

    def box(self, gid: str) -> QRectF | None:
        """The box behind ``gid``'s name (None: not drawn)."""
        return self._boxes.get(gid)

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:  # draws over the blocks, takes no clicks: they reach the cards
        return QPainterPath()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # drawn in the view's pixels at the size each name shows on screen:
        # a font of thousands of scene pixels scaled down costs its outlines
        t = painter.worldTransform()
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(t)
        seen = option.exposedRect
        painter.save()
        painter.resetTransform()
        for gid, lines in self._names.items():
            box = self._boxes[gid]
            if not box.intersects(seen):
                continue
            b = t.mapRect(box)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BACK)
            painter.drawRoundedRect(b, b.height() * 0.2, b.height() * 0.2)
            painter.setPen(S.GROUP_TITLE)
            for x in lines:
                painter.setFont(card_text.font(max(1, round(x.px * zoom)), x.bold))
                painter.drawText(t.mapRect(x.rect), x.align, x.text)
            if (fraction := self._strip_of(gid)) is not None:  # under the last line, in the room left for it
                paint_strip(painter, t.mapRect(bar_rect(box, zoom)), fraction)
        painter.restore()


def _texts(names: dict[str, list[Text]]) -> dict[str, list[str]]:
    return {gid: [t.text for t in lines] for gid, lines in names.items()}


def plan(regions: list[Region], px: int, zoom: float) -> tuple[dict[str, list[Text]], dict[str, QRectF]]:
    """Where each region's name goes at ``px`` (none where it would meet a
    name placed before it): the outermost first, then the largest."""
    cell = _CELL * line_height(px, True)
    grid: dict[tuple[int, int], list[QRectF]] = {}

    def cells(r: QRectF):
        for i in range(int(r.left() // cell), int(r.right() // cell) + 1):
            for j in range(int(r.top() // cell), int(r.bottom() // cell) + 1):
                yield i, j

    def free(r: QRectF) -> bool:
        return not any(o.intersects(r) for c in cells(r) for o in grid.get(c, ()))

    def take(r: QRectF) -> None:
        for c in cells(r):
            grid.setdefault(c, []).append(r)

    names: dict[str, list[Text]] = {}
    boxes: dict[str, QRectF] = {}
    named = set()
    for reg in regions:
        own = reg.own(zoom) if reg.own is not None else None
        if own is not None:
            take(own)
            named.add(reg.gid)
    gap = px * 0.25
    order = sorted(
        (r for r in regions if r.gid not in named and not r.rect.isNull()),
        key=lambda r: (r.depth, -r.rect.width() * r.rect.height(), r.rect.top(), r.rect.left()),
    )
    h = line_height(px, True)
    for reg in order:
        c = reg.rect.center()
        for lines in _forms(reg.label, px, reg.rect.width()):
            w = max(_advance(t, px) for t in lines)
            top = c.y() - h * len(lines) / 2
            box = QRectF(c.x() - w / 2 - px / 2, top - px / 8, w + px, h * len(lines) + px / 4)
            if reg.barred:
                box.setBottom(box.bottom() + strip_h(zoom) + 3 / max(zoom, 1e-6))
            if free(box.adjusted(-gap, -gap, gap, gap)):
                take(box)
                boxes[reg.gid] = box
                names[reg.gid] = [
                    Text("name", t, QRectF(c.x() - w / 2, top + i * h, w, h), px, True, CENTER)
                    for i, t in enumerate(lines)
                ]
                break
    return names, boxes


def bar_rect(box: QRectF, zoom: float) -> QRectF:
    """Where Gradient Flow's bar goes in a name's ``box`` (scene units): along its bottom."""
    h = strip_h(zoom)
    return QRectF(
        box.left() + 6 / max(zoom, 1e-6),
        box.bottom() - h - 2 / max(zoom, 1e-6),
        box.width() - 12 / max(zoom, 1e-6),
        h,
    )


#: A name far out takes at most this many lines wrapped; a longer one is on one line
#: (Import Code's statement "d = a * b + c * a - b * c + a * a" stood in six lines of two words).
MAX_LINES = 2


def _forms(label: str, px: int, width: float) -> list[list[str]]:
    """``label`` wrapped to ``width`` (a word wider than it on a line of its
    own) in at most ``MAX_LINES``, then on one line: whole, never elided."""
    words = label.split()
    if not words:
        return []
    wide = max(width, max(_advance(w, px) for w in words) + 1)
    lines: list[str] = []
    for w in words:
        if lines and _advance(f"{lines[-1]} {w}", px) <= wide:
            lines[-1] = f"{lines[-1]} {w}"
        else:
            lines.append(w)
    if len(lines) > MAX_LINES:
        return [[label]]
    return [lines] if lines == [label] else [lines, [label]]


#: The size texts are measured at (widths scale with the size: fonts are not hinted, style.font).
_REF = 100


@functools.lru_cache(maxsize=1 << 16)
def _ref_advance(text: str) -> float:
    return metrics(_REF, True).horizontalAdvance(text)


def _advance(text: str, px: int) -> float:
    """``text``'s width in bold at ``px`` (one measure per text, not per size: a zoom lays every name out)."""
    return _ref_advance(text) * px / _REF
