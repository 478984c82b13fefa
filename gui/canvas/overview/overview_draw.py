"""How the far overview draws its lines and blocks (gui/canvas/overview/overview.py's mixin).

Every colour but Gradient Flow's (translucent, widened lines) is opaque
and nothing is antialiased, so a pixel ends in the colour of the last
thing drawn over it: plain lines, then widened ones,
lit ones, and the blocks colour by colour. That is what lets what was only
added (a paste's cards and wires) be drawn over the kept picture
(``_draw_added``): the new lines, then again whatever is drawn after plain
lines there, and each pixel is a direct paint's (not while Gradient Flow
widens a line: drawn twice, it would be darker).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from gui.canvas.cards import grad_tint
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.overview.line_index import without as _without
from gui.common import style as S
from gui.document import heap

if TYPE_CHECKING:
    from gui.canvas.part_hosts import OverviewHost

#: The block colours, in drawing order (later ones on top).
#: A group's box with more lines than this has them filed by where they are
#: for a repaint of a part (``_box_index``); fewer are all handed to Qt.
_FEW_LINES = 8
COLORS = (S.CARD_BORDER, S.LEAF_BORDER, S.INCOMPLETE, S.BAD, S.OUTPUT, S.HL_CURRENT, S.SELECT)
#: The selection's colour: no block is filed under it; the selected cards' blocks are drawn in it, last.
PICKED = 6


class OverviewDraw:
    """``_draw``, ``_draw_added`` and ``_draw_picked``, mixed into OverviewLayer."""

    if TYPE_CHECKING:  # OverviewLayer's own
        _scene: OverviewHost
        _blocks: list[dict[str | None, dict[str, QRectF]]]
        _color: dict[str, tuple[int, str | None]]
        _lines: dict[str | None, dict[tuple, QLineF]]
        _hot: dict[str | None, dict[tuple, QLineF]]
        _wide: dict[str | None, dict[tuple, tuple[tuple[float, int | None], QLineF]]]
        _box_of: dict[tuple, str | None]
        _changes: int
        _objects: int
        _picked: set[str]
        _every: bool
        _index: LineIndex | None
        _box_indexes: dict[str | None, tuple[dict, LineIndex]]  # box -> its lines dict, their index
        _dirty: bool
        wake: Callable[[], object] | None

        def _part(self, seen: QRectF) -> bool: ...

    #: True once a repaint of a part asked for the lines by place: from then
    #: on, lines filed anew (groups made, a batch move, a fold) are filed by
    #: place again in idle slices, the top level's and the boxes'.
    _want_index = False

    def _draw(self, painter: QPainter, seen: QRectF) -> None:
        """Draw the lines and blocks that meet ``seen``, every block in its own colour."""
        shown = self._scene.folding.box_shown
        # the wires drawn near as linked copies are left out (gui/canvas/linked/): all lines looked at
        hide = self._scene.linked.hidden_lines()
        boxes, kept = self._hidden_kept(hide)  # (the boxes holding none are drawn whole)
        # a repaint of a small part (a card moved, a wire added) draws what is there, not every line
        part = self._part(seen)
        if part:  # (of each group's box too: with every group open, most lines are in one)
            lines = self._top_index().lines_in(seen, hide)
            for box, d in self._lines.items():
                if box is not None and shown(box):
                    if len(d) > _FEW_LINES:
                        lines += self._box_index(box, True).lines_in(seen, hide)  # type: ignore[union-attr]
                    else:
                        lines += self._kept_without(kept, box, d, hide) if box in boxes else d.values()
        else:
            lines = []
            for box, d in self._lines.items():
                if shown(box):
                    lines += self._kept_without(kept, box, d, hide) if box in boxes else d.values()
        self._draw_plain(painter, lines)
        self._draw_above(painter, seen, part, hide)

    #: Per set of keys left out (the last two, by identity: the linked rule's
    #: set with every group open is one object, gui/canvas/linked/rule.py),
    #: while the same lines are filed (OverviewLines._objects): the set, the layer's changes then, the
    #: boxes holding some, and per such box its lines dict and its lines but those.
    _hidden_sets: dict[int, tuple[Collection, tuple[int, int], set, dict]] | None = None
    #: Lines looked at to leave some out (tests count them: none for a set
    #: met again, as Expand All after Collapse All meets the open graph's).
    lines_filtered = 0

    def _hidden_kept(self, hide: Collection) -> tuple[set, dict]:
        """The boxes holding some of ``hide`` and what is kept of their lines
        without those (box -> (its dict, the list)); worked out again when a
        line was filed anew (a fold re-homes none: it moves lines in place)."""
        sets = self._hidden_sets
        if sets is None:
            sets = self._hidden_sets = {}
        held = sets.get(id(hide))
        now = (self._changes, self._objects)  # (the same lines in the same dicts)
        if held is None or held[0] is not hide or held[1] != now:
            held = (hide, now, self._boxes_holding(hide), {})
            heap.free_later(sets.pop(id(hide), None))  # (the lines it kept: freed once idle)
            sets[id(hide)] = held
            while len(sets) > 2:
                heap.free_later(sets.pop(next(iter(sets))))
        else:  # (the most recent last: the other is the one to go)
            sets[id(hide)] = sets.pop(id(hide))
        return held[2], held[3]

    def _kept_without(
        self, kept: dict, box: str | None, d: dict[tuple, QLineF], hide: Collection
    ) -> list[QLineF]:
        """The lines of ``d`` (``box``'s) but those of ``hide``, kept in ``kept``
        while ``d`` is the box's dict (the lines move in place; a line filed
        anew or dropped makes the whole of ``kept`` go)."""
        got = kept.get(box)
        if got is None or got[0] is not d:
            self.lines_filtered += len(d)
            got = kept[box] = (d, list(_without(d, hide)))
        return got[1]

    #: The keys last left out and the boxes holding them (kept while the same
    #: set object and lines map: a line filed adds its box; a superset once lines go).
    _hidden_in: tuple[Collection, dict, set] | None = None

    def _boxes_holding(self, hide: Collection) -> set:
        """The boxes holding a line of ``hide``: worked out again when the
        lines left out change, not when a line is filed again (a far-out
        move: its wires' lines, and 7,800 keys looked up a move at 50,000)."""
        held, box_of = self._hidden_in, self._box_of
        if held is None or held[0] is not hide or held[1] is not box_of:
            held = self._hidden_in = (hide, box_of, {box_of.get(k) for k in hide})
        return held[2]

    def _file_box(self, key: tuple, box: str | None) -> str | None:
        """File the line of ``key`` in ``box`` (a fold re-homes lines), keeping the boxes of linked lines."""
        self._box_of[key] = box
        held = self._hidden_in
        if held is not None and key in held[0]:
            held[2].add(box)
        return box

    def _draw_added(self, painter: QPainter, seen: QRectF, fresh: list[QLineF]) -> None:
        """Draw the plain lines ``fresh`` (new ones, at the top level) over
        what is drawn, then again what is drawn after plain lines in ``seen``
        (new blocks among them): the pixels of ``_draw``."""
        self._draw_plain(painter, fresh)
        self._draw_above(painter, seen, self._part(seen), self._scene.linked.hidden_lines())

    @staticmethod
    def _draw_plain(painter: QPainter, lines: list[QLineF]) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(S.WIRE, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawLines(lines)

    def _draw_above(self, painter: QPainter, seen: QRectF, part: bool, hide: Collection = ()) -> None:
        """Draw what goes over the plain lines in ``seen``: widened and lit
        lines (but those of ``hide``), then the blocks (``part``: the cards there looked up)."""
        shown = self._scene.folding.box_shown
        by_pen: dict[tuple[float, int | None], list[QLineF]] = {}
        for box, d in self._wide.items():
            if shown(box):
                for key, (look, line) in d.items():
                    if key not in hide:
                        by_pen.setdefault(look, []).append(line)
        for (width, rgba), lines in by_pen.items():
            pen = QPen(S.WIRE_GRADIENT if rgba is None else QColor.fromRgba(rgba), width)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
        hot = [x for box, d in self._hot.items() if shown(box) for k, x in d.items() if k not in hide]
        if hot:
            pen = QPen(S.WIRE_FLOW, 2.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(hot)
        painter.setPen(Qt.PenStyle.NoPen)
        near: list[list[QRectF]] | None = None
        ids: list[str] | None = None
        if part:  # the cards there, from the scene's card grid
            near = [[] for _ in COLORS]
            ids = []
            for n in self._scene.ids_near(seen):
                at = self._color.get(n)
                if at is not None and shown(at[1]):
                    near[at[0]].append(self._blocks[at[0]][at[1]][n])
                    ids.append(n)
        for i, (color, by_box) in enumerate(zip(COLORS, self._blocks)):
            if near is not None:
                blocks = near[i]
            else:
                blocks = []
                for box, of_box in by_box.items():
                    if shown(box):
                        blocks += of_box.values()
            if blocks:
                painter.setBrush(color)
                painter.drawRects(blocks)
        tint = grad_tint.tint_of(self._scene)
        if tint is not None:
            self._draw_tints(painter, tint, ids)

    def _draw_tints(self, painter: QPainter, tint: grad_tint.Tint, ids: list[str] | None) -> None:
        """Over each plain card's and leaf's block (of ``ids``; None: every
        one shown), its gradient's tint, inside its rim."""
        shown = self._scene.folding.box_shown
        k = grad_tint.INSET
        by_tint: dict[int, list[QRectF]] = {}
        for n in self._color if ids is None else ids:
            c, box = self._color[n]
            if c > 1 or not shown(box):  # (the output, the current step, a bad value: their own colour)
                continue
            t = tint(n)
            if t is not None:
                by_tint.setdefault(t, []).append(self._blocks[c][box][n].adjusted(k, k, -k, -k))
        colors = grad_tint.colors()
        for t, rects in by_tint.items():
            painter.setBrush(colors[t])
            painter.drawRects(rects)

    def _draw_picked(self, painter: QPainter, seen: QRectF) -> None:
        """Draw the selected cards' blocks that meet ``seen``, in the selection's colour."""
        if self._picked:
            near = self._scene.ids_near(seen) if self._part(seen) else None
            over = selected_blocks(
                self._picked, self._color, self._blocks, self._scene.folding.box_shown, near, self._every
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(COLORS[PICKED])
            painter.drawRects(over)

    def _box_index(self, box: str, make: bool = False) -> LineIndex | None:
        """The lines of the group's ``box`` by where they are: kept while its
        lines dict is the one they were filed from (a line filed or dropped
        there files it in or out; one moved in place drops the index), made
        when a repaint of a part asks (``make``), to be filed in idle slices
        (``file_some``: until then it hands out its lines whole); else None."""
        d = self._lines.get(box)
        got = self._box_indexes.get(box)
        if got is None or got[0] is not d:
            if not make or d is None:
                return None
            got = self._box_indexes[box] = (d, LineIndex())
            got[1].later(d)
            self._wake_filing()
        return got[1]

    def _top_index(self) -> LineIndex:
        """The top level's plain lines by where they are (made when a repaint
        of a part first asks: filed in idle slices, its lines handed out whole till then)."""
        if self._index is None:
            self._index = LineIndex()
            self._index.later(self._lines.get(None, {}))
            self._wake_filing()
        return self._index

    def _wake_filing(self) -> None:
        self._want_index = True
        if self.wake is not None:
            self.wake()

    #: Indexes made anew for idle filing (``file_some``; tests count them).
    indexes_made_idle = 0

    def file_some(self, count: int) -> bool:
        """File up to ``count`` lines by where they are (the app is idle): the
        indexes dropped since a repaint of a part last asked are made again
        first (the top level's and every box's with more than a few lines),
        then filed a slice at a time; True while some are left."""
        if self._dirty:
            return False
        if self._index is None:  # (made here, not in the gesture that dropped it)
            if not self._want_index:
                return False
            self.indexes_made_idle += 1
            self._index = LineIndex()
            self._index.later(self._lines.get(None, {}))
            for box, d in self._lines.items():
                if box is not None and len(d) > _FEW_LINES and self._box_index(box) is None:
                    self._box_indexes[box] = (d, LineIndex())
                    self._box_indexes[box][1].later(d)
            return True
        left = count
        for index in (self._index, *(ix for _, ix in self._box_indexes.values())):
            if left <= 0:
                return True  # (the next turn looks further)
            if index.waiting:
                some = min(index.waiting, left)
                left -= some
                if index.file_some(some):
                    return True
        return False


def selected_blocks(
    picked: set[str],
    where: dict[str, tuple[int, str | None]],
    blocks: list[dict[str | None, dict[str, QRectF]]],
    shown: Callable[[str | None], bool],
    near: set[str] | None,
    every: bool = False,
) -> list[QRectF]:
    """The blocks of the selected cards ``picked`` (the overview's: id ->
    (colour, box) ``where``, blocks by colour and box, ``shown`` boxes),
    of those among ``near`` only when given; every block of a shown box when
    every card is selected (Select All: ``every`` if known, else tested), with no test per card; a few
    selected (a paste's cards), each looked up, not every block tested."""
    every = every or (len(picked) >= len(where) and picked.issuperset(where))
    if near is not None or (not every and 4 * len(picked) < len(where)):
        hidden = {box for by_box in blocks for box in by_box if not shown(box)}  # folded groups'
        ids = list(picked if near is None else near if every else picked & near)
        return [
            blocks[at[0]][at[1]][n]
            for n, at in zip(ids, map(where.get, ids))
            if at is not None and at[1] not in hidden
        ]
    over: list[QRectF] = []
    for by_box in blocks:
        for box, d in by_box.items():
            if shown(box):
                over += d.values() if every else [r for n, r in d.items() if n in picked]
    return over
