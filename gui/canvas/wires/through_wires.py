"""The long wires passing through a crowded readable view, drawn by one layer.

At readable zoom, a big graph's view is crossed by thousands of wires whose
ends are far off screen; each is drawn as a 1 px hairline
(gui/canvas/wires/wire_paint.py). Drawn by their own items, a Backward step at
50,000 nodes made an item for each wire it scrolled to (~6,000, most of a
second) and had Qt call each item's paint, for every frame, even one where
only a card or a lit wire changed. Instead this layer, an item under the
top level's wires, draws the hairlines of the wires that have no item yet
(gui/canvas/wires/lazy_wires.py) and pass through the view, from the cards'
positions, and keeps what it drew as a picture of the view
(gui/canvas/picture_cache.py): a frame at the same view copies it.

- The wires it draws (``keys``) are found when the view paints, for the
  view's box: pending (no item), plain (a value that is a number: not the
  dashed "no value yet"), not the wire picked up by its end, longer than the
  view by ``wire_paint``'s rule, their curve meeting the view. The view's
  reveal makes items for the other wires in view only (``keeps``).
- A wire that gets its item afterwards (lit by a Backward step, clicked)
  stays drawn here until the keys are found again: its item draws no
  hairline of its own (``wire_paint.PASS.batched``), and a lit or selected
  wire's wider pen covers the hairline under it.
- The keys are found again when the wires' filing changes (a move, a wire
  removed: ``LazyWires.version``), the view moves or resizes, a wire drawn
  here is moved, hidden, weighted or changes colour (``forget``); but those
  of the last few views, and the last few pictures, are kept: a view shown
  again (Step Back to where an earlier step scrolled) copies its picture.

- So many of them that they cover the view as a haze (``CROWDED_PER_PX``:
  a Backward step's view at 50,000 nodes is crossed by ~7,000) are drawn
  without antialiasing: Qt's stroke then blends one pixel a row of each
  line instead of two, half the cost, and the haze reads the same (white
  slits where no wire passes are crisp instead of soft).

Without groups only (a group's wires live in its box, over its frame).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.canvas.part_hosts import OverviewHost
from gui.canvas.picture_cache import PictureCache
from gui.canvas.wires import curve_clip, wire_paint
from gui.canvas.wires.curve_bounds import PAD, Box, curve_meets, curve_misses
from gui.canvas.wires.curve_clip import Cubic
from gui.common import style as S

if TYPE_CHECKING:
    from gui.canvas.wires.lazy_wires import LazyWires

Key = tuple[str, str, int]
#: x1, y1, x2, y2 of a wire drawn here, and its colour (True: an inf or nan flows).
Drawn = tuple[float, float, float, float, bool]
#: Anywhere on the canvas (the layer draws only where wires pass).
_EVERYWHERE = QRectF(-1e9, -1e9, 2e9, 2e9)
#: A wire's bounds reach this far past its control points' hull (half the 2 px pen).
_PEN_HALF = S.WIRE_W / 2
#: From this many wires a device pixel of the view's width (or height, the
#: longer) the layer draws them without antialiasing: they cover the view as
#: a haze whose look antialiasing hardly changes, at twice the cost (Qt's
#: cosmetic stroker blends two pixels a row for each line instead of one).
CROWDED_PER_PX = 1.0
#: How many views' keys are kept (a Backward step back shows the view of a step a few before).
RECENT_VIEWS = 6
#: How many of their pictures are kept (each an image of the view).
KEPT_PICTURES = 3


def _hairline(color) -> QPen:
    pen = QPen(color, 1.0)  # as wire_item's thin pens
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class ThroughHost(OverviewHost, Protocol):
    """What the through wires read of the scene: the overview's, and more of the wires."""

    @property
    def wires(self) -> LazyWires: ...
    @property
    def far(self) -> bool: ...
    def card_positions(self) -> Mapping[str, tuple[float, float]]: ...


