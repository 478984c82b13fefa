"""Wires filed by where they run, so a repaint visits only the wires near it.

Qt paints a container item by visiting every one of its children, and with
every wire of a level in one box (gui/canvas/zoom_detail.py) each repaint at
readable zoom, however small, visited all of them (70,000 at 50,000 nodes:
a floor under every drag frame). So a :class:`WireBox`
files each wire in a :class:`WireCell`, a child of the box with a fixed
rect and ``ItemContainsChildrenInShape``: Qt skips a cell whose rect misses
the exposed region, and all the wires in it (the same when it looks for the
items under a point).

A wire goes into the cell of the level whose size is at least its curve's
box (``curve_bounds.curve_box``: the control points' hull, padded for the
pen), at the cell holding the box's top-left corner; a cell's rect is twice
its size (plus ``PAD``), so it holds every box filed in it. Short wires go
into small cells, long ones into the few big ones. The cell is found from
the wire's ends, not its curve (a hidden wire makes its curve when shown),
and a wire whose ends move is filed again (``follow``, from
``EdgeItem.set_ends``). A wire bigger than the biggest level stays in the
box itself, which Qt always visits. Cells stay in their box (folding hides
the box, and a group's cells with it); one left empty costs a rect test. A
cell draws nothing, but its rect reaches past its wires: a picture of the
graph leaves the cells out of its bounds (gui/canvas/image_export.py).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from gui.canvas.wires import cell_ghosts, cell_ink
from gui.canvas.wires.curve_bounds import PAD as CURVE_PAD

Cell = tuple[int, int, int]  # level, column, row
#: Cell sizes (scene units): a wire goes into the first at least as big as its box.
#: Each twice the last, so a cell's rect is at most four times the box of a wire in it.
LEVELS = tuple(2048.0 * 2**k for k in range(11))  # up to 2**21 (a longer wire: no cell, filed at the top)
_C0, _PAD = LEVELS[0], CURVE_PAD
#: Slack around a cell's rect beyond the boxes it holds (a wide pen, Qt's rounding).
PAD = 64.0


def cell_of(x1: float, y1: float, x2: float, y2: float) -> Cell | None:
    """The cell of the wire from (x1, y1) to (x2, y2); None: bigger than any."""
    # curve_box, inlined: every wire of a batch move asks
    w = x2 - x1 if x2 > x1 else x1 - x2
    dx = w * 0.5 if w > 80.0 else 40.0
    a, b = x2 - dx, x1 + dx
    left = x1 if x1 < a else a
    right = b if b > x2 else x2
    top, h = (y1, y2 - y1) if y1 < y2 else (y2, y1 - y2)
    size = (right - left if right - left > h else h) + 2 * _PAD
    if size <= _C0:
        level = 0
    else:  # the first level at least as big: 2**level >= size / C0
        m, level = math.frexp(size / _C0)
        if m == 0.5:
            level -= 1
        if level >= len(LEVELS):
            return None
    c = LEVELS[level]
    return level, math.floor((left - _PAD) / c), math.floor((top - _PAD) / c)


def cell_rect(cell: Cell) -> QRectF:
    """The rect of ``cell``: every box filed in it lies inside."""
    level, cx, cy = cell
    c = LEVELS[level]
    return QRectF(cx * c - PAD, cy * c - PAD, 2 * c + 2 * PAD, 2 * c + 2 * PAD)


class WireCell(QGraphicsRectItem):
    """Holds the wires of one cell of a :class:`WireBox`; takes no clicks. Draws
    nothing, but in a crowded view zoomed out its plain wires (cell_ink.py)."""

    def __init__(self, box: WireBox, cell: Cell) -> None:
        super().__init__(cell_rect(cell), box)
        self.box, self.cell = box, cell
        self.ink: cell_ink.Ink | None = None
        #: Wires without items it draws in that regime (cell_ghosts.py), and what they were drawn for.
        self.ghosts: list[cell_ghosts.GhostPart] = []
        self.ghost_repaints = 0  # ghosts gone since the last paint, each repainting its place
        self.ghosts_for: tuple[int, object] | None = None
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        cell_ink.paint(self, painter)


class WireBox(QGraphicsItem):
    """Holds wires, each in the cell where it runs; draws nothing (far out
    the scene hides it: gui/canvas/zoom_detail.py)."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self._cells: dict[Cell, WireCell] = {}
        self._big: set[QGraphicsItem] = set()  # wires held by the box itself (some may have left)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass

    def hold(self, e) -> None:
        """Put the wire item ``e`` (an EdgeItem) into the cell where it runs.

        Where it was last drawn is repainted first: Qt clips the repaints of
        a cell's wires to the cell's rect, and works out a moved wire's old
        place only once it is in its new cell, so the part of the old curve
        outside the new cell stayed on screen (trial 52: undo of Auto Layout
        left wires that belong to no card)."""
        cell = cell_of(*e.ends_xy())
        if e.isVisible() and (sc := e.scene()) is not None:
            was = e.drawn_at
            sc.update(was if was is not None else e.sceneBoundingRect())
        if cell is None:
            e.setParentItem(self)  # Qt does nothing if it is there already
            self._big.add(e)
            return
        found = self._cells.get(cell)
        if found is None:
            found = self._cells[cell] = WireCell(self, cell)
        e.setParentItem(found)

    def cell_at(self, x1: float, y1: float, x2: float, y2: float) -> WireCell | None:
        """The cell a wire from (x1, y1) to (x2, y2) runs in (made if none
        yet; None: bigger than any, held by the box itself)."""
        cell = cell_of(x1, y1, x2, y2)
        if cell is None:
            return None
        found = self._cells.get(cell)
        if found is None:
            found = self._cells[cell] = WireCell(self, cell)
        return found

    def wires_near(self, area: QRectF) -> list[QGraphicsItem]:
        """The wires of the cells whose rect meets ``area`` and those the box
        holds itself (a superset of the wires that meet it), found by the
        cells' places, not by visiting every wire."""
        out = [e for e in self._big if e.parentItem() is self]
        cells = self._cells
        left, top = area.left() - PAD, area.top() - PAD
        right, bottom = area.right() + PAD, area.bottom() + PAD
        for level, c in enumerate(LEVELS):
            # a cell's rect runs from its corner to two cells on
            xs = range(math.floor(left / c) - 2, math.floor(right / c) + 1)
            ys = range(math.floor(top / c) - 2, math.floor(bottom / c) + 1)
            if len(xs) * len(ys) > len(cells):  # a big area: test the cells there are
                out += [
                    e
                    for (lv, cx, cy), cell in cells.items()
                    if lv == level and cx in xs and cy in ys
                    for e in cell.childItems()
                ]
                continue
            for cx in xs:
                for cy in ys:
                    cell = cells.get((level, cx, cy))
                    if cell is not None:
                        out += cell.childItems()
        return out

    def cells(self) -> list[WireCell]:
        """The cells made so far (tests)."""
        return list(self._cells.values())


def holder(e) -> QGraphicsItem | None:
    """The item holding the wire item ``e``: its box when it is in a cell."""
    p = e.parentItem()
    return p.box if isinstance(p, WireCell) else p


def follow(e) -> None:
    """The wire item ``e`` got new ends: into the cell where it runs now,
    if it is filed in one (a wire lifted out of its box stays put)."""
    p = e.parentItem()
    if type(p) is WireCell:
        if cell_of(*e.ends_xy()) != p.cell:
            p.box.hold(e)
    elif isinstance(p, WireBox) and e.source:  # too big for a cell before (a spare has no source)
        p.hold(e)
