"""Wires without items drawn by their cell, zoomed out on a crowded view.

In the regime where a cell draws its plain wires in one stroke a pen
(cell_ink.py), a wire item only stood for a curve the cell drew anyway, and
made one by one as a view came in (a spare or a new item, its curve, its box
and cell: ~23 µs a wire, the folded 10,720-node MLP fitted showed 9,500) they
were most of Insert MLP, Collapse All and the undo of a delete. So there a
wire nobody asked for stays pending (gui/canvas/wires/lazy_wires.py) and the
view's reveal files it here instead, as a *ghost* of the cell its item would
be in (the box of its group, the cell where it runs: the same place in the
picture, the same strokes): its ends and what it carries, nothing else.

A ghost goes (its place repainted) whenever its wire's filing changes (moved,
removed, noted, given an item: ``LazyWires``), what it carries turns, or the
groups' boxes change; the next reveal files it again where it runs. A wire
that must be an item (clicked, hovered, lit, dragged, outside the regime)
gets one as before: the map makes it and its ghost goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from gui.canvas.painting import wire_cubic_at
from gui.canvas.wires.curve_bounds import curve_box
from gui.canvas.wires.wire_paint import LINK_STUB

Key = tuple[str, str, int]
#: A ghost: its ends and what it carries ("ok" or "nonfinite").
Drawn = tuple[float, float, float, float, str]
#: Ghosts in a part: one that goes has its part's strokes worked out again, not its cell's.
PART = 256
#: Ghosts of a cell gone between two paints, each repainting its own place; past it the whole cell.
REPAINTS = 16


class Cell(Protocol):
    """What ghosts ask of their cell (wire_cells.WireCell)."""

    ghosts: list[GhostPart]
    ghost_repaints: int

    def update(self, rect: QRectF = ...) -> None: ...

    def isVisible(self) -> bool: ...


class GhostPart:
    """Up to ``PART`` ghosts of a cell and their strokes (a path per pen)."""

    __slots__ = ("cell", "wires", "paths", "dirty", "count")

    def __init__(self, cell: Cell) -> None:
        self.cell = cell
        self.wires: dict[Key, Drawn] = {}
        self.paths: dict[tuple[bool, str], QPainterPath] = {}
        self.dirty = True
        self.count = 0


class Ghosts:
    """Which cell part draws each wire without an item."""

    __slots__ = ("at",)

    def __init__(self) -> None:
        self.at: dict[Key, GhostPart] = {}

    def __len__(self) -> int:
        return len(self.at)

    def __contains__(self, key: object) -> bool:
        return key in self.at

    def add(self, cell: Cell, key: Key, x1: float, y1: float, x2: float, y2: float, carries: str) -> None:
        """``key``, drawn by no cell yet, is drawn by ``cell`` from (x1, y1) to (x2, y2) (its next paint)."""
        parts = cell.ghosts
        part = parts[-1] if parts and len(parts[-1].wires) < PART else None
        if part is None:
            part = GhostPart(cell)
            parts.append(part)
            cell.update()  # (a part's first strokes: the cell repainted once)
        part.wires[key] = (x1, y1, x2, y2, carries)
        part.dirty = True
        self.at[key] = part

    def drop(self, key: Key) -> None:
        """``key`` is no ghost any more (its place repainted)."""
        part = self.at.pop(key, None)
        if part is not None:
            _gone(part, part.wires.pop(key))

    def drop_many(self, keys: Iterable[Key]) -> None:
        at = self.at
        if not at:
            return
        if isinstance(keys, (dict, set, frozenset, list)) and len(keys) > 64:  # (a fold's 30,000: one C pass)
            keys = at.keys() & keys
            if len(keys) == len(at):
                self.clear()
                return
        if at:
            for key in keys:
                part = at.pop(key, None)
                if part is not None:
                    _gone(part, part.wires.pop(key))

    def drop_from(self, sources: Iterable[str]) -> None:
        """Every ghost of a wire out of ``sources``."""
        if self.at:
            some = set(sources)
            self.drop_many([k for k in self.at if k[0] in some])

    def clear(self) -> None:
        """No ghost any more (a new document, the groups' boxes changed)."""
        cells = {id(p.cell): p.cell for p in self.at.values()}
        self.at = {}
        for cell in cells.values():
            cell.ghosts = []
            try:
                cell.update()
            except RuntimeError:  # (its group's box went with it: nothing left to repaint)
                pass

    def standins(self) -> list[Any]:
        """Each ghost as the little of a wire item that plans of room read
        (``isVisible``, ``source``, ``target``, ``ends_xy``: gui/groups/wire_lanes.py)."""
        return [_Standin(k, p) for k, p in self.at.items()]


class _Standin:
    __slots__ = ("source", "target", "_part", "_key")

    def __init__(self, key: Key, part: GhostPart) -> None:
        self.source, self.target = key[0], key[1]
        self._key, self._part = key, part

    def isVisible(self) -> bool:
        return self._part.cell.isVisible()

    def ends_xy(self) -> tuple[float, float, float, float]:
        return self._part.wires[self._key][:4]


def _gone(part: GhostPart, d: Drawn) -> None:
    part.dirty = True
    cell = part.cell
    if cell.ghost_repaints > REPAINTS:
        return
    cell.ghost_repaints += 1
    if cell.ghost_repaints > REPAINTS:
        cell.update()
    else:
        left, top, right, bottom = curve_box(d[0], d[1], d[2], d[3])
        cell.update(QRectF(left, top, right - left, bottom - top))


def redo(part: GhostPart, links: Any, batched: Any) -> None:
    """The strokes of ``part``'s ghosts as their items' would be (cell_ink._redo):
    a curve, or a linked copy's stub; those the through layer draws left out."""
    paths: dict[tuple[bool, str], QPainterPath] = {}
    count = 0
    for key, (x1, y1, x2, y2, carries) in part.wires.items():
        if key in batched:
            continue
        linked = links is not None and links.is_linked(key)
        where = (linked, carries)
        path = paths.get(where)
        if path is None:
            path = paths[where] = QPainterPath()
        if linked:  # EdgeItem.stub
            path.moveTo(x2 - LINK_STUB, y2)
            path.lineTo(x2, y2)
        else:  # painting.wire_curve_at
            c = wire_cubic_at(x1, y1, x2, y2)
            path.moveTo(x1, y1)
            path.cubicTo(c[2], c[3], c[4], c[5], x2, y2)
        count += 1
    part.paths, part.count, part.dirty = paths, count, False
