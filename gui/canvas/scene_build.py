"""Every card and wire of a model, made in one go (a new or opened document).

Opening a 50,000-node file makes 50,000 cards and some 70,000 wires. Made
one by one through the per-edit handlers, each card and wire would ask the
model through its checked accessors, map its ports through Qt and tell the
overview and the groups. Here positions come straight from the model's
attributes, a wire's ends from its cards' positions (cards are top-level
items without a transform: scene point = position + port offset), each
source's colour once, and nothing is told per item: the overview is rebuilt
once, and the groups attach after (so no wire is folded yet).

The items are made for the zoom the view is about to show (``far``): far
out, a card is added without contents, so it costs nothing in Qt's first
paint, and no pass switches them all afterwards; and a big graph's wire
gets no item at all (the overview draws its line): it is filed as pending
(gui/canvas/wires/lazy_wires.py) and made by ``wire_items`` when it comes into
view or is asked for. Otherwise every wire is made, into the box the
scene hides far out (gui/canvas/zoom_detail.py).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsScene

from core.autograd import ops
from core.autograd.engine import gc_paused
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.overview.block_colors import TOP
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.painting import BOUNDS, CARD_RECT, OUT_Y, PORT_YS, W2, wire_curve
from gui.canvas.wires import curve_clip
from gui.canvas.wires.big_cells import new_cell
from gui.canvas.wires.curve_bounds import PAD
from gui.canvas.wires.lazy_wires import LEVELS, LazyWires
from gui.canvas.wires.wire_cells import WireBox
from gui.canvas.wires.wire_filing import Later

if TYPE_CHECKING:
    from core.graph.model import GraphModel
    from gui.canvas.cards.card_grid import CardGrid


#: From this many wires, a graph built far out makes its wire items as they are needed.
LAZY_FROM = 1000
#: A far build's pending wires (and overview lines) are filed this many at a
#: time when the app is idle (~3 ms a slice, as the noted wires' slices:
#: lazy_wires.NOTED_SLICE): a zoom in soon after opening finds most filed,
#: and a step or a scroll made meanwhile shares its turn with one short
#: slice (4,000 a slice added ~12 ms to each Backward step of a graph
#: just opened at 50,000 nodes).
IDLE_SLICE = 1000


def extent(model: GraphModel) -> QRectF | None:
    """The scene rect the model's cards will cover (what Fit shows, folded
    groups aside), from the positions alone; None for an empty model."""
    attrs = [a for _, a in model.graph.nodes(data=True)]  # the attribute dicts, not a lookup each
    if not attrs:
        return None
    xs = [a.get("x", 0.0) for a in attrs]
    ys = [a.get("y", 0.0) for a in attrs]
    return BOUNDS.translated(min(xs), min(ys)).united(BOUNDS.translated(max(xs), max(ys)))


def carries(v: float | None) -> str:
    """What a wire out of a node with value ``v`` carries (EdgeItem.set_carries)."""
    if v is None:
        return "none"
    return "ok" if math.isfinite(v) else "nonfinite"


class Built(NamedTuple):
    """What ``build`` made."""

    nodes: dict[str, NodeItem]
    #: Every wire's item; far out, none yet: each is filed by where it runs
    #: and made when it comes into view or is asked for.
    edges: LazyWires
    #: Far out, what the overview draws (OverviewLayer.take): each card's
    #: colour, its block filed under it, each wire's line; else empty.
    colors: dict[str, tuple[int, str | None]]
    blocks: list[dict[str, QRectF]]
    lines: dict[tuple[str, str, int], QLineF]
    #: Far out, the lines filed by where they are (what a small repaint of
    #: the overview draws: filed here, not at the first edit); else None.
    line_index: LineIndex | None = None


def build(
    scene: QGraphicsScene,
    model: GraphModel,
    grid: CardGrid,
    far: bool,
    wires: WireBox,
    make: Callable[[list[tuple[str, str, int]]], list[EdgeItem]],
) -> Built:
    """Make, place and add every card and wire of ``model`` to ``scene``
    (filed in ``grid``; the wires into the box ``wires``, in the scene); far
    out, file the wires for ``make`` to make later (``wire_items``)."""
    with gc_paused():  # 10^5 long-lived items, no cycles: nothing to collect
        return _build(scene, model, grid, far, wires, make)


def _build(
    scene: QGraphicsScene,
    model: GraphModel,
    grid: CardGrid,
    far: bool,
    wires: WireBox,
    make: Callable[[list[tuple[str, str, int]]], list[EdgeItem]],
) -> Built:
    nodes: dict[str, NodeItem] = {}
    where: dict[str, tuple[float, float, list[float]]] = {}  # x, y, input ports' y offsets
    add, place, block = scene.addItem, NodeItem.setPos, CARD_RECT.translated
    values = model.values()
    colors: dict[str, tuple[int, str | None]] = {}
    blocks: list[dict[str, QRectF]] = [{} for _ in TOP]
    lines: dict[tuple[str, str, int], QLineF] = {}
    ports_of = {op: PORT_YS.get(len(spec.ports), []) for op, spec in ops.OPS.items()}  # as it.arity says
    contents, finite = not far, math.isfinite
    for n, a in model.graph.nodes(data=True):
        it = NodeItem(model, n, contents=contents, attrs=a, values=values)
        x, y = a.get("x", 0.0), a.get("y", 0.0)
        place(it, x, y)
        nodes[n] = it
        add(it)
        op = a["op"]
        where[n] = (x, y, ports_of[op])
        if far:  # block_colors.plain_color, inlined
            v = values[n]
            at = colors[n] = TOP[2 if v is None else 3 if not finite(v) else 1 if op == "leaf" else 0]
            blocks[at[0]][n] = block(x, y)
    grid.put_all(where)  # in the order Qt stacks them
    edges = LazyWires({}, make)
    # a small graph's wires cost next to nothing, and are all there as ever;
    # groups home each wire's item into its box as it is made (gui/canvas/folding/fold_layer.py)
    if far and model.edge_count() >= LAZY_FROM:
        index = LineIndex()
        _file_far(model, where, lines, index, edges)
        return Built(nodes, edges, colors, blocks, lines, index)
    kinds = {n: carries(v) for n, v in values.items()}
    outs = {n: (QPointF(x + W2, y + OUT_Y), x + W2, y + OUT_Y) for n, (x, y, _) in where.items()}
    for s, nbrs in model.graph.adjacency():  # the order of model.edges()
        p1, x1, y1 = outs[s]
        kind = kinds[s]
        for t, keyed in nbrs.items():
            x, y, port_ys = where[t]
            x2 = x - W2
            for d in keyed.values():
                p = d["port"]
                e = EdgeItem(s, t, p)
                y2 = y + port_ys[p]
                p2 = QPointF(x2, y2)
                e.set_ends(p1, p2, wire_curve(p1, x1, y1, x2, y2))
                if kind != "ok":
                    e.set_carries(kind)
                if far:
                    lines[(s, t, p)] = QLineF(p1, p2)
                edges[(s, t, p)] = e
                wires.hold(e)  # into the cell where it runs
    return Built(nodes, edges, colors, blocks, lines)


def _file_far(
    model: GraphModel,
    where: dict[str, tuple[float, float, list[float]]],
    lines: dict[tuple[str, str, int], QLineF],
    index: LineIndex,
    edges: LazyWires,
) -> None:
    """Each wire's ends from its cards' positions, in the model's order: its
    overview line into ``lines`` (what the first frame draws), to be filed
    by where it is in ``index`` later (``LineIndex.later``), and the wires
    pending in ``edges``, filed later by where they run now
    (``LazyWires.file_later``): both in idle slices after the first frame
    (``file_idle``), or all at the first question about a region."""
    for s, nbrs in model.graph.adjacency():  # the order of model.edges()
        xs, ys, _ = where[s]
        x1, y1 = xs + W2, ys + OUT_Y
        for t, keyed in nbrs.items():
            x, y, port_ys = where[t]
            x2 = x - W2
            for d in keyed.values():
                p = d["port"]
                lines[(s, t, p)] = QLineF(x1, y1, x2, y + port_ys[p])
    index.later(lines)
    edges.file_later(Later(list(lines), functools.partial(_file_wires, where)))


def file_idle(edges: LazyWires, lines: Callable[[int], bool] | None) -> bool:
    """File a slice of a far build's pending wires and of the overview's
    lines waiting to be filed by place (``lines``: the layer's ``file_some``;
    the app is idle); True while some are left."""
    more = edges.file_some(IDLE_SLICE)
    if lines is not None:
        with gc_paused():  # a tuple and a cell entry per line, no cycles
            more = lines(IDLE_SLICE) or more
    return more


def _file_wires(
    where: dict[str, tuple[float, float, list[float]]],
    keys: list[tuple[str, str, int]],
    pending: dict,
    levels: list[dict],
) -> None:
    """File the wires ``keys`` (pending, in no cell) by where they run
    between the cards' positions of ``where`` (x, y, input ports' y
    offsets), as ``LazyWires.refile_many`` would (inlined: 70,000 wires)."""
    floor = math.floor
    c0, c1, c2, c3 = LEVELS
    l0, l1, l2, l3 = levels
    forward = curve_clip.FORWARD
    for key in keys:
        s, t, p = key
        xs, ys, _ = where[s]
        x, y, port_ys = where[t]
        x1, y1, x2, y2 = xs + W2, ys + OUT_Y, x - W2, y + port_ys[p]
        w = x2 - x1 if x2 > x1 else x1 - x2
        dx = w * 0.5 if w > 80.0 else 40.0  # curve_box, inlined
        a, b = x2 - dx, x1 + dx
        left = (x1 if x1 < a else a) - PAD
        right = (b if b > x2 else x2) + PAD
        top, bottom = (y1 - PAD, y2 + PAD) if y1 < y2 else (y2 - PAD, y1 + PAD)
        size = right - left if right - left > bottom - top else bottom - top
        if size <= c0:
            level, filed, c = 0, l0, c0
        elif size <= c1:
            level, filed, c = 1, l1, c1
        elif size <= c2:
            level, filed, c = 2, l2, c2
        else:
            level, filed, c = 3, l3, c3
        cell = (floor(left / c), floor(top / c))
        boxes = filed.get(cell)
        if boxes is None:
            boxes = filed[cell] = new_cell(level)
        # curve_clip.run_of, inlined (how the forward wires' curves are looked at)
        boxes[key] = (left, top, right, bottom, (1 if y2 >= y1 else -1) if x2 - x1 >= forward else 0)
        pending[key] = (level, cell)


def wire_items(scene, keys: list[tuple[str, str, int]]) -> list[EdgeItem]:
    """Items for the wires ``keys`` that had none yet (gui/canvas/wires/lazy_wires.py),
    as the scene makes a new wire's (``GraphScene._add_edge_item``) but
    without telling the overview, which draws them already; the ends from
    the cards' positions as ``build`` finds them. ``scene``: a GraphScene."""
    m, detail, folding, nodes = scene.model, scene.detail, scene.folding, scene.node_map()
    grouped = len(m.groups) > 0  # else no box but the top level's (groups index every wire anew)
    folded = bool(folding.cards())
    top = detail.top
    made, take = [], scene.spare_wire
    ends = folding.wire_ends_many(keys) if folded else None  # (a wire may end at a folded group's card)
    with gc_paused():  # a view's worth of long-lived items, no cycles
        for key in keys:
            s, t, p = key
            e = take(s, t, p) or EdgeItem(s, t, p)  # a spare first (a deleted graph's, its undo seen)
            if ends is not None:
                e.start_at(*ends[key])
            else:
                a, b = nodes[s], nodes[t]
                e.start_at(a.x() + W2, a.y() + OUT_Y, b.x() - W2, b.y() + PORT_YS[b.arity][p])
            kind = carries(m.value(s))
            if kind != "ok":
                e.set_carries(kind)
            if grouped:
                if not folding.wire_made(e):  # into its group's box, else at the top until the refresh
                    detail.home_wire(e, None)
            else:
                top.hold(e)  # the top level's box: hidden with it far out
                if not e.isVisible():  # (a spare)
                    e.setVisible(True)
            made.append(e)
    return made