class ThroughWires(QGraphicsItem):
    """Draws the pending wires passing through ``scene``'s crowded view.

    ``scene`` (a GraphScene) offers ``wires``, ``card_positions``, ``model``,
    ``far``, ``hidden_wire`` and ``folding``."""

    def __init__(self, scene: ThroughHost) -> None:
        super().__init__()
        self._scene = scene
        self.setZValue(-0.001)  # under the top level's wires (their box: 0), over the groups' frames
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint() gets the area
        self._picture = PictureCache(self._draw)
        self.keys: dict[Key, Drawn] = {}
        self._for: tuple | None = None  # (view box, long_w, long_h, wires' version) the keys were found for
        #: The keys found for the last few views (what ``_for`` says, the
        #: latest last) and the forward wires' stretches there, kept while
        #: the layer is off far out too: a view shown again (zooming back in
        #: to it, a Backward step back to where an earlier step scrolled)
        #: finds none anew (~40 ms at 50,000 nodes). One is dropped when a
        #: wire among its keys is forgotten, all when one drawn is released,
        #: groups are made or the graph is edited (but the latest's, which
        #: ``forget`` looks after as ever).
        self._seen: dict[tuple, tuple[dict[Key, Drawn], dict[Key, tuple[int, int]]]] = {}
        #: The picture drawn for the last few of them (and the transform it was
        #: drawn at), taken when the view left it: shown again, it is copied.
        self._kept: dict[tuple, tuple[QImage, QTransform]] = {}
        self._painted: tuple | None = None  # the ``_for`` the picture was last painted for
        #: The part drawn of each wire running back: the view it was cut
        #: for, and the path (a forward wire's is its stretches in ``_cuts``,
        #: the unit wire's scaled as it is drawn).
        self._pieces: dict[Key, tuple[Drawn, tuple, list[Cubic]]] = {}
        self._cuts: dict[Key, tuple[int, int]] = {}  # forward wires' stretches in the view, with the keys
        #: The ends of each wire looked at, while the wires' filing stays
        #: (``LazyWires.version``: a pending wire's ends move only with it):
        #: a scroll looks up again those it met before (~1/3 of the cost).
        self._ends: dict[Key, tuple[float, float, float, float] | None] = {}
        self._ends_at = 0
        self._pens = (_hairline(S.WIRE), _hairline(S.BAD))
        self._leaving = False  # the last reveal left wires to this layer
        #: How often the keys were found anew / wires drawn into the picture (tests count them).
        self.found = 0
        self.drawn = 0
        self.ended = 0  # wires' ends worked out from their cards

    # ------------------------------------------------------------ which wires
    def usable(self) -> bool:
        """May the layer draw at all (near, no groups)?"""
        sc = self._scene
        return not sc.far and len(sc.model.groups) == 0 and not sc.folding.cards()

    def keeps(self, region: QRectF) -> tuple[float, float] | None:
        """For the view's reveal of ``region`` (the view's rect): the size
        (width, height) of a pending wire's filed box (``LazyWires``) past
        which the wire is left to this layer (None: none is)."""
        sc = self._scene
        on = len(sc.wires) >= wire_paint.CROWDED_WIRES and not region.isEmpty() and self.usable()
        if on != self._leaving:  # the wires left here before, or made before, are looked at anew
            self._leaving = on
            sc.wires.rescan()
        if not on:
            return None
        return _filed(wire_paint.THROUGH * region.width()), _filed(wire_paint.THROUGH * region.height())

    def prepare(self) -> None:
        """The view is about to paint (inside ``wire_paint.PASS.painting``):
        find the wires to draw if anything they depend on changed, and tell
        the wire items which they are."""
        P = wire_paint.PASS
        if not P.through or not self.usable():
            if self.keys:
                self._set_keys({})
            self._for = None
            if not self._scene.far or len(self._scene.model.groups):
                self._seen.clear()
            return
        at = (P.box, P.long_w, P.long_h, self._scene.wires.version)
        if at != self._for:
            # the view moved (the same wires where they were): Qt repaints what it shows anew
            moved = self._for is not None and self._for[1:] == at[1:]
            left, self._for = self._for, at
            seen, kept = self._seen, self._kept
            if left is not None and left == self._painted and left in seen and self.keys:
                picture = self._picture.kept()  # (None if something waits to be drawn into it)
                if picture is not None:
                    kept[left] = picture
            got = seen.pop(at, None)
            fresh = got is None
            if got is None:
                got = (self._find(P.box, P.long_w, P.long_h), self._cuts)
                for old in [a for a in seen if a[3] != at[3]]:  # (the wires' filing changed since)
                    del seen[old]
                kept.pop(at, None)
            seen[at] = got  # the latest last
            while len(seen) > RECENT_VIEWS:
                del seen[next(iter(seen))]
            self._cuts = got[1]
            self._set_keys(got[0], repaint=not moved)
            picture = None if fresh or not self.keys else kept.get(at)
            if picture is not None:  # what was drawn for these keys there: copied at the same transform
                self._picture.put(*picture)
            for old in [a for a in kept if a not in seen]:
                del kept[old]
            while len(kept) > KEPT_PICTURES:
                del kept[next(iter(kept))]
        P.batched = self.keys

    def _find(self, box: Box, long_w: float, long_h: float) -> dict[Key, Drawn]:
        """The pending wires longer than ``long_w`` or ``long_h`` whose curve
        meets ``box``: their ends and colour. Those without a value (drawn
        dashed) get their items instead."""
        self.found += 1
        sc = self._scene
        wires = sc.wires
        region = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])
        keys = wires.through_keys(region, (_filed(long_w), _filed(long_h)))
        pos, hidden = sc.card_positions(), sc.hidden_wire
        # a wire's source's value and its target's ports read from the model's own tables, uncopied
        # (model.value checks the node first, a card's arity is a Qt wrapper's attribute: each ~0.7 µs,
        # a third of finding a Backward step's ~7,000 wires at 50,000 nodes)
        value, inputs = sc.model.value_table().get, sc.model.input_table()
        out: dict[Key, Drawn] = {}
        cuts: dict[Key, tuple[int, int]] = {}
        dashed: list[Key] = []
        pieces = self._pieces
        none: list[Cubic] = []  # the part of a wire passing by
        if self._ends_at != wires.version:
            self._ends, self._ends_at = {}, wires.version
        ends = self._ends
        # curve_clip.forward_stretches, inlined below (a view crossed by ~7,000
        # forward wires asks it of each; the same numbers: tests/test_through_wires.py)
        left, top, right, bottom = box
        across, down = curve_clip.ACROSS, curve_clip.DOWN
        steps, forward = curve_clip.STEPS, curve_clip.FORWARD
        isfinite, ended = math.isfinite, 0
        for key in keys:
            e = ends.get(key)
            if e is None:
                if key in ends:
                    continue
                s, t, p = key
                a, b = pos.get(s), pos.get(t)
                e = ends[key] = (
                    None
                    if a is None or b is None
                    else (a[0] + W2, a[1] + OUT_Y, b[0] - W2, b[1] + PORT_YS[len(inputs[t])][p])
                )
                ended += 1
                if e is None:
                    continue
            if key == hidden:
                continue
            x1, y1, x2, y2 = e
            w = x2 - x1
            if w >= forward:
                # a forward wire: drawn if a stretch of it meets the view (its item
                # also asks curve_meets, which spares it this test; a stretch whose
                # curve misses the view's padded box by PAD draws no pixel of it)
                i = bisect_left(across, (left - x1) / w) - 1
                j = bisect_right(across, (right - x1) / w)
                h = y2 - y1
                if h > 0.0:
                    k = bisect_left(down, (top - y1) / h) - 1
                    i = k if k > i else i
                    k = bisect_right(down, (bottom - y1) / h)
                    j = k if k < j else j
                elif h < 0.0:  # y falls along it (Span negates y: it rises)
                    k = bisect_left(down, (y1 - bottom) / -h) - 1
                    i = k if k > i else i
                    k = bisect_right(down, (y1 - top) / -h)
                    j = k if k < j else j
                elif not top <= y1 <= bottom:
                    continue
                i = 0 if i < 0 else i
                j = steps if j > steps else j
                if i >= j:
                    continue
                cuts[key] = (i, j)
            elif not curve_meets(x1, y1, x2, y2, box):
                continue
            elif curve_misses(x1, y1, x2, y2, box):
                # a wire running back whose box meets the view but whose curve
                # passes by (half of them, on a big graph nudged out of its
                # columns): kept (the haze counts it, as before) with no part,
                # so the picture does not halve its curve a dozen times to find none
                v = value(key[0])
                if v is None:
                    dashed.append(key)  # (its item, as before)
                else:
                    d = out[key] = (x1, y1, x2, y2, not isfinite(v))
                    pieces[key] = (d, box, none)
                continue
            v = value(key[0])
            if v is None:
                dashed.append(key)
            else:
                out[key] = (x1, y1, x2, y2, not isfinite(v))
        self.ended += ended
        for key in dashed:
            wires.get(key)
            cuts.pop(key, None)
        self._cuts = cuts
        return out

    def _set_keys(self, keys: dict[Key, Drawn], repaint: bool = True) -> None:
        if keys != self.keys:
            self.keys = keys
            self._picture.dirty()
            if repaint:
                self.update()  # all of it (a paint of a part would leave the rest as it was)

    def forget(self, keys: Iterable[Key]) -> None:
        """The wires ``keys`` moved, were hidden, weighted or changed colour:
        those drawn here are looked for again at the next paint."""
        keys = list(keys)
        seen = self._seen
        for at in [a for a, (found, _cuts) in seen.items() if any(k in found for k in keys)]:
            del seen[at]
        drawn = self.keys
        if drawn and any(k in drawn for k in keys):
            self._for = None
            self.update()

    def forget_from(self, sources: Collection[str]) -> None:
        """:meth:`forget` of every wire out of ``sources`` (many: one pass
        over the keys found, not a look-up of each wire in each view's)."""
        seen = self._seen
        for at in [a for a, (found, _cuts) in seen.items() if any(k[0] in sources for k in found)]:
            del seen[at]
        drawn = self.keys
        if drawn and any(k[0] in sources for k in drawn):
            self._for = None
            self.update()

    def edited(self, *_args) -> None:
        """The graph changed: the keys found for views other than the
        latest are dropped (a wire's item may have taken a change that its
        entry there does not show); the latest's stay as ``forget`` keeps them."""
        seen = self._seen
        for at in list(seen)[:-1]:
            del seen[at]

    def release(self, keys: Iterable[Key]) -> None:
        """The wires ``keys`` are about to move with dragged cards: those
        drawn here get their items (which follow the cards each frame)."""
        drawn = self.keys
        mine = [k for k in keys if k in drawn]
        if mine:
            wires = self._scene.wires
            for k in mine:
                wires.get(k)
            self._for = None
            self._seen.clear()
            self.update()

    # ------------------------------------------------------------ drawing
    def boundingRect(self) -> QRectF:
        return _EVERYWHERE

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.keys and wire_paint.PASS.through:
            self._picture.paint(painter, option.exposedRect)
            self._painted = self._for

    def hazy(self, zoom: float) -> bool:
        """Are the wires drawn so many for the view (at ``zoom``) that they
        read as a haze (drawn without antialiasing)? Depends on the view
        only, never on the part repainted."""
        at = self._for
        if at is None:
            return False
        view = at[0]
        return len(self.keys) >= CROWDED_PER_PX * zoom * max(view[2] - view[0], view[3] - view[1])

    def _draw(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the hairlines of the wires meeting ``rect``, each the part of
        its curve in the view its wire item would stroke (EdgeItem.paint:
        never depending on the part repainted)."""
        at = self._for
        if at is None:
            return
        view = at[0]
        zoom = max(painter.worldTransform().m11(), 1e-6)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not self.hazy(zoom))
        pad = 3.0 / zoom
        box = (rect.left() - pad, rect.top() - pad, rect.right() + pad, rect.bottom() + pad)
        # the whole view (to a tenth of a pixel: the rect the picture maps
        # back from the device may fall short of it by a rounding, and each
        # wire was then tested against it; one drawn past the rect is clipped)
        e = 0.1 / zoom
        every = (
            box[0] <= view[0] + e
            and box[1] <= view[1] + e
            and box[2] >= view[2] - e
            and box[3] >= view[3] - e
        )
        pieces, cuts, drawn = self._pieces, self._cuts, 0
        unit = curve_clip.UNIT
        # one path of every part in each colour (plain, then red over it), each
        # part begun anew as its own path is: the pixels of a path each (Qt's
        # hairline stroker draws subpaths one after the other), a call a colour
        paths = (QPainterPath(), QPainterPath())
        moves = (paths[0].moveTo, paths[1].moveTo)
        curves = (paths[0].cubicTo, paths[1].cubicTo)
        for key, d in self.keys.items():
            x1, y1, x2, y2, bad = d
            if not (every or curve_meets(x1, y1, x2, y2, box)):
                continue
            cut = cuts.get(key)
            if cut is not None:
                # a forward wire: its stretches in the view, the unit wire's scaled
                # (curve_clip.forward_stretch, inlined: ~7,000 a view, each a few
                # products, cheaper than looking up a kept one)
                ax, ay, bx, by, cx, cy, dx, dy = unit[cut[0]][cut[1]]  # type: ignore[misc]
                w, h = x2 - x1, y2 - y1
                moves[bad](x1 + w * ax, y1 + h * ay)
                curves[bad](x1 + w * bx, y1 + h * by, x1 + w * cx, y1 + h * cy, x1 + w * dx, y1 + h * dy)
                drawn += 1
                continue
            kept = pieces.get(key)
            if kept is None or kept[0] != d or kept[1] != view:
                kept = pieces[key] = (d, view, _part_in(d, view, None))
            part = kept[2]
            if part:
                curve_clip.path_of(part, paths[bad])
                drawn += 1
        for bad in (False, True):
            if not paths[bad].isEmpty():
                painter.setPen(self._pens[bad])
                painter.drawPath(paths[bad])
        self.drawn += drawn
        if len(pieces) > 4 * len(self.keys) + 10_000:  # wires long gone from view
            self._pieces = {k: pieces[k] for k in self.keys if k in pieces}


def _part_in(d: Drawn, box: Box, cut: tuple[int, int] | None) -> list[Cubic]:
    """The part of the wire's curve that may meet ``box`` (the view), as
    pieces: what its item strokes as a hairline (EdgeItem._part_in);
    ``cut``: a forward wire's stretches there, found with the keys."""
    if cut is not None:
        return [curve_clip.forward_stretch(d[0], d[1], d[2], d[3], *cut)]
    return curve_clip.pieces_of_wire(d[0], d[1], d[2], d[3], box)


def _filed(size: float) -> float:
    """A wire's bounds (its curve's control points and half its pen) longer
    than ``size``: its filed box (the control points and ``curve_bounds.PAD``)
    longer than this."""
    return size + 2 * PAD - 2 * _PEN_HALF
