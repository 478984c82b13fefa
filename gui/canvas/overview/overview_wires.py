"""What the far overview keeps of each wire: its line filed by box and kind
(plain, lit or selected, widened by Gradient Flow), moved, re-routed in a
batch and dropped (gui/canvas/overview/overview.py's mixin).

Kept apart from OverviewLayer, which holds the cards' blocks, the
selection and the layer's lifetime: these are the one family that files
and moves the wires' lines (a fold's re-route of ~38,000 of them included).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from itertools import repeat
from operator import is_
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QRectF

from gui.canvas.overview.line_index import LineIndex
from gui.document import heap

if TYPE_CHECKING:
    from gui.canvas.part_hosts import OverviewHost

#: From this many cards changed at once, the layer is repainted once, not card by card.
MANY = 200


class OverviewWires:
    """The wires' lines, mixed into OverviewLayer."""

    if TYPE_CHECKING:  # OverviewLayer's own
        _scene: OverviewHost
        _dirty: bool
        _lines: dict[str | None, dict[tuple, QLineF]]
        _hot: dict[str | None, dict[tuple, QLineF]]
        _wide: dict[str | None, dict[tuple, tuple[tuple[float, int | None], QLineF]]]
        _box_of: dict[tuple, str | None]
        _batch: tuple[list[tuple], list, int] | None
        _changes: int
        _index: LineIndex | None
        _box_indexes: dict[str | None, tuple[dict, LineIndex]]
        _held: QRectF | None
        moved_in_place: int

        def update(self, rect: QRectF | None = None) -> None: ...
        def _repaint(self, r: QRectF | QLineF | None) -> None: ...
        def _grew(self, r: QRectF | QLineF, line: QLineF | None = None, key=None) -> None: ...
        def _gone(self, r: QRectF | QLineF | None, key) -> None: ...
        def _gone_all(self, coords: list[tuple[float, float, float, float]], keys: list) -> None: ...
        def _swap_lines(
            self, keys: list[tuple], old: list, xy: dict, before: dict | None, back: bool
        ) -> tuple[list, list] | None: ...
        def _file_box(self, key: tuple, box: str | None) -> str | None: ...
        def _box_index(self, box: str, make: bool = False) -> LineIndex | None: ...

    #: Lines a fold's re-route set in one call, not one by one (tests count them).
    lines_batched = 0
    #: Batches of moved lines whose filing by place was left to idle slices (tests count them).
    refiled_later = 0
    #: Asks the scene for idle turns, where a line index waiting is filed (``scene_build.file_idle``).
    wake: Callable[[], object] | None = None

    def _line_of(self, key: tuple) -> QLineF | None:
        """The line the layer draws for the wire ``key`` (None: none)."""
        if key not in self._box_of:
            return None
        box = self._box_of[key]
        line = self._lines.get(box, {}).get(key)
        if line is None:
            line = self._hot.get(box, {}).get(key)
        if line is None and key in self._wide.get(box, {}):
            line = self._wide[box][key][1]
        return line

    line_of = _line_of  # (what gui/canvas/linked/ has the overview repaint)

    def wire_changed(self, e, repaint: bool = True) -> None:
        """A wire was added, moved, lit, selected, hidden or shown (many
        wires at once: ``repaint`` False, and one ``update`` of the layer)."""
        if self._dirty:
            return
        old, new = self._drop_wire(e.key), self._put_wire(e)
        if repaint:
            if old is None and new is not None and self._lines.get(None, {}).get(e.key) is new:
                self._grew(new, new, e.key)  # a new plain line at the top level
                return
            self._repaint(old)
            self._repaint(new)

    def rerouted(
        self, xy: dict[tuple, Any], items: dict, before: dict | None = None, back: bool = False
    ) -> tuple[list, list] | None:
        """Many wires were given new ends (folding re-routes what crosses a
        group's boundary; their boxes and colours stay), key -> (x1, y1, x2,
        y2), ``items`` those with an item (key -> item): each line moves in
        place (the top level's plain ones, most, in one call); a few are
        repainted where they were and are, many with one update. ``before``:
        filled with each old line, when all are such plain lines (new ones
        drawn: a fold from every group open); ``back``: ``xy`` holds such
        lines, put back (``OverviewLines._swap_lines``, and what it returns:
        the fold's lines Expand All took out, if they are as that fold drew them)."""
        if self._dirty:
            return None
        handed = None
        few = len(xy) < MANY
        plain = self._lines.get(None, {})
        keys, batch, self._batch = list(xy), self._batch, None
        lines: list[QLineF | None]
        if batch is not None and batch[2] == self._changes and batch[0] == keys:  # (by identity, in C)
            lines = batch[1]  # (each key looked up again: ~20 ms at 38,000, a tuple's hash each)
        else:
            lines = list(map(plain.get, keys))
        index = self._index  # kept: filing these again costs less than filing all
        # one by one if some are lit, selected, widened, in a box or not drawn yet
        # (``None in lines`` would ask each QLineF whether it equals None; ``plain.keys() >=
        # xy.keys()`` would look each key up again: ~15 ms at 38,000)
        if few or any(map(is_, lines, repeat(None))):
            self.moved_in_place += 1
            if back:
                xy = dict(zip(keys, map(QLineF.toTuple, xy.values())))
            refile: list[tuple] = []
            for line, (key, (x1, y1, x2, y2)) in zip(lines, xy.items()):
                if line is None:
                    line = self._line_of(key)
                    if line is None:  # not drawn yet (or picked up): as any change
                        if key not in items:  # no item (gui/canvas/wires/lazy_wires.py)
                            self.line_moved(key, x1, y1, x2, y2, few)
                        else:
                            self.wire_changed(items[key], few)
                        continue
                    self._box_indexes.pop(self._box_of[key], None)  # (moved in place: filed again when asked)
                elif index is not None:
                    refile.append((key, line, x1, y1, x2, y2))
                if few:
                    self._repaint(QLineF(line))
                line.setLine(x1, y1, x2, y2)
                if few:
                    self._repaint(line)
        elif before is not None or back:
            handed = self._swap_lines(keys, lines, xy, before, back)  # (filed there)
            index = None
        else:
            ends = list(zip(*xy.values()))
            list(map(QLineF.setLine, lines, *ends))
            self.moved_in_place += 1
            self.lines_batched += len(lines)
            self._batch = (keys, lines, self._changes)
            self._refile_top(lambda: list(zip(xy, lines, *ends)), len(lines))
            index = None
        if index is not None:
            index.refile(refile)
        if not few:
            self.update()
        return handed

    def _refile_top(self, moved: Callable[[], list[tuple]], count: int) -> None:
        """``count`` of the top level's plain lines moved at once: filed again
        by where they are now (``moved()``: (key, line, x1, y1, x2, y2) each).
        From half of the index's lines (a fold's ~38,000 at 50,000 nodes:
        ~70 ms), the whole index is filed anew in idle slices after the
        frame (``LineIndex.later``; the scene's ``file_idle``, woken), or all
        at the first small repaint asking before then: not inside the fold,
        whose own frame draws every line without it."""
        index = self._index
        if index is None:
            return
        if 2 * count < len(index):
            index.refile(moved())
            return
        heap.free_later(index)  # (its entries freed once idle)
        self._index = fresh = LineIndex()
        fresh.later(self._lines.get(None, {}))
        self.refiled_later += 1
        if self.wake is not None:
            self.wake()

    def line_moved(
        self, key: tuple, x1: float, y1: float, x2: float, y2: float, repaint: bool = True
    ) -> None:
        """A wire without an item yet (gui/canvas/wires/lazy_wires.py: plain) runs
        from (x1, y1) to (x2, y2) now."""
        if self._dirty:
            return
        box = self._scene.folding.wire_box(key)
        old, new = self._drop_wire(key), self._put_line(key, box, QLineF(x1, y1, x2, y2))
        if repaint:
            if old is None and box is None:  # a new plain line at the top level
                self._grew(new, new, key)
                return
            self._repaint(old)
            self._repaint(new)

    def wire_gone(self, key: tuple) -> None:
        if not self._dirty:
            self._gone(self._drop_wire(key), key)

    def wires_gone(self, keys: Collection[tuple]) -> None:
        """:meth:`wire_gone` of each of ``keys`` (a batch, held: where their
        lines were gathered in one pass, not a rect united per wire)."""
        if self._dirty:
            return
        if self._held is None:
            for key in keys:
                self._gone(self._drop_wire(key), key)
            return
        gone = [(k, line) for k, line in zip(keys, map(self._drop_wire, keys)) if line is not None]
        self._gone_all([line.toTuple() for _, line in gone], [k for k, _ in gone])

    def _put_wire(self, e) -> QLineF | None:
        key = e.key
        if key == self._scene.hidden_wire:
            return None
        box = self._file_box(key, self._scene.folding.wire_box(key))
        x1, y1, x2, y2 = e.ends_xy()  # no points made (a batch move leaves numbers)
        line = QLineF(x1, y1, x2, y2)
        if e.flow is not None or e.isSelected():
            self._hot.setdefault(box, {})[key] = line
        elif e.width is not None:
            c = e.width_color
            self._wide.setdefault(box, {})[key] = ((e.width, None if c is None else c.rgba()), line)
        else:
            self._put_line(key, box, line)
        return line

    def _put_line(self, key: tuple, box: str | None, line: QLineF) -> QLineF:
        """File a plain wire's ``line``."""
        self._file_box(key, box)
        self._lines.setdefault(box, {})[key] = line
        self._changes += 1
        if (index := self._index if box is None else self._box_index(box)) is not None:
            index.put(key, line, *line.toTuple())
        return line

    def _drop_wire(self, key: tuple) -> QLineF | None:
        if key not in self._box_of:
            return None
        box = self._box_of.pop(key)
        line = self._lines.get(box, {}).pop(key, None)
        self._changes += 1
        if line is not None and (index := self._index if box is None else self._box_index(box)) is not None:
            index.drop(key)
        hot = self._hot.get(box, {}).pop(key, None)
        wide = self._wide.get(box, {}).pop(key, None)
        return hot if hot is not None else wide[1] if wide is not None else line
