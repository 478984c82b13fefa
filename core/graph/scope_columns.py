"""One scope of Auto Layout (an open group's inside, or the whole graph) laid
out in columns as a :class:`Block`: its units by depth, each column stacked
by the units' real sizes, then levelled with what they read and feed, a
lane kept for each long wire. :mod:`core.graph.group_layout` finds the
scopes and their units and lays them out innermost first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.graph.bands import GAP_BAND, cut_bands
from core.graph.copy_clear import clear_of_copies
from core.graph.group_card_geometry import GROUP_HEAD_H, GROUP_ROW_H, GROUP_W
from core.graph.groups import card_rows
from core.graph.lanes import MOST_LANES, Lane, lane_wires, pin_lanes, wire_band, with_lanes
from core.graph.layout import (
    COLUMN,
    LINK_ROOM,
    NODE_H,
    NODE_W,
    ROW,
    depth_columns,
    leaves_by_consumers,
    untangle,
)

if TYPE_CHECKING:
    from core.graph.model import GraphModel

GAP_X = COLUMN - NODE_W  # between the widest block of a column and the next column
GAP_Y = ROW - NODE_H  # between blocks stacked in a column
GAP_BLOCK = 80.0  # between a frame or folded card and what is stacked next to it
WRAP = 4  # more units than this side by side in a group, none feeding another: a square, not a column
#: A wire's lane through a column (``with_lanes``): the gaps either side keep cards off it (without
#: groups, as in ``layered_positions``, a card's row).
LANE_H = 0.0
LANE_GAP = 20.0  # between two lanes (wires, not cards, side by side)
#: How far a wire crossing a wider unit's columns keeps above or below it (``_past_blocks``).
CLEAR = 24.0


@dataclass
class Block:
    """What one scope (an open group's inside, or the whole graph) is laid
    out as: its size, and its parts, each at an offset from its top-left: a
    node (the offset is its card's centre) or a nested block (its top-left)."""

    w: float
    h: float
    parts: list[tuple[float, float, str | Block]] = field(default_factory=list)
    #: How far below its top the wires from left of it come in, and those
    #: to right of it go out (``with_lanes``; negative: its middle).
    entry: float = -1.0
    exit: float = -1.0

    def positions(self, x: float, y: float) -> Iterator[tuple[str, float, float]]:
        """Every node's card centre with this block's top-left at (x, y)."""
        stack: list[tuple[Block, float, float]] = [(self, x, y)]
        while stack:
            b, bx, by = stack.pop()
            for dx, dy, part in b.parts:
                if isinstance(part, Block):
                    stack.append((part, bx + dx, by + dy))
                else:
                    yield part, bx + dx, by + dy


def _folded(model: GraphModel, nodes: list[str]) -> Block:
    """A folded group's card: its nodes keep their arrangement, the card's
    top-left at their least x and y (where the canvas puts the card)."""
    attrs = model.graph._node  # (as model.position reads them, without a checked lookup each)
    at = [(n, float(attrs[n].get("x", 0.0)), float(attrs[n].get("y", 0.0))) for n in nodes]
    x0, y0 = min(a[1] for a in at), min(a[2] for a in at)
    h = GROUP_HEAD_H + GROUP_ROW_H * card_rows(model, set(nodes))
    return Block(GROUP_W, h, [(x - x0, y - y0, n) for n, x, y in at])


def _leads(model: GraphModel, nodes: list[str], roomy: Collection[str]) -> bool:
    """Whether a node of ``roomy`` is among the leftmost of ``nodes`` (a
    folded card's: opened, its frame's first column has copies or badges)."""
    attrs = model.graph._node
    xs = [(float(attrs[n].get("x", 0.0)), n) for n in nodes]
    x0 = min(x for x, _n in xs)
    return any(x - x0 < 1.0 and n in roomy for x, n in xs)


def stack_scope(
    model: GraphModel,
    units: dict[str, None],
    succ: dict[str, dict[str, None]],
    pred: dict[str, dict[str, None]],
    blocks: dict[str, Block],
    hidden: dict[str, list[str]],
    wrap: bool = False,
    bands: bool = False,
    roomy: Collection[str] = frozenset(),
    wired: tuple[Mapping[str, Collection[str]], Collection[str], Collection[str]] = ({}, (), ()),
    lanes_ok: bool = True,
    carded: Collection[str] = frozenset(),
) -> Block:
    """One scope's units in columns by depth (as ``layered_positions``),
    each column ordered by the mean height of its inputs and stacked by the
    units' real sizes, the columns centred on one another and each unit
    flush right in its column. With ``wrap``, a group of many units none of
    which feeds another (a layer's weights) is a square of columns rather
    than one tall column; with ``bands``, a layout far wider than a window
    is cut into bands (core/graph/bands.py). A column with a node of
    ``roomy`` has ``LINK_ROOM`` to its left (inside a frame, its first column too): its
    linked copies or badge lie there, clear of the column before and inside
    the frame. A wire across a column has a lane there (``with_lanes``;
    ``wired``: the units fed from outside the scope, those feeding outside
    it and the leaves drawn as copies, whose wires need none), kept clear
    of the units' cards. ``carded``: units whose wires run into a folded
    card: drawn, not as copies, so such a group is one column, its wires
    clear of its other cards (core/graph/open_column.py)."""
    size: dict[str, tuple[float, float]] = {}
    inner: dict[str, Block] = {}
    for u in units:
        if u in blocks:
            b = inner[u] = blocks[u]
        elif u in hidden:
            b = inner[u] = _folded(model, hidden[u])
        else:
            size[u] = (NODE_W, NODE_H)
            continue
        size[u] = (b.w, b.h)
    # a folded card whose first column has copies: open, its frame holds them left of its nodes
    lead = {u for u in hidden.keys() & units if roomy and _leads(model, hidden[u], roomy)}
    mid: dict[str, float] = {}  # a unit's middle, its column stacked from 0
    cols: list[tuple[float, float, list[tuple[str, float]]]] = []  # width, height, (unit, top)
    columns = depth_columns(succ, pred)
    gap_x, gap_y = GAP_X, GAP_Y
    leaves = columns[0] if len(columns) == 1 else []  # none feeding another
    square = wrap and len(leaves) > WRAP and not any(u in carded for u in leaves)
    if square:
        rows = math.ceil(math.sqrt(len(columns[0])))
        columns = [columns[0][i : i + rows] for i in range(0, len(columns[0]), rows)]
        gap_x, gap_y = 2 * GAP_X, 2 * GAP_Y  # room for each value's sum under it (shared weights)
    entries, exits, copied = wired
    real, pred0 = succ, pred
    lanes: dict[str, Lane] = {}
    if lanes_ok and not square:  # (a square's columns are not steps: its wires leave it as they may)
        most = min(len(units), MOST_LANES)
        succ, pred, lanes = with_lanes(columns, succ, pred, most, entries, exits, copied)  # type: ignore[assignment]
    lane_h, lane_gap = (LANE_H, LANE_GAP) if (wrap or bands) else (NODE_H, gap_y)  # (without groups: rows)
    for d in lanes:
        size[d] = (0.0, lane_h)
    skip = set(lanes)
    # the graph's wires, and each lane's last step into a node (its wire's port there, for ``untangle``)
    wires = lane_wires(lanes, succ, model.graph._succ)

    def stacked(columns: list[list[str]], tidy: bool = True) -> None:
        mid.clear()
        cols.clear()
        for col in columns:
            keys: dict[str, float] = {}
            for i, u in enumerate(col):
                ins = [mid[p] for p in pred[u] if p in mid]  # (an arc back of a contracted cycle: not placed)
                keys[u] = sum(ins) / len(ins) if ins else i - 1e6
            col.sort(key=keys.__getitem__)
            if tidy:  # as layered_positions: two inputs of a node in its ports' order (not in the first pass)
                untangle(col, wires, skip)
            y, placed, after = 0.0, [], None
            for u in col:
                if after is not None:  # a frame or folded card beside another thing: room to tell them apart
                    near = lane_gap if {u, after} <= skip else gap_y  # (two lanes: two wires side by side)
                    y += GAP_BLOCK if (u in inner or after in inner) else near
                placed.append((u, y))
                mid[u] = y + size[u][1] / 2
                y += size[u][1]
                after = u
            cols.append((max(size[u][0] for u in col), y, placed))

    # twice, as layered_positions: then each column's inputs in the order their consumers got
    stacked([list(col) for col in columns], tidy=False)
    centred = {
        u: mid[u] - h / 2 for _w, h, placed in cols for u, _top in placed
    }  # (as the columns are drawn)
    leaves_by_consumers(columns, pred, succ, centred, wires)
    stacked(columns)
    out = Block(0.0, 0.0)
    at: dict[str, float] = {}  # each unit's and lane's middle in ``out``
    top = 0.0
    laid = cut_bands(cols, real, blocks.keys() & units) if bands else [cols]
    if len(laid) > 1 and lanes:  # cut into bands: its wires run between them, not along (as without lanes)
        return stack_scope(
            model,
            units,
            real,
            pred0,
            blocks,
            hidden,
            wrap,
            bands,
            roomy,
            wired,
            lanes_ok=False,
            carded=carded,
        )
    if (wrap or bands) and len(laid) == 1 and len(cols) > 1:  # (with groups: without, as layered_positions)
        # (the cards with linked copies, and how far those reach: core/graph/copy_clear.py)
        ins = model.graph._pred  # (a leaf of roomy is an original: its badge, no copies)
        copies = (
            {u: r for u, r in roomy.items() if u in size and ins[u]} if isinstance(roomy, Mapping) else {}
        )
        laid = [_settle(cols, size, succ, pred, inner, wires, lanes, copies)]
    for band in laid:
        height = max(h for _w, h, _p in band)
        x = 0.0
        for i, (width, h, placed) in enumerate(band):
            room = bool(roomy) and any(u in roomy or u in lead for u, _y in placed)
            if i:
                x += max(gap_x, LINK_ROOM) if room else gap_x
            elif room and wrap:
                x += LINK_ROOM
            shift = top + (height - h) / 2  # each column centred on the band's middle
            for u, y in placed:
                right = x + width - size[u][0]  # flush right: next to what it feeds
                at[u] = y + shift + size[u][1] / 2
                if u in skip:
                    continue
                if u in inner:
                    out.parts.append((right, y + shift, inner[u]))
                else:
                    out.parts.append((right + NODE_W / 2, y + shift + NODE_H / 2, u))
            x += width
        out.w = max(out.w, x)
        top += height + GAP_BAND
    out.h = top - GAP_BAND
    # where the lanes of wires from left of it begin, and those to right of it end (none: its middle)
    ins = [at[u] for u in columns[0] if u in skip and not pred[u]]
    outs = [at[u] for u in columns[-1] if u in skip and not succ[u]]
    out.entry = sum(ins) / len(ins) if ins else -1.0
    out.exit = sum(outs) / len(outs) if outs else -1.0
    return out


def _settle(
    cols: list[tuple[float, float, list[tuple[str, float]]]],
    size: dict[str, tuple[float, float]],
    succ: dict[str, dict[str, None]],
    pred: dict[str, dict[str, None]],
    inner: dict[str, Block],
    succ_of: Mapping[str, Mapping[str, Mapping]] | None = None,
    lanes: Mapping[str, Lane] | None = None,
    copies: Mapping[str, tuple[float, float]] | None = None,
) -> list[tuple[float, float, list[tuple[str, float]]]]:
    """The columns centred on one another, then each unit moved level with
    what it reads from (left to right; its inputs that are sources left
    out), then each source level with what it feeds (right to left), as
    near as its neighbours in the column allow: stacked from the top, an
    MLP's inputs of data point 4 sat by data point 1 and a layer's weights
    at the top, their wires crossing the picture. Every column gets the
    whole's height and its units' tops from the whole's top. Last, two
    neighbours feeding one node in the other order of its ports trade
    places (``crossed``; ``succ_of``: the graph's wires): a neuron's
    sum under its last product, feeding the upper port, crossed its wire
    just before the card."""
    height = max(h for _w, h, _p in cols)
    mid: dict[str, float] = {}
    col_of: dict[str, int] = {}
    order: list[list[str]] = []
    for c, (_w, h, placed) in enumerate(cols):
        shift = (height - h) / 2
        for u, y in placed:
            mid[u] = y + shift + size[u][1] / 2
            col_of[u] = c
        order.append([u for u, _y in placed])
    source = {u for u, c in col_of.items() if not any(col_of.get(p, c) < c for p in pred[u])}

    lanes = lanes or {}

    def gap(a: str, b: str) -> float:
        return GAP_BLOCK if (a in inner or b in inner) else LANE_GAP if (a in lanes and b in lanes) else GAP_Y

    def level(c: int, near: dict[str, list[float]]) -> None:
        if not any(near.values()):  # no unit wishes to move: the packed column stays as it is
            return
        want = {u: (sum(near[u]) / len(near[u]) if near.get(u) else mid[u]) for u in order[c]}
        units = order[c] = sorted(order[c], key=want.__getitem__)
        half = [size[u][1] / 2 for u in units]
        gaps = [gap(a, b) for a, b in zip(units, units[1:])]
        down: list[float] = []  # each as near its wish as the ones above it allow
        for i, u in enumerate(units):
            m = want[u]
            if i:
                m = max(m, down[-1] + half[i - 1] + gaps[i - 1] + half[i])
            down.append(m)
        up = [0.0] * len(units)  # the same from the bottom up
        for i in range(len(units) - 1, -1, -1):
            m = want[units[i]]
            if i < len(units) - 1:
                m = min(m, up[i + 1] - half[i + 1] - gaps[i] - half[i])
            up[i] = m
        for u, a, b in zip(units, down, up):  # (both keep every gap: so does their mean)
            mid[u] = (a + b) / 2

    def dy(u: str, at: float) -> float:  # where wires come in (or go out) below a unit's middle
        return at - size[u][1] / 2 if at >= 0 else 0.0

    into = {u: dy(u, b.entry) for u, b in inner.items()}  # (a block: level with its lanes, not its middle)
    out_of = {u: dy(u, b.exit) for u, b in inner.items()}
    right, x = [], 0.0  # each column's right side (as drawn: without the room for copies)
    for w, _h, _p in cols:
        x += w
        right.append(x)
        x += GAP_X

    def reads(u: str, c: int) -> list[float]:  # the heights of u's wires from left of column c (not a source)
        return [mid[p] + out_of.get(p, 0.0) for p in pred[u] if col_of.get(p, c) < c and p not in source]

    def pin(c: int) -> None:  # each lane where its wires pass column c, cards pushed off it
        wish: dict[str, float] = {}
        for u in order[c]:
            s, ts = lanes.get(u, ("", ()))
            if u in inner and inner[u].entry >= 0:  # a block with lanes: its entry level with what feeds it
                if ins := reads(u, c):
                    wish[u] = sum(ins) / len(ins) - into[u]
            if not ts:
                continue
            if s in mid:
                y1, x1 = mid[s] + out_of.get(s, 0.0), right[col_of[s]]
            else:  # from outside the scope: level with its lane in the first column (the block's entry)
                y1, x1 = next(mid[d] for d in order[0] if lanes.get(d, ("",))[0] == s), -COLUMN
            ends = [(right[col_of[t]] - size[t][0], mid[t] + into.get(t, 0.0)) for t in ts]
            wish[u], reach = wire_band(x1, y1, ends, right[c] - cols[c][0], right[c], y1 if c == 0 else None)
            size[u] = (0.0, 2 * reach)  # the band its wires take across the column
        if wish:
            pin_lanes(order[c], wish, mid, size, gap)

    for c in range(1, len(cols)):
        level(c, {u: [y - into.get(u, 0.0) for y in reads(u, c)] for u in order[c]})

    def sources_level(only: Collection[str] | None = None) -> None:  # each source level with what it feeds
        for c in range(len(cols) - 2, -1, -1):  # (right to left; ``only``: these sources)
            level(
                c,
                {
                    u: [
                        mid[t] + into.get(t, 0.0) - out_of.get(u, 0.0)
                        for t in succ[u]
                        if col_of.get(t, c) > c
                    ]
                    for u in order[c]
                    if u in source and (only is None or u in only)
                },
            )

    sources_level()
    if succ_of is not None:
        was = dict(mid)
        for units in order:
            _untangle(units, mid, succ_of)
        # (a trade moves what a source feeds: the source follows it, else its wire ran across the
        # column to the traded card's new place, under the linked copy of the card now level with
        # the source: an opened MLP neuron's w1.1.1·x1[1] → n1.1.1[1] under w1.1.2's, trial 71 #4)
        traded = {u for u in mid if mid[u] != was[u]}
        if not traded & (copies or {}).keys():  # (only where a card with copies took a place)
            traded = set()
        follow = {u for u in source if any(t in traded and col_of.get(t) == col_of[u] + 1 for t in succ[u])}
        if follow:
            sources_level(follow)
            for units in order:
                _untangle(units, mid, succ_of)
    _past_blocks(order, size, mid, pred, col_of, inner, gap)
    if copies and succ_of is not None:
        plain = {u: u not in inner and u not in lanes for u in mid}
        clear_of_copies(order, mid, col_of, pred, plain, succ_of, copies)
    for c in [*range(len(cols) - 1)] * 2:  # again, the wires' ends where they are now (twice: they move)
        pin(c)
    top = min(mid[u] - size[u][1] / 2 for u in mid)
    bottom = max(mid[u] + size[u][1] / 2 for u in mid)
    return [
        (w, bottom - top, [(u, mid[u] - size[u][1] / 2 - top) for u in units])
        for (w, _h, _p), units in zip(cols, order)
    ]


def _past_blocks(
    order: list[list[str]],
    size: Mapping[str, tuple[float, float]],
    mid: dict[str, float],
    pred: Mapping[str, Mapping[str, None]],
    col_of: Mapping[str, int],
    inner: Mapping[str, Block],
    gap: Callable[[str, str], float],
) -> None:
    """Each card feeding one in the next column that is narrower than a
    block there (a frame or folded card: the card below an open group's
    frame, flush right, the frame reaching further left) moved to that
    card's side of the block, ``CLEAR`` past it (lanes are kept off cards
    by ``pin``), pushing its column's next units on: its wire
    crosses the wider one's columns on the way, and from level with it ran
    under its cards (the lecture's MLP, "layer 1 [1]" opened and laid out:
    x1[2]'s wire to "layer 1 [2]" below it ran through an input port of the
    frame's last neuron, trial 64)."""
    for c in range(1, len(order)):
        floor: dict[str, float] = {}  # a unit's least top (its wire below a wider unit)
        roof: dict[str, float] = {}  # its greatest bottom (above one)
        blocks = [b for b in order[c] if b in inner]
        for u in order[c]:
            wide = [b for b in blocks if size[b][0] > size[u][0] > 0.0]
            for p in pred[u] if wide else ():
                if col_of.get(p) != c - 1 or size[p][0] <= 0.0:
                    continue
                for b in wide:
                    top, bottom = mid[b] - size[b][1] / 2, mid[b] + size[b][1] / 2
                    if mid[u] > bottom:
                        floor[p] = max(floor.get(p, -math.inf), bottom + CLEAR)
                    elif mid[u] < top:
                        roof[p] = min(roof.get(p, math.inf), top - CLEAR)
        if floor or roof:
            _push(order[c - 1], size, mid, floor, roof, gap)


def _push(
    units: list[str],
    size: Mapping[str, tuple[float, float]],
    mid: dict[str, float],
    floor: Mapping[str, float],
    roof: Mapping[str, float],
    gap: Callable[[str, str], float],
) -> None:
    """One column's units (``units``, in their order) moved down to their
    ``floor`` (their top at least there) and up to their ``roof`` (their
    bottom at most there), each pushing those after (or before) it on so
    that every gap is kept; no unit moves otherwise."""
    units.sort(key=mid.__getitem__)
    for i, u in enumerate(units):
        m = mid[u]
        if u in floor:
            m = max(m, floor[u] + size[u][1] / 2)
        if i:
            a = units[i - 1]
            m = max(m, mid[a] + size[a][1] / 2 + gap(a, u) + size[u][1] / 2)
        mid[u] = m
    for i in range(len(units) - 1, -1, -1):
        u = units[i]
        m = mid[u]
        if u in roof and u not in floor:
            m = min(m, roof[u] - size[u][1] / 2)
        if i < len(units) - 1:
            b = units[i + 1]
            m = min(m, mid[b] - size[b][1] / 2 - gap(u, b) - size[u][1] / 2)
        mid[u] = m


def _untangle(units: list[str], mid: dict[str, float], succ_of: Mapping[str, Mapping[str, Mapping]]) -> None:
    """``untangle`` on one column's units (top first after sorting), each
    keeping to the places the column had: only plain nodes, all of one size,
    ever trade places (``crossed`` is False for a group), so a node moved
    takes the middle of the one it passed."""
    units.sort(key=mid.__getitem__)
    places = [mid[u] for u in units]
    untangle(units, succ_of)
    mid.update(zip(units, places))
