"""Which pending wires a region of the scene asks for: those whose filed box
meets it, of the size asked for (``keys_in``), less the forward wires whose
curve passes it by (``through_keys``), and their items made (``take_in``),
looked up cell by cell at each level, the coarse cells through their index
(gui/canvas/wires/big_cells.py) and the wires noted as moved one by one
(mixed into :class:`~gui.canvas.wires.lazy_wires.LazyWires`).

Kept apart from the map and its filing (lazy_wires.py), which put each wire
in its cell: this is the one family that reads the cells by region.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from gui.canvas.wires import curve_clip
from gui.canvas.wires.big_cells import narrow
from gui.canvas.wires.curve_bounds import PAD, Box
from gui.canvas.wires.wire_filing import LEVELS, Key, holds, noted_near

if TYPE_CHECKING:
    from gui.canvas.wires.cell_ghosts import Ghosts
    from gui.canvas.wires.wire_item import EdgeItem

#: Of some wires' keys, those whose curve may meet a box (left, top, right, bottom).
Meeting = Callable[[list[Key], Box], list[Key]]
Filed = curve_clip.Filed


class WireRegions:
    """``keys_in``, ``through_keys`` and ``take_in``, mixed into LazyWires
    (which sets these slots, and holds the rest of what they read)."""

    #: the region last taken in, noted_near's last answer, the filed wires looked at
    __slots__ = ("_done", "_made_in", "_scanned", "examined")

    if TYPE_CHECKING:
        _done: QRectF | None
        _made_in: tuple[QRectF, QRectF] | None
        ghosts: Ghosts
        _scanned: tuple[Box, dict[Key, Filed]] | None
        examined: int
        # LazyWires' own
        _pending: dict[Key, tuple[int, tuple[int, int]] | None]
        _cells: list[dict[tuple[int, int], dict[Key, Filed]]]
        _moved: dict[Key, tuple]
        wake: Callable[[], object] | None

        def _settle(self) -> None: ...
        def _make_now(self, keys: list[Key]) -> list[EdgeItem]: ...

    def keys_in(
        self, region: QRectF, long: tuple[float, float] | None = None, want_long: bool = False
    ) -> list[Key]:
        """The pending wires whose curve may meet ``region`` (their box does);
        given ``long`` (width, height), of those only the ones whose box is
        no wider and no taller (``want_long``: only the others)."""
        left, top, right, bottom = region.left(), region.top(), region.right(), region.bottom()
        out: list[Key] = []
        if long is None:
            for d in self._near(region, None, False):
                out += [
                    k
                    for k, (x1, y1, x2, y2, _run) in d.items()
                    if x1 <= right and x2 >= left and y1 <= bottom and y2 >= top
                ]
            return out
        bw, bh = long
        for d in self._near(region, long, want_long):
            out += [
                k
                for k, (x1, y1, x2, y2, _run) in d.items()
                if x1 <= right
                and x2 >= left
                and y1 <= bottom
                and y2 >= top
                and (x2 - x1 > bw or y2 - y1 > bh) is want_long
            ]
        return out

    def through_keys(self, region: QRectF, long: tuple[float, float]) -> list[Key]:
        """:meth:`keys_in` ``(region, long, want_long=True)`` less the forward
        wires whose curve passes by ``region`` as their filed box tells
        (``curve_clip.may_meet``: a wire across the graph has a box as big as
        the graph, its curve a thin S: a Backward step's view at 50,000 nodes
        met ~10,000 such boxes and ~300 of their curves)."""
        box = (region.left(), region.top(), region.right(), region.bottom())
        return curve_clip.may_meet(self._near(region, long, True), box, long, PAD)

    def _near(
        self, region: QRectF, long: tuple[float, float] | None, want_long: bool
    ) -> list[dict[Key, Filed]]:
        """The filed wires of the cells where a box meeting ``region`` is
        filed (of the levels where one of the size asked for is: keys_in)."""
        if not self._pending:
            return []
        self._settle()
        left, top, right, bottom = region.left(), region.top(), region.right(), region.bottom()
        bw, bh = long if long is not None else (math.inf, math.inf)
        out: list[dict[Key, Filed]] = []
        above = 0.0  # a box filed at a level is bigger than the level before's cells
        for c, cells in zip(LEVELS, self._cells):
            above, bigger_than = c, above
            if not cells:
                continue
            if long is not None and (c <= min(bw, bh) if want_long else bigger_than >= max(bw, bh)):
                continue  # no box of the size asked for is filed here
            # a box no bigger than c starts at most c before the region's edges
            cx1, cx2 = math.floor((left - c) / c), math.floor(right / c)
            cy1, cy2 = math.floor((top - c) / c), math.floor(bottom / c)
            if (cx2 - cx1 + 1) * (cy2 - cy1 + 1) > len(cells):
                out += [d for (cx, cy), d in cells.items() if cx1 <= cx <= cx2 and cy1 <= cy <= cy2]
            else:
                out += [
                    d
                    for cx in range(cx1, cx2 + 1)
                    for cy in range(cy1, cy2 + 1)
                    if (d := cells.get((cx, cy))) is not None
                ]
        out, looked, stale = narrow(out, (left, top, right, bottom))  # the long wires by their index
        self.examined += looked
        if stale and self.wake is not None:  # indexed when idle
            self.wake()
        if moved := self._moved:  # many noted, not filed yet (some in a cell where they ran): a look at each
            out = [{k: v for k, v in d.items() if k not in moved} for d in out]
            out.append(self._noted_near((left, top, right, bottom)))
        return out

    def _noted_near(self, box: Box) -> dict[Key, Filed]:
        """Some noted wires, those whose box meets ``box`` among them: of a box
        three quarters as big again each side (a banner's margin, a step's nudge: the last answer
        holds; and the first paint's half a view around a view revealed bare, as a switch to near
        reveals it, nudged by the banner: Backward's start at 60 %)."""
        moved, last = self._moved, self._scanned
        if last is not None and holds(last[0], box):
            return {k: v for k, v in last[1].items() if k in moved}
        dx, dy = (box[2] - box[0]) * 0.75, (box[3] - box[1]) * 0.75
        wide = (box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy)
        self._scanned = (wide, noted_near(moved, wide))
        return self._scanned[1]

    def take_in(
        self,
        region: QRectF,
        meeting: Meeting | None = None,
        long: tuple[float, float] | None = None,
        ink: Callable[[list[Key]], list[Key]] | None = None,
    ) -> list[EdgeItem]:
        """Make the items of the pending wires that may meet ``region``:
        those whose box does, or of those, the keys ``meeting(keys, box)``
        keeps (whose curve may: gui/canvas/wires/wire_reach.py); given ``long``,
        only those whose box is no bigger (the longer ones are drawn without
        items: gui/canvas/wires/through_wires.py). Given ``ink`` (zoomed out,
        the cells drawing plain wires: cell_ghosts.py), of those not drawn by a
        cell yet, ``ink(keys)`` files as ghosts those it can and returns the rest,
        whose items are made; without it, a ghost there gets its item too."""
        done, ghosts = self._done, self.ghosts.at
        if done is not None and done.contains(region):  # a repaint of a view inside it
            if ink is not None or not ghosts:
                return []  # (each wire there that may be seen has an item, or is a ghost)
            made_in = self._made_in  # (valid while ``_done`` is the region it was found in)
            if made_in is not None and made_in[1] is done and made_in[0].contains(region):
                return []
            # items wanted where the cells drew ghosts (zoomed in, a click): theirs, not the long
            # wires' whose box holds the region (the through layer's: a click made 300 at 1,500 nodes)
            keys = [k for k in self.keys_in(region, long) if k in ghosts]
            if keys and meeting is not None:
                keys = meeting(keys, (region.left(), region.top(), region.right(), region.bottom()))
            if long is not None:  # (a view's reveal: not looked at again while it stays)
                self._made_in = (QRectF(region), done)
            return self._make_now(keys) if keys else []
        keys = self.keys_in(region, long)
        if keys and ink is not None and ghosts:
            keys = [k for k in keys if k not in ghosts]
        if keys and meeting is not None:
            keys = meeting(keys, (region.left(), region.top(), region.right(), region.bottom()))
        self._done = QRectF(region)
        self._made_in = None if ink is not None else (self._done, self._done)
        if keys and ink is not None:
            keys = ink(keys)
        return self._make_now(keys) if keys else []
