"""A crowded view's thin wires, drawn by their cell in one stroke a pen.

Zoomed out on a big graph (the folded 10,720-node MLP fitted shows 9,500
wires), Qt called each wire item's Python paint every frame, ~15 µs a wire
(most of a 130 ms repaint), for curves that all look alike: below
``LOD_THIN_WIRE`` a plain wire is a 1 px hairline (wire_item.py). In that
regime, in a crowded view (``wire_paint.CROWDED_WIRES``), each
:class:`~gui.canvas.wires.wire_cells.WireCell` draws its plain wires itself
from one path per pen (an :class:`Ink`), kept until one of them changes, and
flags them ``ItemHasNoContents`` so Qt skips their paint; Qt's ``items()``
still finds them, so a click still picks a wire.

Qt paints a cell before its children, so the cell sets those flags in its own
paint: a wire selected, lit, weighted, dashed (no value yet) or hidden since
goes back to its own paint in the same frame, and so does every wire of a
cell painted outside the regime (zoomed in, an image rendered). A wire that
paints itself where its cell could draw it (shown, come in or plain again
since) offers itself and is taken in at the cell's next paint. A wire drawn
by its cell tells it when its curve, pen, visibility or parent changes
(``EdgeItem._ink_changed``): only the strokes of its part (``PART`` wires)
are worked out again, and as Qt repaints no item without contents, the cell
repaints where the wire was and is. For the same reason a cell that flags
wires anew repaints itself once after: a wire made while the view painted
had its own repaint pending, which Qt drops once the wire has no contents.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath

from gui.canvas.wires import cell_ghosts, wire_paint
from gui.canvas.wires.wire_pens import pens
from gui.common import style as S


class EdgeItem(Protocol):
    """What a cell asks of its wires (gui/canvas/wires/wire_item.py's EdgeItem)."""

    ink_part: Part | None

    @property
    def key(self) -> tuple[str, str, int]: ...

    @property
    def carries(self) -> str: ...

    def inkable(self) -> bool: ...

    def set_inked(self, part: Part | None) -> None: ...

    def stub(self) -> QPainterPath: ...

    def path(self) -> QPainterPath: ...

    def parentItem(self) -> Any: ...

    def boundingRect(self) -> QRectF: ...


class WireCell(Protocol):
    """The cell that draws (gui/canvas/wires/wire_cells.py's WireCell)."""

    ink: Ink | None
    ghosts: list[cell_ghosts.GhostPart]
    ghost_repaints: int
    ghosts_for: tuple[int, object] | None

    def childItems(self) -> list[Any]: ...

    def update(self, rect: QRectF = ...) -> None: ...


#: Wires in a part: a wire that changes has its part's strokes worked out again, not
#: its cell's (the folded MLP's 9,500 wires fill one cell: a Backward step lit one of them).
PART = 256
#: Wires of a cell that changed between two paints, each repainting its own
#: place; past it the whole cell is repainted once (a delete re-routing
#: thousands asked Qt for 9,500 rects: a quarter of a second).
REPAINTS = 16
#: The order the strokes are drawn in: a wire carrying inf or nan over the grey ones
#: it crosses (their own paints went in the wires' order), a linked copy's stub with
#: its pen (not a hairline: ``EdgeItem.paint``'s).
_ORDER = ((False, "ok"), (True, "ok"), (False, "nonfinite"), (True, "nonfinite"))


class Part:
    """Up to ``PART`` plain wires of a cell and their strokes (a path per pen)."""

    __slots__ = ("wires", "paths", "dirty", "count")

    def __init__(self) -> None:
        self.wires: list[EdgeItem] = []  # the wires it draws (flagged without contents)
        self.paths: dict[tuple[bool, str], QPainterPath] = {}  # (linked, carries) -> their curves
        self.dirty = True  # one of them changed: worked out again at the next paint
        self.count = 0  # curves and stubs drawn


class Ink:
    """What a cell draws for its plain wires, and what it was worked out for."""

    __slots__ = ("parts", "offered", "links", "batched", "repaints")

    def __init__(self, links: int, batched: object) -> None:
        self.parts: list[Part] = []
        self.repaints = 0  # wires that asked for a repaint of their place since the last paint
        self.offered: list[EdgeItem] = []  # wires that may be drawn here now (shown, plain, come in)
        self.links = links  # the linked copies' version it was worked out at
        self.batched = batched  # the through layer's keys then (through_wires.py: that layer draws them)


def inking(p: wire_paint.PaintPass) -> bool:
    """True while a view paints whose plain wires are drawn by their cells."""
    z = p.zoom
    return z is not None and p.through and z < S.LOD_THIN_WIRE


def paint(cell: WireCell, painter: QPainter) -> None:
    """The cell's part of a paint: its plain wires in one stroke a pen, or
    (outside the regime) nothing, its wires handed back to their own paint."""
    p = wire_paint.PASS
    ink = cell.ink
    if not inking(p):
        if ink is not None:
            release(cell)
        return
    links = p.links.version if p.links is not None else -1
    fresh = ink is None or ink.links != links or ink.batched is not p.batched
    if ink is None or fresh:  # (the wires it drew keep their flag: no flag set twice)
        ink = cell.ink = _whole(cell, p, links)
    elif ink.offered:
        _take_in(cell, ink)
    ink.repaints = 0
    for part in ink.parts:
        if part.dirty:
            _redo(part, cell, p, fresh)
    ghosts = _ghosts(cell, p, links) if cell.ghosts else []
    count = 0
    for where in _ORDER:
        pen = (pens().plain if where[1] == "ok" else pens().bad) if where[0] else pens().thin[where[1]]
        painter.setPen(pen)
        for part in ink.parts:
            path = part.paths.get(where)
            if path is not None:
                painter.drawPath(path)
        for g in ghosts:
            path = g.paths.get(where)
            if path is not None:
                painter.drawPath(path)
    for part in ink.parts:
        count += part.count
    for g in ghosts:
        count += g.count
    p.thin += count


def _ghosts(cell: WireCell, p: wire_paint.PaintPass, links: int) -> list[cell_ghosts.GhostPart]:
    """The cell's ghosts (wires without items: cell_ghosts.py), their strokes
    worked out again where one went or what they depend on changed."""
    cell.ghost_repaints = 0
    was = cell.ghosts_for
    again = was is None or was[0] != links or was[1] is not p.batched
    cell.ghosts_for = (links, p.batched)
    kept = []
    for g in cell.ghosts:
        if g.wires:
            if again or g.dirty:
                cell_ghosts.redo(g, p.links, p.batched)
            kept.append(g)
    cell.ghosts = kept
    return kept


def release(cell: WireCell) -> None:
    """Every wire of the cell paints itself again."""
    ink, cell.ink = cell.ink, None
    if ink is not None:
        for part in ink.parts:
            for e in part.wires:
                if e.ink_part is part:
                    e.set_inked(None)


def _whole(cell: WireCell, p: wire_paint.PaintPass, version: int) -> Ink:
    """The cell's plain wires, in parts; the cell is repainted whole once after
    (a wire made during this paint, its repaint still pending, is skipped by Qt
    once flagged without contents: outside the part repainted now it was never
    drawn, and the undo of deleting the folded MLP left most wires undrawn)."""
    ink = Ink(version, p.batched)
    part = Part()
    for e in cast("list[EdgeItem]", cell.childItems()):  # (a cell holds wires only)
        if e.inkable():
            if len(part.wires) == PART:
                ink.parts.append(part)
                part = Part()
            part.wires.append(e)
            e.set_inked(part)
        elif e.ink_part is not None:  # (drawn by the cell's last strokes, not plain or shown now)
            e.set_inked(None)
    if part.wires:
        ink.parts.append(part)
        cell.update()
    return ink


def _take_in(cell: WireCell, ink: Ink) -> None:
    """The wires offered since, that are the cell's, plain and not drawn yet, into its last parts."""
    offered, ink.offered = ink.offered, []
    part = ink.parts[-1] if ink.parts else None
    for e in offered:
        if e.ink_part is None and e.parentItem() is cell and e.inkable():
            if part is None or len(part.wires) >= PART:
                part = Part()
                ink.parts.append(part)
            part.wires.append(e)
            part.dirty = True
            e.set_inked(part)
            repaint(cell, e)  # (where it is, whatever part of it was repainted now: as in _whole)


def _redo(part: Part, cell: WireCell, p: wire_paint.PaintPass, fresh: bool = False) -> None:
    """The strokes of a part again, from those of its wires still plain and in the
    cell (``fresh``: all of them, just found so)."""
    links, batched = p.links, p.batched
    paths: dict[tuple[bool, str], QPainterPath] = {}
    kept: list[EdgeItem] = []
    count = 0
    for e in part.wires:
        if fresh:
            pass
        elif e.ink_part is not part:
            continue  # (gone: into another cell, or handed back)
        elif e.parentItem() is not cell or not e.inkable():
            e.set_inked(None)
            continue
        kept.append(e)
        key = e.key
        if key in batched:  # the through layer draws it
            continue
        linked = links is not None and links.is_linked(key)
        where = (linked, e.carries)
        path = paths.get(where)
        if path is None:
            path = paths[where] = QPainterPath()
        path.addPath(e.stub() if linked else e.path())
        count += 1
    part.wires, part.paths, part.count, part.dirty = kept, paths, count, False


def repaint(cell: WireCell, e: EdgeItem) -> None:
    """``e``, drawn by ``cell``, changes: its place is repainted (Qt repaints
    no item without contents), or past ``REPAINTS`` of them, the cell's."""
    ink = cell.ink
    if ink is None or ink.repaints > REPAINTS:
        return
    ink.repaints += 1
    if ink.repaints > REPAINTS:
        cell.update()
    else:
        cell.update(e.boundingRect())


def offer(cell: WireCell, e: EdgeItem) -> None:
    """``e`` painted itself in ``cell`` (come in, shown or plain again since its
    cell's ink was worked out): taken in at the cell's next paint."""
    if cell.ink is not None:
        cell.ink.offered.append(e)
