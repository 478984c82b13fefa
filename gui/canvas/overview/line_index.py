"""The far-zoom overview's wires filed by region, to redraw only those a
repaint meets.

Zoomed far out, one item draws every wire as a line (gui/canvas/overview/overview.py).
A change repaints just where it happened, but handing Qt every line anyway
costs a pass over all of them (50 ms at 20,000 nodes, for one moved card).
A short line (at most ``CELL`` wide and tall) is filed in the grid cell of
its start, so a region finds it in the cells around it; a long one (a wire
across the graph) is kept with its box in a list that a repaint tests box
against box, cheap next to drawing it. Filing is O(1) a line, so keeping
the index costs nothing a rebuild would notice; a region gets a superset of
the lines that meet it, and the painter's clip does the rest.

A new graph's lines are filed later (``later``): a slice at a time when the
app is idle after the first frame (``file_some``), or all at the first
question for the tables (``tables``); a line put, refiled or dropped
meanwhile is no longer pending. Opening a 50,000-node file does not file
its 70,000 lines before its first frame, which draws every line anyway.
A region asked for meanwhile (``lines_in``: a small repaint) gets the
filed lines that may meet it and every line still pending, unfiled (the
painter's clip does the rest: ~0.35 µs a line, where filing it costs ~1):
the first small repaint after the groups are made files none of the
~80,000 lines at 50,000 nodes inside that gesture.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Collection, Iterable
from itertools import repeat

from PySide6.QtCore import QLineF, QRectF

#: Cell size (scene units): a few cards; a line no wider or taller is short.
CELL = 1024.0

Key = tuple[str, str, int]


class LineIndex:
    """Wire key -> line, filed by where it is."""

    __slots__ = ("_cells", "_where", "_long", "_pending", "_keys", "_at")

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], dict[Key, QLineF]] = {}
        self._where: dict[Key, tuple[int, int]] = {}  # a short line's cell
        self._long: dict[Key, tuple[QLineF, float, float, float, float]] = {}  # line, box
        self._pending: dict[Key, QLineF] = {}  # lines filed later (``later``), in ``_keys`` from ``_at``
        self._keys: list[Key] = []
        self._at = 0

    def __len__(self) -> int:
        return len(self._where) + len(self._long) + len(self._pending)

    def later(self, lines: dict[Key, QLineF]) -> None:
        """The lines of a new graph (key -> line, none filed yet), filed where
        each is when its turn comes: ``file_some`` slices, or all at the
        first question."""
        self._pending = dict(lines)
        self._keys, self._at = list(lines), 0

    def file_some(self, count: int) -> bool:
        """File the next ``count`` lines of :meth:`later`; True while some are left."""
        pending = self._pending
        if not pending:
            return False
        keys, start = self._keys, self._at
        self._at = start + count
        some = [(k, pending.pop(k)) for k in keys[start : self._at] if k in pending]
        self.refile([(key, line, *line.toTuple()) for key, line in some])
        if self._at >= len(keys):
            self._pending, self._keys = {}, []
        return bool(self._pending)

    def _file_all(self) -> None:
        if self._pending:
            self.file_some(len(self._keys))

    def put(self, key: Key, line: QLineF, x1: float, y1: float, x2: float, y2: float) -> None:
        """File ``line`` (from (x1, y1) to (x2, y2)) as ``key``'s, dropping what ``key`` had."""
        self.drop(key)
        if abs(x2 - x1) > CELL or abs(y2 - y1) > CELL:
            self._long[key] = (line, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
            return
        cell = (math.floor(x1 / CELL), math.floor(y1 / CELL))
        self._where[key] = cell
        found = self._cells.get(cell)
        if found is None:
            found = self._cells[cell] = {}
        found[key] = line

    def tables(
        self,
    ) -> tuple[
        dict[tuple[int, int], dict[Key, QLineF]],
        dict[Key, tuple[int, int]],
        dict[Key, tuple[QLineF, float, float, float, float]],
    ]:
        """The cells (cell -> key -> line), each short line's cell, and the
        long lines with their boxes: for a builder filing each new line as
        it makes it, as :meth:`put` would (gui/canvas/scene_build.py), not in
        a second loop."""
        self._file_all()
        return self._cells, self._where, self._long

    def fill(self, lines: dict[Key, QLineF]) -> None:
        """:meth:`put` every line of a new index (key -> line) in one loop."""
        self.refile([(key, line, *line.toTuple()) for key, line in lines.items()])

    #: Lines filed by :meth:`refile` (idle slices and small batches; tests count them).
    refiled = 0

    @property
    def waiting(self) -> int:
        """How many lines wait to be filed (:meth:`later`)."""
        return len(self._pending)

    def refile(self, moved: list[tuple[Key, QLineF, float, float, float, float]]) -> None:
        """:meth:`put` of many lines moved at once (key, line, x1, y1, x2, y2),
        in one loop."""
        LineIndex.refiled += len(moved)
        cells, where, long, pending = self._cells, self._where, self._long, self._pending
        floor = math.floor
        for key, line, x1, y1, x2, y2 in moved:
            if pending:
                pending.pop(key, None)
            if long.pop(key, None) is None:
                was = where.pop(key, None)
                if was is not None:
                    old = cells[was]
                    del old[key]
                    if not old:
                        del cells[was]
            if abs(x2 - x1) > CELL or abs(y2 - y1) > CELL:
                long[key] = (line, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
                continue
            cell = (floor(x1 / CELL), floor(y1 / CELL))
            where[key] = cell
            found = cells.get(cell)
            if found is None:
                found = cells[cell] = {}
            found[key] = line

    def drop(self, key: Key) -> None:
        if self._pending:
            self._pending.pop(key, None)
        if self._long.pop(key, None) is not None:
            return
        cell = self._where.pop(key, None)
        if cell is not None:
            found = self._cells[cell]
            del found[key]
            if not found:
                del self._cells[cell]

    def lines_in(self, region: QRectF, skip: Collection = ()) -> list[QLineF]:
        """The lines that may meet ``region`` (a superset: those still
        waiting to be filed, all), but those of the keys ``skip``."""
        left, top, right, bottom = region.left(), region.top(), region.right(), region.bottom()
        # a short line starts at most CELL before the region's edges
        cx1, cx2 = math.floor((left - CELL) / CELL), math.floor(right / CELL) + 1
        cy1, cy2 = math.floor((top - CELL) / CELL), math.floor(bottom / CELL) + 1
        cells = self._cells
        out: list[QLineF] = []
        if (cx2 - cx1 + 1) * (cy2 - cy1 + 1) > len(cells):  # a big region: walk the cells instead
            for (cx, cy), found in cells.items():
                if cx1 <= cx <= cx2 and cy1 <= cy <= cy2:
                    out += [x for k, x in found.items() if k not in skip] if skip else found.values()
        else:
            for cx in range(cx1, cx2 + 1):
                for cy in range(cy1, cy2 + 1):
                    some = cells.get((cx, cy))
                    if some:
                        out += [x for k, x in some.items() if k not in skip] if skip else some.values()
        out += [
            line
            for k, (line, x1, y1, x2, y2) in self._long.items()
            if x1 <= right and x2 >= left and y1 <= bottom and y2 >= top and k not in skip
        ]
        if self._pending:  # not filed yet: each may be anywhere (no filing inside the repaint)
            LineIndex.unfiled_drawn += len(self._pending)
            out += without(self._pending, skip) if skip else self._pending.values()
        return out

    #: Lines handed out unfiled by :meth:`lines_in` while waiting (tests count them).
    unfiled_drawn = 0


def without(lines: dict, hide: Collection) -> Iterable[QLineF]:
    """The lines of ``lines`` but those of the keys ``hide`` (in C: the order
    of same-coloured opaque lines changes no pixel). Fewer to leave out than
    to keep: a copy without them (each key of ``hide`` hashed once, not the
    50,000 lines' keys: ~3 ms where the set difference took ~10)."""
    if 2 * len(hide) < len(lines):
        kept = lines.copy()
        deque(map(kept.pop, hide, repeat(None)), maxlen=0)
        return kept.values()
    return map(lines.__getitem__, lines.keys() - hide)
