"""How the far overview asks for repaints (gui/canvas/overview/overview.py's mixin).

A change is repainted where it was and is (``_repaint``); what was only
added is drawn over the kept picture (``_grew``), and what was last added,
taken away again, puts back the picture from before it (``_gone``: an
undone paste); a batch gathers all of these into one of each (``hold``,
``release``). The kept pictures are gui/canvas/picture_cache.py's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import repeat
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from gui.canvas.overview.block_colors import color_of

if TYPE_CHECKING:
    from gui.canvas.picture_cache import PictureCache


#: From this many groups' boxes shown or hidden at once, the whole layer is
#: repainted (no pass over their blocks and lines).
FEW_BOXES = 16
#: From this many blocks recoloured at once, the whole layer is drawn over
#: (``_grew``), not the rect around them (worked out a block at a time).
MANY_RECOLOURED = 2048


class OverviewRepaints:
    """``_repaint``, ``_grew``, ``_gone``, ``hold`` and ``release``, mixed into OverviewLayer."""

    #: Recolours of many blocks drawn over the whole layer, their rect not worked out (tests count them).
    recolour_bounds_skipped = 0
    #: Runs of blocks recoloured together, each in C loops (tests count them).
    recolour_runs = 0

    if TYPE_CHECKING:  # OverviewLayer's own
        _rect: QRectF
        _base: PictureCache
        _over: PictureCache
        _blocks: list[dict[str | None, dict[str, QRectF]]]
        _lines: dict[str | None, dict[tuple, QLineF]]
        _hot: dict[str | None, dict[tuple, QLineF]]
        _wide: dict[str | None, dict[tuple, tuple[tuple[float, int | None], QLineF]]]
        _dirty: bool
        _held: QRectF | None
        _held_grown: QRectF | None
        _held_fresh: list[QLineF]
        _held_keys: set | None
        _held_gone: QRectF | None
        _held_gone_keys: set
        _holds: int
        _color: dict[str, tuple[int, str | None]]
        _scene: Any

        def update(self, rect: QRectF | None = None) -> None: ...
        def node_changed(self, it) -> None: ...

    def redraw_lines(self, lines: Iterable[QLineF | None]) -> None:
        """Repaint where ``lines`` run (lines left out now, or drawn again: gui/canvas/linked/)."""
        for line in lines:
            self._repaint(line)

    def _repaint(self, r: QRectF | QLineF | None) -> None:
        """Repaint just where a block or line was or is (a frame of the whole
        layer draws every line: 50 ms at 20,000 nodes)."""
        if isinstance(r, QLineF):
            r = QRectF(r.p1(), r.p2()).normalized()
        if r is not None:
            if self._held is not None:
                self._held = self._held.united(r.adjusted(-2, -2, 2, 2))
            else:
                self.update(r.adjusted(-2, -2, 2, 2))

    def recoloured(self, news: dict[str, int], card_of) -> None:
        """The blocks of ``news``'s ids take its colour in place (an index of
        COLORS, from the node's value alone: ``plain_color``), moved to its
        table and drawn over the kept picture; a card lit as current or
        marked as output keeps its own, one not filed yet is filed as any
        change (``card_of``: id -> card). The blocks are sorted by where they
        are filed and where they go in one pass, then each such run moved in
        C loops, no card asked (a delete left 24,500 without a value: a
        Python step a block was ~25 ms)."""
        if self._dirty:
            return
        color = self._color
        ids = list(news)
        runs: defaultdict[tuple, list[str]] = defaultdict(list)  # ((colour, box) filed, new colour) -> ids
        for n, run in zip(ids, zip(map(color.get, ids), news.values())):
            runs[run].append(n)
        moved: list[QRectF] = []
        for (at, c), ns in runs.items():
            if at is None:  # (not filed: as any change)
                for it in filter(None, map(card_of, ns)):
                    self.node_changed(it)
                continue
            was, box = at
            if was == c:
                continue
            if was >= 4:  # (the output or the current card: drawn as that, whatever its value)
                for n in ns:
                    it = card_of(n)
                    if it is not None and (own := color_of(it)) != was:
                        self._recolour_run([n], was, box, own, moved)
                continue
            self._recolour_run(ns, was, box, c, moved)
        self._recoloured_at(moved)

    def _recolour_run(self, ns: list[str], was: int, box: str | None, c: int, moved: list[QRectF]) -> None:
        """The blocks of ``ns`` (filed under colour ``was`` in ``box``) to colour ``c``, in C loops;
        those of a shown box added to ``moved``."""
        self.recolour_runs += 1
        rects = list(map(self._blocks[was][box].pop, ns))
        self._blocks[c].setdefault(box, {}).update(zip(ns, rects))
        self._color.update(zip(ns, repeat((c, box))))  # (one tuple for the run, as filed)
        if self._scene.folding.box_shown(box):
            moved += rects

    def _recoloured_at(self, moved: list[QRectF]) -> None:
        """Draw the blocks ``moved`` over the picture where they are: one rect
        around them all (in C, a call a block), or around the whole layer for
        many (a delete leaves 24,500 without a value: their corners alone
        were ~27 ms, and their rect most of the view anyway)."""
        if len(moved) >= MANY_RECOLOURED:
            self.recolour_bounds_skipped += 1
            self._grew(QRectF(self._rect))  # (every block is in it: the pixels drawn are a direct paint's)
        elif moved:
            lefts, tops, rights, bottoms = zip(*map(QRectF.getCoords, moved))  # (one call a block)
            self._grew(QRectF(QPointF(min(lefts), min(tops)), QPointF(max(rights), max(bottoms))))

    def boxes_toggled(self, boxes: list[str] | None) -> None:
        """The groups' boxes ``boxes`` were shown or hidden (None: not
        known): repainted where their blocks and lines are, not the whole
        layer (a group folded far out drew every pixel of the view again,
        where a compact group's part draws only the lines there: _part);
        many at once (Collapse All), the whole layer."""
        if boxes is None or len(boxes) > FEW_BOXES:
            self.update()
            return
        if self._dirty:
            return
        xs: list[float] = []
        ys: list[float] = []
        for box in boxes:
            for by_box in self._blocks:
                for r in by_box.get(box, {}).values():
                    xs += (r.left(), r.right())
                    ys += (r.top(), r.bottom())
            lines = [*self._lines.get(box, {}).values(), *self._hot.get(box, {}).values()]
            lines += [line for _, line in self._wide.get(box, {}).values()]
            for line in lines:
                x1, y1, x2, y2 = line.toTuple()
                xs += (x1, x2)
                ys += (y1, y2)
        if xs:
            self._repaint(QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))))

    def _grew(self, r: QRectF | QLineF, line: QLineF | None = None, key=None) -> None:
        """A block (``r``) or a plain line at the top level (``line``) was
        only added (``key``: its), or a block changed colour in place (no
        ``key``): drawn over the kept picture, not the area drawn again
        (gui/canvas/picture_cache.py; every colour drawn is opaque but
        Gradient Flow's)."""
        if any(self._wide.values()):  # Gradient Flow's lines are translucent: not drawn twice
            self._repaint(r)
            return
        if isinstance(r, QLineF):
            r = QRectF(r.p1(), r.p2()).normalized()
        r = r.adjusted(-2, -2, 2, 2)
        if self._held is not None:
            self._held_grown = r if self._held_grown is None else self._held_grown.united(r)
            if line is not None:
                self._held_fresh.append(line)
            if key is None:  # changed in place: not only added
                self._held_keys = None
            elif self._held_keys is not None:
                self._held_keys.add(key)
            return
        self._update_grown(r, [] if line is None else [line], None if key is None else {key})

    def _update_grown(self, r: QRectF, fresh: list[QLineF], keys: set | None) -> None:
        """Repaint ``r``, where only ``fresh`` lines (and blocks) were added (``keys``)."""
        self._base.grew(r, fresh, keys)
        QGraphicsItem.update(self, r)  # type: ignore[call-overload]  # Qt's: the pictures are told above

    def _gone(self, r: QRectF | QLineF | None, key) -> None:
        """The block or line ``r`` of ``key`` was taken away: the kept
        picture from before it was added is put back if it was the last added."""
        if isinstance(r, QLineF):
            r = QRectF(r.p1(), r.p2()).normalized()
        if r is None:
            return
        r = r.adjusted(-2, -2, 2, 2)
        if self._held is not None:
            self._held_gone = r if self._held_gone is None else self._held_gone.united(r)
            self._held_gone_keys.add(key)
        else:
            self._update_gone(r, {key})

    def _gone_all(self, coords: list[tuple[float, float, float, float]], keys: list) -> None:
        """:meth:`_gone` of many blocks or lines at once, while held
        (``coords``: each one's two corners or ends; ``keys``: theirs): one
        rect around them all (what uniting each one's rect makes)."""
        if not coords:
            return
        xs = [c[0] for c in coords] + [c[2] for c in coords]
        ys = [c[1] for c in coords] + [c[3] for c in coords]
        r = QRectF(QPointF(min(xs) - 2, min(ys) - 2), QPointF(max(xs) + 2, max(ys) + 2))
        self._held_gone = r if self._held_gone is None else self._held_gone.united(r)
        self._held_gone_keys.update(keys)

    def _update_gone(self, r: QRectF, keys: set) -> None:
        self._base.gone(r, keys)
        self._over.dirty(r)
        QGraphicsItem.update(self, r)  # type: ignore[call-overload]  # Qt's

    def hold(self) -> None:
        """Gather the repaints asked for until ``release`` into one (a batch
        of 500 cards and their wires asked Qt for 1,300 small repaints, each
        merged into the view's dirty region: ≈ 0.1 ms each at 50,000 nodes)."""
        if self._holds == 0:
            self._held = QRectF()
            self._held_keys, self._held_gone, self._held_gone_keys = set(), None, set()
        self._holds += 1

    def release(self) -> None:
        """End a ``hold``: one repaint of where everything held was or is."""
        self._holds -= 1
        if self._holds == 0:
            r, self._held = self._held, None
            if r is not None and not r.isNull():
                self.update(r)
            if self._held_gone is not None:
                self._update_gone(self._held_gone, self._held_gone_keys)
            grown, fresh = self._held_grown, self._held_fresh
            self._held_grown, self._held_fresh = None, []
            if grown is not None:
                self._update_grown(grown, fresh, self._held_keys)