def ghost_wires(scene, keys: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Of the pending wires ``keys`` a view zoomed out reveals, those a cell
    can draw without an item filed as ghosts of the cell their item would be
    in (gui/canvas/wires/cell_ghosts.py), their ends as ``wire_items`` finds
    them; the rest, whose items are to be made: a wire without a value yet
    (dashed), the one dragged by its end, one bigger than any cell, or any
    while the groups are not indexed. ``scene``: a GraphScene."""
    m, folding, nodes, top = scene.model, scene.folding, scene.node_map(), scene.detail.top
    homes = folding.wire_homes() if len(m.groups) > 0 else None
    if homes is None and len(m.groups) > 0:
        return keys
    ends = folding.wire_ends_many(keys) if folding.cards() else None
    hidden, value, add = scene.hidden_wire, m.value, scene.wires.ghosts.add
    kinds: dict[str, str] = {}  # (a source's, once: a weight feeds four data points)
    rest = []
    for key in keys:
        s, t, p = key
        kind = kinds.get(s)
        if kind is None:
            kind = kinds[s] = carries(value(s))
        if kind == "none" or key == hidden:
            rest.append(key)
            continue
        if ends is not None:
            x1, y1, x2, y2 = ends[key]
        else:
            a, b = nodes[s], nodes[t]
            x1, y1, x2, y2 = a.x() + W2, a.y() + OUT_Y, b.x() - W2, b.y() + PORT_YS[b.arity][p]
        cell = (homes(key) or top if homes is not None else top).cell_at(x1, y1, x2, y2)
        if cell is None:
            rest.append(key)
            continue
        add(cell, key, x1, y1, x2, y2, kind)
    return rest
