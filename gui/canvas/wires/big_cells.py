"""The lazy wires' coarse cells, indexed by their boxes' extents, so that a
view finds the long wires crossing it among those near it, not all of them.

gui/canvas/wires/lazy_wires.py files a pending wire in the cell of the first level
whose cells are at least as big as its box (gui/canvas/wires/wire_filing.py). A big
graph's long wires are about as big as the graph, so the coarse levels hold
them in a few cells: at 50,000 nodes ~33,000 wires sat in three cells, and
every view at readable zoom (Backward's first frame, a step that scrolls)
looked at each of them to find the ~700 whose box meets it. So a cell of
those levels is a :class:`BigCell`: the same dict (key -> filed box, in the
order filed), which numbers its entries as they come and, once it holds
``INDEX_FROM`` or more, is indexed when idle (``index_some``, a slice a
turn): its boxes by the powers of two just above their width and their
height, each such class sorted both by where its boxes start across and by
where they start down. :meth:`BigCell.near` takes, in each class, on the
axis where fewer start close enough before the view to reach it (four
bisections a class), those whose box meets the view, with the entries filed
since the index (the dict's tail, so an edit never waits for idle time), in
the dict's order: what the callers found in the whole cell, in the same
order (the through-wire layer strokes them in that order: the same pixels).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from gui.canvas.wires.curve_bounds import Box

#: The levels (wire_filing.LEVELS) from this one on file wires in BigCells.
BIG_LEVEL = 2
#: A cell with this many wires or more is indexed (a smaller one is looked at whole).
INDEX_FROM = 1024
#: Entries classed, or sorted into their class, in one idle slice (~1-3 ms).
SLICE = 2000
#: Indexed again when idle once entries filed since the index are this share of it.
STALE_SHARE = 0.25

#: A class's entries in the order of where they start on one axis: those
#: starts, the keys, their numbers and their boxes.
Order = tuple[list[float], list, list[int], list[tuple]]
#: A class of an index: the bound of its widths and of its heights, its entries across and down.
Class = tuple[float, float, Order, Order]


class BigCell(dict):
    """A coarse level's cell (key -> filed box: ``lazy_wires.Filed``), indexed when idle."""

    __slots__ = ("seq", "n", "index", "looked", "_steps")

    def __init__(self) -> None:
        super().__init__()
        self.seq: dict = {}  # key -> its number: the dict's order is theirs
        self.n = 0  # the last number given
        #: (the last number it holds, how many it holds, its classes)
        self.index: tuple[int, int, list[Class]] | None = None
        self.looked = 0  # entries the last ``near`` looked at (tests count them)
        self._steps: Iterator[bool] | None = None  # an indexing under way

    def __setitem__(self, key, value) -> None:
        if key in self:  # set again in place (no filer does): its number stays, its box moved
            self.index = self._steps = None
        else:
            self.n += 1
            self.seq[key] = self.n
        dict.__setitem__(self, key, value)

    def __delitem__(self, key) -> None:
        dict.__delitem__(self, key)
        del self.seq[key]

    def pop(self, key, *default):
        if key in self:
            v = self[key]
            del self[key]
            return v
        return dict.pop(self, key, *default)

    def stale(self) -> bool:
        """Should it be indexed (again) when idle?"""
        ix = self.index
        if ix is None:
            return len(self) >= INDEX_FROM
        return self.n - ix[0] > STALE_SHARE * ix[1] + 64 or 2 * len(self) < ix[1]

    def near(self, box: Box) -> dict:
        """The entries whose box meets ``box`` (left, top, right, bottom), in
        the cell's order (the cell itself while it has no index)."""
        ix = self.index
        if ix is None:
            self.looked = len(self)
            return self
        built, _size, classes = ix
        left, top, right, bottom = box
        seq = self.seq
        hits: list[tuple[int, object, tuple]] = []
        spans = []
        for w, h, across, down in classes:
            # those that start close enough before the view to reach it, across or down
            i, j = bisect_left(across[0], left - w), bisect_right(across[0], right)
            if i >= j:
                continue
            i2, j2 = bisect_left(down[0], top - h), bisect_right(down[0], bottom)
            spans.append((i2, j2, down) if j2 - i2 < j - i else (i, j, across))
        looked = sum(j - i for i, j, _part in spans)
        if 4 * looked > len(self):  # much of the cell: its own order, looked at whole, costs less
            self.looked = len(self)
            return self
        for i, j, (_s, keys, nums, boxes) in spans:
            # the box as indexed is the entry's while its number is (a box filed
            # again has a new number: in the tail; one gone has none)
            hits += [
                (s, key, v)
                for key, s, v in zip(keys[i:j], nums[i:j], boxes[i:j])
                if v[0] <= right and v[2] >= left and v[1] <= bottom and v[3] >= top and seq.get(key) == s
            ]
        for key in reversed(self):  # filed since the index
            s = seq[key]
            if s <= built:
                break
            looked += 1
            v = self[key]
            if v[0] <= right and v[2] >= left and v[1] <= bottom and v[3] >= top:
                hits.append((s, key, v))
        self.looked = looked
        hits.sort(key=_first)
        return {key: v for _s, key, v in hits}

    def index_some(self) -> bool:
        """Index a slice of the cell (when idle); True while some is left."""
        if self._steps is None:
            self._steps = self._indexing()
        if next(self._steps, False):
            return True
        self._steps = None
        return False

    def _indexing(self) -> Iterator[bool]:
        """Class the entries there are now, then sort each class both ways, a
        slice at a time (entries gone or filed again meanwhile: ``near``
        tells by their numbers)."""
        n, items = self.n, list(self.items())
        keys = [k for k, _v in items]
        nums = [self.seq[k] for k in keys]  # (now: the entries may go meanwhile)
        frexp = math.frexp
        grouped: dict[tuple[int, int], list[int]] = {}
        for at in range(0, len(items), SLICE):
            for i in range(at, min(at + SLICE, len(items))):
                v = items[i][1]
                c = (frexp(v[2] - v[0])[1], frexp(v[3] - v[1])[1])  # width < 2 ** c[0], height < 2 ** c[1]
                got = grouped.get(c)
                if got is None:
                    grouped[c] = [i]
                else:
                    got.append(i)
            yield True
        boxes = [v for _k, v in items]
        classes: list[Class] = []
        done = 0
        for (ex, ey), idx in grouped.items():
            across = _order(idx, [boxes[i][0] for i in idx], keys, nums, boxes)
            down = _order(idx, [boxes[i][1] for i in idx], keys, nums, boxes)
            classes.append((math.ldexp(1.0, ex), math.ldexp(1.0, ey), across, down))
            done += len(idx)
            if done >= SLICE:
                done = 0
                yield True
        self.index = (n, len(items), classes)


