"""Which cards lie in a region, without asking Qt's scene.

The scene keeps no item index (``NoIndex``: with an index every moved card
would be re-filed, and a big graph opens and drags faster without one), so
``QGraphicsScene.items(rect)`` tests every card, wire and caption: 141 ms at
50,000 nodes, paid by each Backward step (caption placement) and each
mouse move of a wire drag. This grid files each card by its position in
cells of a fixed size; a region asks only the cells it covers."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from operator import eq
from typing import overload

from PySide6.QtCore import QRectF

from gui.canvas.cards.card_bounds import CardBounds

#: Cell size (scene units): a few cards wide.
CELL = 512.0


class CardGrid:
    """node id -> position, filed by grid cell; ``bounds`` keeps the rect
    they all cover (gui/canvas/cards/card_bounds.py); and the order the ids were
    first filed in (the scene adds a card to Qt as it files it, so a later
    one is stacked above an earlier one of the same z)."""

    __slots__ = (
        "_cells",
        "_serial",
        "_count",
        "_kept",
        "_told",
        "_swap",
        "bounds",
        "reach",
        "restored",
        "swapped",
    )

    def __init__(self, reach: QRectF, card: QRectF | None = None) -> None:
        """``reach``: a card's bounds around its position (the largest);
        ``card``: its usual bounds (default: ``reach``)."""
        self._cells: dict[tuple[int, int], set[str]] = {}
        self.bounds = CardBounds(reach if card is None else card)
        self.bounds.cells = lambda: self._cells
        self._serial: dict[str, int] = {}
        self._count = itertools.count()
        self.reach = reach
        #: What ``clear(keep=True)`` set aside: the cells, positions, extremes,
        #: serials and the last list ``serials`` made of them.
        self._kept: tuple[dict, dict, list[float] | None, dict[str, int], Sequence[int] | None] | None = None
        self._told: Sequence[int] | None = None  # the last answer of ``serials``
        #: How often :meth:`put_new` took back what was set aside (tests count it).
        self.restored = 0
        #: The cells the last filing of most cards anew (``put_many``) replaced, and every
        #: card's position they were filed by: the next such filing that puts every card back
        #: there (the undo of Auto Layout, its redo) takes them back. Dropped by any other change.
        self._swap: tuple[dict[tuple[int, int], set[str]], dict[str, tuple[float, float]]] | None = None
        #: How often ``put_many`` took such cells back (tests count it).
        self.swapped = 0

    def clear(self, keep: bool = False) -> None:
        """Empty the grid; ``keep``: every card went (the whole graph was
        deleted), its filing is kept aside for :meth:`put_new` of the same
        cards at the same places (the undo), not worked out again."""
        self._kept, told, self._told, self._swap = None, self._told, None, None
        if keep and self._serial:
            pos, box = self.bounds.set_aside()
            self._kept, self._cells = (self._cells, pos, box, self._serial, told), {}
            self._serial = {}
        else:
            self._cells.clear()
            self.bounds.clear()
            self._serial.clear()

    def serial(self, node_id: str) -> int:
        """When ``node_id`` was filed (larger: later), -1 if it is not."""
        return self._serial.get(node_id, -1)

    def serials(self, ids: list[str]) -> Sequence[int]:
        """:meth:`serial` of each of ``ids``, read when first asked (in one
        C loop; the whole graph's undo that takes the grid back whole never
        asks). The answer is remembered till the grid changes: ``put_new``
        of it, right after ``clear(keep=True)``, takes back the serials set
        aside whole."""
        self._told = _Serials(self._serial, ids)
        return self._told

    def put(self, node_id: str, x: float, y: float, serial: int | None = None) -> None:
        """File (or re-file) ``node_id`` at (x, y); ``serial``: when it was
        first filed, for a card put back (else now, if it is new)."""
        self._told = self._swap = None
        cell = (math.floor(x / CELL), math.floor(y / CELL))
        old = self.bounds.position(node_id)
        self.bounds.put(node_id, x, y)
        if old is not None:
            was = (math.floor(old[0] / CELL), math.floor(old[1] / CELL))
            if was == cell:
                return
            self._drop(node_id, was)
        else:
            self._serial[node_id] = next(self._count) if serial is None else serial
        self._cells.setdefault(cell, set()).add(node_id)

    def put_many(self, moves: Mapping[str, tuple[float, float]]) -> None:
        """:meth:`put` of many cards already filed (a batch move: id -> (x, y)), in one loop."""
        self._told = None
        where = self.bounds.positions()
        cells, floor = self._cells, math.floor
        back, self._swap = self._swap, None
        if 2 * len(moves) > len(where) and where.keys() >= moves.keys():
            # most cards: filed again from scratch, one cell each (no old cell to leave)
            before = where.copy()  # (in C)
            self.bounds.put_many(moves)
            if back is not None and back[1] == where:  # every card where the cells kept were filed
                self._cells, self._swap = back[0], (cells, before)
                self.swapped += 1
                return
            self._cells, self._swap = {}, (cells, before)
            cells = self._cells
            for n, (x, y) in where.items():
                cell = (floor(x / CELL), floor(y / CELL))
                found = cells.get(cell)
                if found is None:
                    found = cells[cell] = set()
                found.add(n)
            return
        for n, (x, y) in moves.items():
            cell = (floor(x / CELL), floor(y / CELL))
            old = where.get(n)
            if old is None:
                self._serial[n] = next(self._count)
            else:
                was = (floor(old[0] / CELL), floor(old[1] / CELL))
                if was == cell:
                    continue
                self._drop(n, was)
            found = cells.get(cell)
            if found is None:
                found = cells[cell] = set()
            found.add(n)
        self.bounds.put_many(moves)

    def put_all(self, where: dict[str, tuple]) -> None:
        """:meth:`put` of every card of a new graph into the empty grid
        (id -> (x, y, ...), in the order Qt stacks them), in one loop: no
        card has an old cell to leave (0.04 s less at 50,000 cards)."""
        assert not self._serial, "put_all files a new graph's cards into an empty grid"
        self._swap = None
        self._serial.update(zip(where, self._count))
        cells, floor = self._cells, math.floor
        pos: dict[str, tuple[float, float]] = {}
        for n, v in where.items():
            x, y = pos[n] = v[0], v[1]
            cell = (floor(x / CELL), floor(y / CELL))
            found = cells.get(cell)
            if found is None:
                found = cells[cell] = set()
            found.add(n)
        self.bounds.take_all(pos)

    def put_new(
        self, ids: list[str], xs: list[float], ys: list[float], serials: Sequence[int | None]
    ) -> bool:
        """:meth:`put` of many cards not filed yet (their ids, positions and
        serials or None, a whole graph put back), in one loop; the bounds
        found again when next asked. True if every card was where
        ``clear(keep=True)`` set it aside (its filing taken back)."""
        cells, floor, filed, count = self._cells, math.floor, self._serial, self._count
        kept, self._kept, self._swap = self._kept, None, None
        if kept is not None and not cells and not filed:
            was = kept[1]  # every card where it was when set aside (ids: distinct): filed as it was
            if len(was) == len(ids) and all(map(eq, map(was.get, ids), zip(xs, ys))):  # (no map made)
                self._take_back(kept, ids, serials)
                return True
        pos = dict(zip(ids, zip(xs, ys)))  # (in C: 50,000 cards put back)
        for n, x, y, serial in zip(ids, xs, ys, serials):
            filed[n] = next(count) if serial is None else serial
            cell = (floor(x / CELL), floor(y / CELL))
            found = cells.get(cell)
            if found is None:
                found = cells[cell] = set()
            found.add(n)
        self.bounds.put_many(pos)
        return False

    def put_kept(self, ids: list[str], serials: Sequence[int | None]) -> bool:
        """:meth:`put_new` of the cards ``clear(keep=True)`` set aside, each
        where it was then: the very graph put back (gui/canvas/whole_graph.py
        knows it), so no position is read or compared. False, nothing done,
        if the grid has none set aside for as many cards, or files any now."""
        kept = self._kept
        if kept is None or self._cells or self._serial or len(kept[1]) != len(ids):
            return False
        self._kept = self._swap = None
        self._take_back(kept, ids, serials)
        return True

    def _take_back(self, kept: tuple, ids: list[str], serials: Sequence[int | None]) -> None:
        """The filing ``clear(keep=True)`` set aside (``kept``) taken back
        for the cards ``ids`` (the same, each where it was), their serials
        those set aside if ``serials`` is the list ``serials`` made of them."""
        filed, count = self._serial, self._count
        if serials is kept[4] and len(kept[3]) == len(ids):  # (those set aside, of these ids)
            self._serial = kept[3]
        elif None in serials:
            filed.update((n, next(count) if s is None else s) for n, s in zip(ids, serials))
        else:  # each one filed before (the usual: every card parked)
            filed.update(zip(ids, serials))  # type: ignore[arg-type]  # (no None in them)
        self._cells = kept[0]
        self.bounds.put_back(kept[1], kept[2])
        self.restored += 1

    def file_rect(self, node_id: str, rect: QRectF, wide: set[str]) -> None:
        """The card ``node_id`` has the item rect ``rect`` now (a note under
        it); ``wide``: the cards reaching beyond the cells' reach (a long note)."""
        self.bounds.set_rect(node_id, rect)
        if self.reach.contains(rect):
            wide.discard(node_id)
        else:
            wide.add(node_id)

    def remove(self, node_id: str) -> None:
        self._told = self._swap = None
        old = self.bounds.position(node_id)
        self.bounds.remove(node_id)
        self._serial.pop(node_id, None)
        if old is not None:
            self._drop(node_id, (math.floor(old[0] / CELL), math.floor(old[1] / CELL)))

    def _drop(self, node_id: str, cell: tuple[int, int]) -> None:
        ids = self._cells[cell]
        ids.discard(node_id)
        if not ids:
            del self._cells[cell]

    def ids_near(self, region: QRectF) -> Iterator[str]:
        """The ids whose card may meet ``region`` (a superset: the caller
        tests each card's real bounds)."""
        r = self.reach
        # a card at p covers p + reach: p lies in region - reach
        x1 = math.floor((region.left() - r.right()) / CELL)
        x2 = math.floor((region.right() - r.left()) / CELL)
        y1 = math.floor((region.top() - r.bottom()) / CELL)
        y2 = math.floor((region.bottom() - r.top()) / CELL)
        cells = self._cells
        if (x2 - x1 + 1) * (y2 - y1 + 1) > len(cells):  # a huge region: walk the cells instead
            for (cx, cy), ids in cells.items():
                if x1 <= cx <= x2 and y1 <= cy <= y2:
                    yield from ids
            return
        for cx in range(x1, x2 + 1):
            for cy in range(y1, y2 + 1):
                found = cells.get((cx, cy))
                if found:
                    yield from found


class _Serials(Sequence[int]):
    """The serials of ``ids`` in the grid's ``table`` (-1 for none), read
    when first asked. The table is the grid's until ``clear(keep=True)``
    sets it aside whole, untouched while aside: the answer is the same read
    now or then."""

    __slots__ = ("_table", "_ids", "_list")

    def __init__(self, table: dict[str, int], ids: list[str]) -> None:
        self._table, self._ids = table, ids
        self._list: list[int] | None = None

    def _read(self) -> list[int]:
        if self._list is None:
            self._list = list(map(self._table.get, self._ids, itertools.repeat(-1)))
        return self._list

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._read())

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...
    def __getitem__(self, i: int | slice) -> int | list[int]:
        return self._read()[i]
