"""The far overview's lines and blocks, handed out and taken back whole
(gui/canvas/overview/overview.py's mixin).

When every node of a big graph is deleted far out, the overview's line of
every wire is kept aside with the lazy wires' filing (gui/canvas/wires/lazy_wires.py:
``forget_all``); the undo puts them back as they were, where working out
every wire's ends and making its line again cost ~0.3 s at 50,000 nodes
(the cards do not move while their graph is gone).

The layer keeps the rest of what it drew aside with them (``park_whole``):
the block and colour of every card and the picture of the view. The undo
takes them back whole (``take_whole``, then ``take_lines`` of the very
lines kept), each table as it was and the picture as it was drawn: no
block filed by colour again (~40 ms at 50,000 cards), no line put in again
and no frame drawn anew (~30 ms); the lines' filing by place is made at
the next small repaint, as after any batch of lines. All this when the
cards come back where they went (the canvas checks that; a card that reads
its node again, one in thousands, is filed anew as any changed card). Were
the wires' lines not the ones kept, ``take_lines`` draws everything again.
"""

from __future__ import annotations

from itertools import count, starmap
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QImage, QTransform
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.overview.block_colors import color_of
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.document import heap

if TYPE_CHECKING:
    from collections.abc import Callable

    from gui.canvas.overview.line_index import LineIndex
    from gui.canvas.picture_cache import PictureCache

#: What ``park_whole`` set aside: each card's colour, the blocks per colour,
#: every line, their boxes, and the picture with its transform.
_Whole = tuple[
    dict[str, tuple[int, str | None]],
    list[dict[str, QRectF]],
    dict[tuple, QLineF],
    dict[tuple, str | None],
    "tuple[QImage, QTransform] | None",
]

#: Blocks per colour per box, lines, lit lines and widened lines per box.
_Boxed = tuple[list[dict[str | None, dict[str, QRectF]]], dict, dict, dict]