def _order(idx: list[int], starts: list[float], keys: list, nums: list[int], boxes: list[tuple]) -> Order:
    """The entries ``idx`` (their ``starts`` beside them) in the order of those starts."""
    at = sorted(range(len(idx)), key=starts.__getitem__)
    return (
        [starts[a] for a in at],
        [keys[idx[a]] for a in at],
        [nums[idx[a]] for a in at],
        [boxes[idx[a]] for a in at],
    )


def _first(hit: tuple) -> int:
    return hit[0]


def new_cell(level: int) -> dict:
    """An empty cell of ``level``: a BigCell from ``BIG_LEVEL`` on."""
    return {} if level < BIG_LEVEL else BigCell()


def narrow(found: list[dict], box: Box) -> tuple[list[dict], int, bool]:
    """``found`` (cells, and dicts of entries) with each BigCell's entries
    whose box meets ``box`` only; how many entries the callers and the
    indexes look at; and whether a BigCell wants indexing when idle."""
    out: list[dict] = []
    looked, stale = 0, False
    for d in found:
        if type(d) is BigCell:
            stale = stale or d._steps is not None or d.stale()
            got = d.near(box)
            looked += d.looked + (len(got) if got is not d else 0)
            out.append(got)
        else:
            looked += len(d)
            out.append(d)
    return out, looked, stale


def index_some(levels: Sequence[dict]) -> bool:
    """Index a slice of the first BigCell of ``levels`` (every level's cell
    -> its dict) that wants it; True while one is left."""
    todo = [
        d
        for cells in levels[BIG_LEVEL:]
        for d in cells.values()
        if type(d) is BigCell and (d._steps or d.stale())
    ]
    if not todo:
        return False
    return todo[0].index_some() or len(todo) > 1 or todo[0].stale()
