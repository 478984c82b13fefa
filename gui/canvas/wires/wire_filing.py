"""How gui/canvas/wires/lazy_wires.py files a wire without an item: its curve's
box and the cell of the level it goes in, many at a time in one loop; and,
for wires noted as moved but not filed yet, which of them a region may
meet, found by one look at each (no box filed, nothing kept).

A fold or an Auto Layout far out notes up to 70,000 moved wires; filing
them all took ~0.3 s at 50,000 nodes, paid by the first view that zoomed
in (Backward's start). The first view only needs the few that cross it:
:func:`noted_near` finds those (~10 ms), and the rest are filed when idle.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QLineF

from core.graph.every_wire import EveryWire
from gui.canvas.wires import curve_clip
from gui.canvas.wires.big_cells import new_cell
from gui.canvas.wires.curve_bounds import PAD, Box

Key = tuple[str, str, int]
_TARGET = itemgetter(1)
#: Cell sizes (scene units) of the levels a wire is filed in: the first
#: whose cell is at least as big as the wire's box (a wire across the whole
#: graph goes into the coarsest).
LEVELS = (1024.0, 8192.0, 65536.0, 2.0**40)


@dataclass(slots=True)
class Later:
    """A new graph's wires to file (LazyWires.file_later): ``keys`` in the
    model's order, from ``at`` on; ``filer(keys, pending, cells)`` files
    those ``keys`` (pending, in no cell) as :meth:`LazyWires.refile_many`
    would, from where the build found their cards."""

    keys: list[Key]
    filer: Callable[[list[Key], dict, list], None]
    at: int = 0


def file_ends(
    ends: Iterable[tuple[Key, float, float, float, float]],
    pending: dict,
    made: dict,
    levels: list[dict],
    moved: dict,
) -> None:
    """File each (key, x1, y1, x2, y2) where it runs (out of its old cell,
    its item given up, its note dropped): ``LazyWires.refile_many``'s loop."""
    floor = math.floor
    c0, c1, c2 = LEVELS[0], LEVELS[1], LEVELS[2]
    forward = curve_clip.FORWARD
    for key, x1, y1, x2, y2 in ends:
        if moved:
            moved.pop(key, None)  # filed now
        at = pending.get(key)
        if at is not None:  # _unfile, inlined
            was = levels[at[0]]
            old = was[at[1]]
            del old[key]
            if not old:
                del was[at[1]]
        else:
            made.pop(key, None)
        w = x2 - x1 if x2 > x1 else x1 - x2  # curve_box(...), inlined
        dx = w * 0.5 if w > 80.0 else 40.0
        a, b = x2 - dx, x1 + dx
        left = (x1 if x1 < a else a) - PAD
        right = (b if b > x2 else x2) + PAD
        top, bottom = (y1 - PAD, y2 + PAD) if y1 < y2 else (y2 - PAD, y1 + PAD)
        size = max(right - left, bottom - top)
        level = 0 if size <= c0 else 1 if size <= c1 else 2 if size <= c2 else 3
        c = LEVELS[level]
        cell = (floor(left / c), floor(top / c))
        cells = levels[level]
        found = cells.get(cell)
        if found is None:
            found = cells[cell] = new_cell(level)
        # curve_clip.run_of, inlined
        found[key] = (left, top, right, bottom, (1 if y2 >= y1 else -1) if x2 - x1 >= forward else 0)
        pending[key] = (level, cell)


def ends4(noted: Any) -> tuple:
    """A noted wire's (x1, y1, x2, y2): its tuple's last four, or its line's
    ends (the overview's lines Expand All puts back are noted as they are:
    read when filed, not at the opening)."""
    return noted.toTuple() if isinstance(noted, QLineF) else noted[-4:]


def noted_near(moved: dict[Key, tuple], box: Box) -> dict[Key, curve_clip.Filed]:
    """Of the noted wires ``moved`` (key -> a tuple ending in x1, y1, x2,
    y2), those whose box (as :func:`file_ends` would file it) meets ``box``,
    each with that box and run: what their cells would give for ``box``."""
    left, top, right, bottom = box
    t0, b0 = top - PAD, bottom + PAD
    forward = curve_clip.FORWARD
    out: dict[Key, curve_clip.Filed] = {}
    for key, noted in moved.items():
        t = ends4(noted)
        y1 = t[-3]
        y2 = t[-1]
        if (y1 > b0 and y2 > b0) or (y1 < t0 and y2 < t0):
            continue
        x1 = t[-4]
        x2 = t[-2]
        w = x2 - x1 if x2 > x1 else x1 - x2
        dx = w * 0.5 if w > 80.0 else 40.0
        a, b = x2 - dx, x1 + dx
        lo = (x1 if x1 < a else a) - PAD
        hi = (b if b > x2 else x2) + PAD
        if lo > right or hi < left:
            continue
        up, down = (y1 - PAD, y2 + PAD) if y1 < y2 else (y2 - PAD, y1 + PAD)
        out[key] = (lo, up, hi, down, (1 if y2 >= y1 else -1) if x2 - x1 >= forward else 0)
    return out


def holds(outer: Box, inner: Box) -> bool:
    """Does ``outer`` hold ``inner`` (both left, top, right, bottom)?"""
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def in_order(few: list[Key], keys: Sequence[Key]) -> list[Key]:
    """Those of ``keys`` that are among ``few`` (a handful), in the order of
    ``keys``: each key asked for by its target first (a string: its hash is
    kept), not hashed whole (a pass over 68,000 keys, ~3x the time); of
    every wire of a graph put back (an EveryWire), found in its table, not listed."""
    if not few:
        return []
    if isinstance(keys, EveryWire):
        return keys.order_of(few)
    targets, some = {t for _, t, _ in few}, set(few)
    return [k for k in compress(keys, map(targets.__contains__, map(_TARGET, keys))) if k in some]