class OverviewLines:
    """``plain_lines``, ``park_whole``, ``take_whole``, mixed into OverviewLayer."""

    #: What the delete of every card set aside (``park_whole``), till its undo or the next change.
    _parked: _Whole | None = None
    #: After ``take_whole``: the lines, boxes, filing and picture that come with the wires
    #: (``take_lines``), and the colour table they go with.
    _lines_then: tuple[dict[str, tuple[int, str | None]], _Whole] | None = None
    #: How often the undo took back everything kept whole (tests count them).
    taken_whole = 0
    #: Which line objects the top level's dict holds for the same keys: a
    #: fold from every group open puts new ones in (its old ones kept for
    #: Expand All), Expand All puts those back; with no line filed anew
    #: between, the token of before the fold comes back, and what was kept
    #: of those lines (``OverviewDraw._hidden_kept``) holds again.
    _objects = 0
    #: The fold's swap: the line changes then, the token before and after it, the moves in place then.
    _swapped: tuple[int, int, int, int] | None = None
    #: Lines moved in place (a batch's ``setLine``): bumped by each move, so a
    #: fold's lines handed back are known unmoved since they were drawn.
    moved_in_place = 0
    _tokens = count(1)
    #: The tables filed by box that the last ``rehome`` with every card at the top level
    #: (a delete of every grouped node, its groups told first) joined: for its undo.
    _boxed: _Boxed | None = None
    #: Every card and wire filed again under its box / the tables of before taken back (tests count them).
    refiles = 0
    refiled_back = 0

    if TYPE_CHECKING:  # OverviewLayer's own
        _dirty: bool
        _lines: dict[str | None, dict[tuple, QLineF]]
        _box_of: dict[tuple, str | None]
        _color: dict[str, tuple[int, str | None]]
        _blocks: list[dict[str | None, dict[str, QRectF]]]
        _hot: dict[str | None, dict[tuple, QLineF]]
        _wide: dict[str | None, dict[tuple, tuple[tuple[float, int | None], QLineF]]]
        _index: LineIndex | None
        _box_indexes: dict
        _changes: int
        _batch: tuple[list[tuple], list, int] | None
        lines_batched: int
        _picked: set[str]
        _own: bool
        _every: bool
        _base: PictureCache
        _over: PictureCache

        def invalidate(self) -> None: ...
        def node_changed(self, it) -> None: ...
        def update(self, rect: QRectF | None = None) -> None: ...
        def _refile_top(self, moved: Callable[[], list[tuple]], count: int) -> None: ...

    def plain_lines(self) -> dict[tuple, QLineF] | None:
        """The line of every wire drawn (key -> line; the layer's own: read
        it, don't change it), if each is plain and at the top level
        (neither lit, selected, widened nor in a group's box) and the layer
        is up to date; else None."""
        plain = None if self._dirty else self._lines.get(None)
        return plain if plain is not None and len(plain) == len(self._box_of) else None

    def park_whole(self) -> None:
        """Every card and wire is going (the whole graph deleted): set aside
        what the layer holds, as it is, for ``take_whole``, if every block
        and line is plain at the top level; the layer is rebuilt (empty) at
        its next paint. Nothing when the layer is out of date (kept already,
        or not up to date: the undo files everything anew)."""
        self._picked, self._own, self._every = set(), True, False  # (every card goes: none is selected)
        if self._dirty:
            return
        self._parked = None
        lines = self.plain_lines()
        blocks = [by_box.get(None, {}) for by_box in self._blocks]
        if (
            lines is None
            or any(self._hot.values())
            or any(self._wide.values())
            or sum(map(len, blocks)) != len(self._color)
        ):
            self.invalidate()
            return
        self._parked = (self._color, blocks, lines, self._box_of, self._base.kept())
        # new tables (as the rebuild makes): nothing changes those kept
        self._color, self._blocks, self._lines, self._box_of = {}, [{} for _ in blocks], {}, {}
        self._index, self._box_indexes = None, {}
        self.invalidate()

    def drop_whole(self) -> None:
        """Forget what ``park_whole`` kept (the cards came back otherwise)."""
        self._parked = self._lines_then = None

    def kept_rects(self) -> dict[str, QRectF] | None:
        """Every card's block as ``park_whole`` kept it (id -> rect, the
        layer's own), or None: for an undo whose cards come back where they
        were, some of them reading their node again (its colour may differ)."""
        if self._parked is None:
            return None
        out: dict[str, QRectF] = {}
        for rects in self._parked[1]:
            out.update(rects)
        return out

    def take_whole(self, ids: list[str], known: bool = False) -> bool:
        """The undo of the delete ``park_whole`` kept the layer of, with the
        cards ``ids`` back as they went (the caller checked: each reads its
        node as it did, at its place): their blocks and colours taken back
        as they were (the lines and the picture come with the wires,
        ``take_lines``). False, nothing done, if it kept none for them;
        ``known``: the caller knows they are the cards it kept (the very
        graph back): only their count compared, not each id looked up."""
        kept, self._parked, self._lines_then = self._parked, None, None
        if kept is None:
            return False
        color = kept[0]
        if len(color) != len(ids) or not (known or all(map(color.__contains__, ids))):  # (ids: distinct)
            return False
        self._color, self._blocks = color, [{None: b} for b in kept[1]]
        self._lines, self._box_of, self._hot, self._wide = {None: {}}, {}, {}, {}
        self._index, self._box_indexes = None, {}
        self._changes += 1
        self._dirty = False
        self.taken_whole += 1
        if kept[2]:  # the lines next, with the wires: all drawn again if they are not these
            self._lines_then = (color, kept)
        self._put_picture(kept[4])
        return True

    def recolour(self, cards: list) -> None:
        """After ``take_whole``: ``node_changed`` of each of ``cards`` (back
        where they were, having read their node again) whose colour is not
        the one its block was kept under (one a pass shows, or the auto
        output's badge gone): the others' blocks are as they are drawn."""
        color = self._color
        for it in cards:
            at = color.get(it.node_id)
            if at is None or at[0] != color_of(it):
                self.node_changed(it)

    def _take_lines_then(self, lines: dict[tuple, QLineF]) -> bool:
        """``take_lines`` of the very lines ``park_whole`` kept, right after
        ``take_whole``: taken back with their boxes, as they were (the
        picture has them). False if these are not they."""
        then, self._lines_then = self._lines_then, None
        if then is None or then[1][2] is not lines or self._color is not then[0] or self._box_of:
            return False
        # (their filing by place made again at the next small repaint, as ``take_lines`` leaves it:
        # kept, every line lit or moved till then would be filed again in it)
        self._lines, self._box_of, self._index = {None: lines}, then[1][3], None
        self._changes += 1
        return True

    def _swap_lines(
        self, keys: list[tuple], old: list, xy: dict, before: dict | None, back: bool
    ) -> tuple[list, list] | None:
        """``OverviewLayer.rerouted`` of many top-level plain lines ``old``
        (of ``keys``) without moving one: a fold from every group open puts
        new lines in, at the ends ``xy`` (``back``: ``xy`` holds such lines,
        those the last such fold drew, put back), and keeps the old ones in
        ``before`` (their ends with every group open); Expand All (``before``
        None) puts those back (``back``), its old ones going: returned
        (keys, lines) if they are the very lines the last swap put in, none
        moved or filed anew since (the folding keeps them for the next fold).
        None read or moved: ~40 ms of 38,000 lines at 50,000 nodes."""
        new: list[Any] = list(xy.values()) if back else list(starmap(QLineF, xy.values()))
        handed = None
        if before is None:  # back to every group open
            was, self._swapped = self._swapped, None
            if was is not None and was[0] == self._changes and was[2] == self._objects:
                self._objects = was[1]  # the very lines of before the fold: as they were
                if was[3] == self.moved_in_place:
                    handed = (keys, old)
            else:
                self._objects = next(self._tokens)
            if handed is None:
                heap.free_later(old)  # the fold's lines go: freed once idle, not inside Expand All
        else:
            before.update(zip(keys, old))
            token = next(self._tokens)
            self._swapped = (self._changes, self._objects, token, self.moved_in_place)
            self._objects = token
        # (``back``: ``xy`` is key -> line in the order of ``keys``: taken in by the hashes it keeps)
        self._lines[None].update(xy if back else zip(keys, new))
        self.lines_batched += len(new)
        self._batch = (keys, new, self._changes)
        self._refile_top(  # (the fold's lines: most of the index, filed when idle)
            lambda: [
                (k, line, *e)
                for k, line, e in zip(keys, new, map(QLineF.toTuple, new) if back else xy.values())
            ],
            len(new),
        )
        return handed

    def _refile_back(self, boxed: _Boxed) -> bool:
        """``OverviewLayer.rehome`` of the cards and wires back into the boxes
        they were in before the last flat one (the caller knows: the very
        graph back, each card in its group): the tables filed by box then
        (``boxed``), taken back if the layer holds what they held (each
        block and line the same object under the same key, as many, none lit
        or widened: compares in C, no card or wire asked for its box), in
        the order filing the layer's again gives. False, nothing done, else."""
        blocks, lines, hot, wide = boxed
        if any(self._hot.values()) or any(self._wide.values()) or any(hot.values()) or any(wide.values()):
            return False
        if any(len(by_box.keys() - {None}) for by_box in self._blocks) or self._lines.keys() - {None}:
            return False  # (in a box now: not filed as the flat one left them)
        for by_box, now in zip(blocks, self._blocks):
            if not _same(by_box, now.get(None, {})):
                return False
        if not _same(lines, self._lines.get(None, {})):
            return False
        # as filing them again orders them (colour by colour, box by box); each from a dict
        # of the keys (their hashes kept: no key hashed again, 68,000 tuples at 50,000 nodes)
        color: dict[str, tuple[int, str | None]] = {}
        for c, by_box in enumerate(blocks):
            for box, cards in by_box.items():
                color.update(dict.fromkeys(cards, (c, box)))
        box_of: dict[tuple, str | None] = {}
        for box, table in lines.items():
            box_of.update(dict.fromkeys(table, box))
        self._blocks = [{box: cards for box, cards in by_box.items() if cards} for by_box in blocks]
        self._color, self._box_of = color, box_of
        self._lines = {box: table for box, table in lines.items() if table}
        self._hot, self._wide = {}, {}
        self._changes += 1
        self._index, self._box_indexes = None, {}  # (the lines filed anew: made again when asked)
        self.refiled_back += 1
        return True

    def _put_picture(self, picture: tuple[QImage, QTransform] | None) -> None:
        """The layer is as it was when ``picture`` was kept: the next paint
        at its transform copies it (no picture kept: drawn anew)."""
        if picture is None:
            self.update()
            return
        self._base.put(*picture)
        self._over.dirty()
        QGraphicsItem.update(self)  # type: ignore[call-overload]  # Qt's: the pictures are told above


def _same(by_box: dict[str | None, dict], top: dict) -> bool:
    """True if ``top`` holds what the tables of ``by_box`` hold, no more
    (each value the same object: found so first, in C; no key hashed again)."""
    if sum(map(len, by_box.values())) != len(top):
        return False
    joined: dict = {}
    for t in by_box.values():
        joined.update(t)  # (each key's hash kept: none hashed again)
    return joined == top


def pending_lines(scene: Any) -> list[tuple[tuple, QLineF]]:
    """Each wire without an item (the scene's ``wires.pending``) and its line:
    with no group folded, from where its cards are and the ports' fixed
    offsets (a rebuild after the undo of deleting every grouped node asked
    68,000 wires' ends of their cards: ~0.3 s); else each asked of the scene."""
    keys = scene.wires.pending()
    if scene.folding.cards():
        return [(key, QLineF(*scene.wire_ends(*key))) for key in keys]
    pos, nodes = scene.card_positions(), scene.node_map()
    out = []
    for key in keys:
        s, t, p = key
        xs, ys = pos[s]
        xt, yt = pos[t]
        out.append((key, QLineF(xs + W2, ys + OUT_Y, xt - W2, yt + PORT_YS[nodes[t].arity][p])))
    return out
