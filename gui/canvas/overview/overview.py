"""The whole graph in one item, for when it is zoomed far out."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from itertools import repeat
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from core.autograd.engine import gc_paused
from gui.canvas.overview.block_colors import color_of
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.overview.overview_draw import COLORS, OverviewDraw
from gui.canvas.overview.overview_lines import OverviewLines, pending_lines
from gui.canvas.overview.overview_repaints import OverviewRepaints
from gui.canvas.overview.overview_wires import MANY, OverviewWires
from gui.canvas.painting import CARD_RECT
from gui.canvas.picture_cache import PictureCache
from gui.document import heap

if TYPE_CHECKING:
    from gui.canvas.part_hosts import OverviewHost

#: A repaint of less than this share of the layer draws only what is there
#: (finding it costs a little a card; a bigger one draws everything, in C++).
_PART = 1 / 16
#: ... and while no line index is filed (``_part``).
_FILE_PART = 1 / 256


class OverviewLayer(OverviewWires, OverviewLines, OverviewRepaints, OverviewDraw, QGraphicsItem):
    """The whole graph drawn in one go when it is zoomed far out.

    Below ``style.FAR_ZOOM`` a card is a few pixels wide and a wire a short
    stroke, so the scene switches its node and wire items to "no contents"
    (they stay selectable and clickable) and this one item draws every node
    as a block and every wire as a line. The blocks and lines are kept per
    node and per wire: the scene tells the layer which node or wire changed
    (moved, selected, lit, flagged), so a move or a Backward step costs what
    it touches, not a pass over the whole graph, also while the layer is
    hidden (readable zoom), so switching it on costs nothing.
    ``invalidate`` rebuilds everything at the next paint (a new graph, a
    big batch of changes).
    Blocks and lines are kept per group box (``folding.node_box``), so a
    folded group's are skipped with its box, not dropped one by one.
    What it draws is kept as a picture of the view (gui/canvas/picture_cache.py),
    drawn again only where ``update`` said something changed, and what was
    only added (new cards and wires) drawn over it (``_grew``); the selected
    cards' blocks are a second picture over it, so selecting changes only that.
    """

    def __init__(self, scene: OverviewHost) -> None:
        super().__init__()
        self._scene = scene
        self._dirty = True
        # per colour, per box (a group id, None: the top level): id -> block
        self._blocks: list[dict[str | None, dict[str, QRectF]]] = [{} for _ in COLORS]
        self._color: dict[str, tuple[int, str | None]] = {}  # id -> (index into COLORS, box)
        # per box: wire -> line (plain, lit or selected, Gradient Flow's ((width, rgba), line))
        self._lines: dict[str | None, dict[tuple, QLineF]] = {}
        self._hot: dict[str | None, dict[tuple, QLineF]] = {}
        self._wide: dict[str | None, dict[tuple, tuple[tuple[float, int | None], QLineF]]] = {}
        self._box_of: dict[tuple, str | None] = {}
        # the last batch re-route's keys and lines, and the line changes (a wire's drop or
        # put) it holds for: Expand All after Collapse All re-routes the same wires, in order
        self._batch: tuple[list[tuple], list, int] | None = None  # (its lines: none None)
        self._changes = 0
        # the selected cards (drawn over their blocks; the selection's own
        # set, copied before a change), and whether they are every card
        self._picked: set[str] = set()
        self._own, self._every = True, False
        self._held: QRectF | None = None  # while held: the repaints asked for, as one rect
        self._held_grown: QRectF | None = None  # and where things were only added, and their lines
        self._held_fresh: list[QLineF] = []
        self._held_keys: set | None = set()  # the keys of what was added (None: not only added)
        self._held_gone: QRectF | None = None  # where things were taken away, and their keys
        self._held_gone_keys: set = set()
        self._holds = 0
        # the top level's plain lines by where they are (a small repaint draws
        # a few), made at the first small repaint
        self._index: LineIndex | None = None
        self._box_indexes: dict[str | None, tuple[dict, LineIndex]] = {}  # a group box's: overview_draw.py
        self._rect = QRectF()
        # lines and blocks, as if nothing were selected
        self._base = PictureCache(self._draw, self._draw_added, lambda seen: not self._part(seen))
        self._over = PictureCache(self._draw_picked)  # the selected cards' blocks
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint() gets the area
        self.setVisible(False)

    #: How often a batch move re-placed blocks and lines in place (tests count them).
    moved_batches = 0
    #: ... of which how often it moved most cards, each block found in one pass over the
    #: layer's tables (not three look-ups a card, two of them far apart in memory).
    blocks_in_one_pass = 0

    def invalidate(self) -> None:
        """Rebuild everything at the next paint."""
        self._dirty = True
        self._base.dirty()
        self._over.dirty()
        if self.isVisible():
            self.update()

    def refit(self) -> None:
        """Take the bounds of every card shown (a new graph, the switch to far
        zoom: what the layer draws is kept up to date while it is hidden too)."""
        self._set_rect(self._scene.graph_rect() or QRectF())

    def grow(self, items) -> None:
        """Take in the bounds of cards added or moved (the bounds never
        shrink here: a card moved inwards leaves them a little too big,
        which costs nothing)."""
        r = self._rect
        for it in items:
            r = r.united(it.sceneBoundingRect())
        self._set_rect(r)

    def grow_to(self, r: QRectF) -> None:
        """Take in ``r`` (the bounds of cards moved in a batch)."""
        self._set_rect(self._rect.united(r))

    def _set_rect(self, r: QRectF) -> None:
        if r != self._rect:
            self.prepareGeometryChange()
            self._rect = r

    def boundingRect(self) -> QRectF:
        return self._rect

    # ------------------------------------------------------------ per item
    def node_changed(self, it) -> None:
        """A card was added, moved or changed what colour it is drawn in."""
        if self._dirty:
            return
        old, new = self._drop_node(it.node_id), self._put_node(it)
        if new is not None and (old is None or old == new):  # new, or in another colour in place
            self._grew(new, key=it.node_id if old is None else None)
            if it.node_id in self._picked:
                self._over.dirty(new.adjusted(-2, -2, 2, 2))
            return
        self._repaint(old)
        self._repaint(new)

    def set_picked(self, ids: set[str], every: bool = False) -> None:
        """The selected cards are now ``ids`` (``every``: every card; a set
        not changed after, kept uncopied): drawn over their blocks in the
        selection's colour (a block keeps its place and colour: selecting
        every card re-files nothing). A few changed are repainted each
        where they are, more with one repaint of the layer."""
        if ids == self._picked:
            self._every |= every
            return
        # (Select All or its end: no set of 50,000 changes made to learn there are many)
        changed = None if abs(len(ids) - len(self._picked)) >= MANY else ids ^ self._picked
        self._picked, self._own, self._every = ids, False, every
        if self._dirty:
            return
        if changed is None or len(changed) >= MANY:  # only the selection's picture is drawn again
            self._over.dirty()
            QGraphicsItem.update(self)
            return
        color, blocks = self._color, self._blocks
        for n in changed:
            at = color.get(n)
            if at is not None:
                r = blocks[at[0]][at[1]][n].adjusted(-2, -2, 2, 2)
                self._over.dirty(r)
                QGraphicsItem.update(self, r)

    def moved(self, cards: Mapping[str, tuple[float, float]], wires: list[tuple]) -> None:
        """Many cards moved at once (Auto Layout, its undo): each keeps its
        colour and box, so its block and its wires' lines are put where they
        are now in one loop (no rebuild from the items at the next
        paint), and the layer is repainted once. ``cards``: id -> (x, y);
        ``wires``: (key, wire item, x1, y1, x2, y2)."""
        if self._dirty:
            return
        # each block and line is the layer's own: moved in place, not made again
        color, blocks = self._color, self._blocks
        left, top = CARD_RECT.left(), CARD_RECT.top()
        # most cards (at 50,000: from ~2/3 on a pass over every block costs less than three
        # look-ups a moved card): each block read where it is kept, one look-up
        if 3 * len(cards) > 2 * len(color):
            get = cards.get
            for by_box in blocks:
                for rects in by_box.values():
                    for n, r in rects.items():
                        if (xy := get(n)) is not None:
                            r.moveTo(xy[0] + left, xy[1] + top)
            self.blocks_in_one_pass += 1
        else:
            for n, (x, y) in cards.items():
                at = color.get(n)
                if at is not None:
                    blocks[at[0]][at[1]][n].moveTo(x + left, y + top)
        plain = self._lines.get(None, {})  # most wires: the top level's plain lines
        for key, _, x1, y1, x2, y2 in wires:
            line = plain.get(key)
            if line is None:  # in a group's box, lit, selected or widened (or not drawn)
                line = self._line_of(key)
                if line is None:
                    continue
            line.setLine(x1, y1, x2, y2)
        self.moved_in_place += 1
        self._index, self._box_indexes = None, {}  # filed again at the next small repaint
        self.moved_batches += 1
        self.update()

    def take(
        self,
        color: dict[str, tuple[int, str | None]],
        blocks: list[dict[str, QRectF]],
        lines: dict[tuple, QLineF],
        index: LineIndex | None = None,
    ) -> None:
        """A new graph's blocks and lines as its builder filed them (id ->
        ``TOP[plain_color(...)]``; per colour, id -> rect; ``index``: the
        lines filed by where they are, or None), kept as they are: the next
        paint has no pass over the items, nor this a pass over the cards.
        Nothing may be selected, lit, widened or folded yet."""
        # in no group's box yet: folding files them later
        self.drop_whole()
        self._color, self._blocks, self._lines = color, [{None: b} for b in blocks], {None: lines}
        self._changes += 1
        self._box_of = dict.fromkeys(lines)
        self._hot, self._wide = {}, {}
        self._index, self._box_indexes = index, {}  # (filed in idle slices: file_some)
        self._dirty = False
        self.update()

    @property
    def line_index(self) -> LineIndex | None:
        """The top level's plain lines by where they are, if kept (a new graph's filed later)."""
        return self._index

    @property
    def built(self) -> bool:
        """True while the blocks and lines are up to date (no rebuild waits for the next paint)."""
        return not self._dirty

    def take_lines(self, lines: dict[tuple, QLineF]) -> None:
        """New wires' lines (key -> line), plain and at the top level, put in at once."""
        if self._dirty or (self._lines_then is not None and self._take_lines_then(lines)):
            return  # (the very lines the delete of every card kept: taken back with their picture)
        self._lines.setdefault(None, {}).update(lines)
        self._changes += 1
        self._box_of.update(dict.fromkeys(lines))
        self._hidden_in = None  # (the boxes holding linked lines: worked out again)
        self._index = None  # filed again at the next small repaint
        self.update()

    def node_gone(self, node_id: str) -> None:
        if node_id in self._picked:
            if not self._own:  # the selection's set: not changed
                self._picked, self._own = set(self._picked), True
            self._picked.discard(node_id)
        if not self._dirty:
            self._gone(self._drop_node(node_id), node_id)

    def plain_rects(self) -> dict[str, QRectF] | None:
        """Every card's block (id -> rect: the layer's own, not to be
        changed), if the layer is up to date; else None."""
        if self._dirty:
            return None
        out: dict[str, QRectF] = {}
        for by_box in self._blocks:
            for rects in by_box.values():
                out.update(rects)
        return out

    def nodes_gone(self, ids: Collection[str]) -> None:
        """:meth:`node_gone` of each of ``ids`` (a batch: while a rebuild
        waits, only the selected set is told, at once)."""
        if not self._dirty:
            if self._held is None:  # (each repainted where it was)
                for n in ids:
                    self.node_gone(n)
                return
            if self._picked and not self._picked.isdisjoint(ids):  # (none picked: the ids not read)
                if not self._own:  # the selection's set: not changed
                    self._picked, self._own = set(self._picked), True
                self._picked.difference_update(ids)
            gone = [(n, r) for n, r in zip(ids, map(self._drop_node, ids)) if r is not None]
            self._gone_all([r.getCoords() for _, r in gone], [n for n, _ in gone])  # type: ignore[misc]  # (4 floats)
            return
        if self._picked and not self._picked.isdisjoint(ids):  # (none picked: the ids not read)
            if not self._own:  # the selection's set: not changed
                self._picked, self._own = set(self._picked), True
            self._picked.difference_update(ids)

    def update(self, rect: QRectF | None = None) -> None:  # type: ignore[override]
        """Repaint ``rect`` (None: everything): the pictures are drawn again there."""
        self._base.dirty(rect)
        self._over.dirty(rect)
        if rect is None:
            super().update()
        else:
            super().update(rect)

    def _put_node(self, it) -> QRectF | None:
        if self._every and it.node_id not in self._picked:
            self._every = False  # a new card, not selected
        c, box = color_of(it), self._scene.folding.node_box(it.node_id)
        self._color[it.node_id] = (c, box)
        r = self._blocks[c].setdefault(box, {})[it.node_id] = CARD_RECT.translated(it.pos())
        return r if self._scene.folding.box_shown(box) else None

    def _drop_node(self, node_id: str) -> QRectF | None:
        at = self._color.pop(node_id, None)
        return None if at is None else self._blocks[at[0]][at[1]].pop(node_id)

    def _rebuild(self) -> None:
        with gc_paused():  # a block and a line per card and wire: nothing to collect
            self._fill()
        heap.built_anew(len(self._color))  # (frozen with a big document's heap)

    def _fill(self) -> None:
        self._blocks = [{} for _ in COLORS]
        self._color = {}
        self._lines, self._hot, self._wide, self._box_of = {}, {}, {}, {}
        self._changes += 1
        self._index, self._box_indexes = None, {}  # (the lines filed anew: the old ones not held)
        for it in self._scene.node_items():
            self._put_node(it)
        sc = self._scene
        for e in sc.wires.made_items():
            self._put_wire(e)
        box_of = sc.folding.wire_box
        for key, line in pending_lines(sc):  # no item yet: plain, where its cards' ports are
            self._put_line(key, box_of(key), line)
        self._dirty = False

    def rehome(
        self,
        node_box: Callable[[str], str | None],
        wire_box: Callable[[tuple], str | None],
        flat: bool = False,
        back: bool = False,
    ) -> None:
        """Cards and wires moved into other groups' boxes (``node_box``,
        ``wire_box``: the box of each now; ``flat``: no box is left, each
        is at the top level), nothing else of them changed:
        each block and line filed under its box again, as it is, and the
        whole layer drawn again (the undo of deleting every grouped node put
        50,000 cards into their boxes: a rebuild asked every card and wire
        how it is drawn, ~0.5 s). Rebuilt at the next paint if not up to date.
        ``back``: each card and wire is in the box it was in before the last
        ``flat`` one (the undo of deleting every grouped node, the very graph
        back): the tables of before taken back if they hold (``_refile_back``)."""
        boxed, self._boxed = self._boxed, None  # (what the last flat one set aside: for this one only)
        if self._dirty:
            return
        with gc_paused():  # (a table a box: to live as long as the document)
            if flat:
                self._boxed = (self._blocks, self._lines, self._hot, self._wide)
                self._refile_flat()
            elif not (back and boxed is not None and self._refile_back(boxed)):
                self.refiles += 1
                self._refile(node_box, wire_box)
        heap.built_anew(len(self._color))  # (frozen with a big document's heap, as a rebuild's)
        self.update()

    def _refile(self, node_box: Callable[[str], str | None], wire_box: Callable[[tuple], str | None]) -> None:
        blocks: list[dict[str | None, dict[str, QRectF]]] = [{} for _ in COLORS]
        color: dict[str, tuple[int, str | None]] = {}
        for c, by_box in enumerate(self._blocks):
            for cards in by_box.values():
                ids = list(cards)
                homes = list(map(node_box, ids))
                _bucket(blocks[c], ids, homes, cards.values())
                color.update(zip(ids, zip(repeat(c), homes)))
        self._blocks, self._color = blocks, color
        box_of: dict[tuple, str | None] = {}
        kinds = []
        for kind in (self._lines, self._hot, self._wide):
            new: dict[str | None, dict] = {}
            for table in kind.values():
                keys = list(table)
                boxes = list(map(wire_box, keys))
                _bucket(new, keys, boxes, table.values())
                box_of.update(zip(keys, boxes))
            kinds.append(new)
        self._lines, self._hot, self._wide = kinds
        self._box_of = box_of
        self._changes += 1
        self._index, self._box_indexes = None, {}  # (the lines filed anew: made again when asked)

    def _refile_flat(self) -> None:
        """:meth:`_refile` with every card and wire at the top level (every
        group gone: a delete of every grouped node tells its groups first):
        each box's table joined into the top level's in C, in the same order,
        no card or wire asked for its box (50,000 of each, ~0.17 s)."""
        blocks: list[dict[str | None, dict[str, QRectF]]] = []
        color: dict[str, tuple[int, str | None]] = {}
        for c, by_box in enumerate(self._blocks):
            cards: dict[str, QRectF] = {}
            for of_box in by_box.values():
                cards.update(of_box)
            blocks.append({None: cards} if cards else {})
            color.update(zip(cards, repeat((c, None))))
        self._blocks, self._color = blocks, color
        box_of: dict[tuple, str | None] = {}
        kinds = []
        for kind in (self._lines, self._hot, self._wide):
            lines: dict = {}
            for kept in kind.values():
                lines.update(kept)
            box_of.update(dict.fromkeys(lines))
            top: dict[str | None, dict] = {None: lines} if lines else {}
            kinds.append(top)
        self._lines, self._hot, self._wide = kinds
        self._box_of = box_of
        self._changes += 1
        self._index, self._box_indexes = None, {}  # (the lines filed anew: made again when asked)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._dirty:
            self._rebuild()
        if self._index is None and self._want_index and self.wake is not None:
            self.wake()  # (its lines filed by place again in idle turns, not in the gesture: file_some)
        seen = option.exposedRect
        if self.cached:
            self._base.paint(painter, seen)
            if self._picked:
                self._over.paint(painter, seen)
        else:  # drawn directly (tests compare the pictures with this)
            self._draw(painter, seen)
            self._draw_picked(painter, seen)

    #: False: every frame draws the lines and blocks again (tests compare the kept pictures with it).
    cached = True

    @property
    def pictures(self) -> tuple[PictureCache, PictureCache]:
        """The kept pictures: lines and blocks, and the selected blocks over them (tests)."""
        return self._base, self._over

    def _part(self, seen: QRectF) -> bool:
        """True if ``seen`` is a small part of the layer: what is there is
        found (a little a card), not everything handed to Qt. Of the cards'
        bounds now: the layer's own never shrink (a layout once spread wide
        would make the whole graph in view "a part", filed line by line).
        A repaint too big to be a part of the layer's own bounds (which hold
        every card's) is none of the cards' either: their bounds are not asked
        for (after a delete of the cards on an edge, a pass over every card)."""
        # no line index (after a batch move), or one still to be filed in idle
        # turns: a part that is not tiny draws everything (the lines not filed
        # yet are all drawn anyway, and looking up the blocks and the filed
        # lines of hundreds of boxes costs more than drawing them all)
        part = _PART if self._index is not None and not self._index.waiting else _FILE_PART
        area = seen.width() * seen.height()
        if area >= part * self._rect.width() * self._rect.height():
            return False
        whole = self._scene.graph_rect() or self._rect
        return area < part * whole.width() * whole.height()


def _bucket(into: dict, keys: list, boxes: list, items: Iterable) -> None:
    """Each of ``items`` filed under its key in ``into``'s table of its box."""
    for k, b, x in zip(keys, boxes, items):
        got = into.get(b)
        if got is None:
            got = into[b] = {}
        got[k] = x
