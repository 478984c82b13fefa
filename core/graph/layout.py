"""Automatic layout: columns by depth, inputs on the left, the root on the right."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from core.autograd.engine import gc_paused
from core.autograd.ops import OPS, arity
from core.graph.card_sizes import COLUMN as COLUMN
from core.graph.card_sizes import COPY_GAP as COPY_GAP
from core.graph.card_sizes import COPY_H as COPY_H
from core.graph.card_sizes import LINK_ROOM as LINK_ROOM
from core.graph.card_sizes import NODE_H as NODE_H
from core.graph.card_sizes import NODE_W as NODE_W
from core.graph.card_sizes import ROW as ROW
from core.graph.clear_lanes import clear_lanes
from core.graph.lanes import MOST_LANES, Lane, lane_wires, with_lanes

if TYPE_CHECKING:
    from core.graph.model import GraphModel


def layered_positions(
    model: GraphModel, nodes: Iterable[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Positions for ``nodes`` (default all): one column per topological
    generation counted back from the sinks, so every node sits just left of
    its nearest consumer and the root ends up rightmost. Linear in the nodes
    and wires (two passes over the adjacency, plain dicts)."""
    with gc_paused():  # many small lists, no cycles: see engine.gc_paused
        return _layered(model, nodes)


def _layered(model: GraphModel, nodes: Iterable[str] | None) -> dict[str, tuple[float, float]]:
    # the raw adjacency dicts (tests/test_networkx_internals.py), in graph order
    g = model.graph
    succ_of, pred_of = g._succ, g._pred
    succ: Mapping[str, Collection[str]]
    preds: Mapping[str, Collection[str]]
    if nodes is None:  # read as they are (each node's consumers and inputs: dict keys, once each)
        succ, preds, ports = succ_of, pred_of, succ_of
    else:
        keep = set(nodes)
        succ = {n: [t for t in out if t in keep] for n, out in succ_of.items() if n in keep}
        preds = {n: [s for s in pred_of[n] if s in keep] for n in succ}
        ports = {n: {t: succ_of[n][t] for t in out} for n, out in succ.items()}  # (wires to those kept)
    if not succ:
        return {}
    # Twice: then the inputs (leaves, no input of their own) of each column
    # in the order of the heights their consumers got, so that x1 and w1,
    # which feed x1*w1, sit together (the neuron's leaves in file order, x1
    # x2 w1 w2, crossed each other's wires on the way to the products).
    columns = depth_columns(succ, preds)
    succ, preds, lanes = with_lanes(columns, succ, preds, budget=min(len(succ), MOST_LANES))
    if lanes:  # (a lane carries its wire's port on, for ``untangle``)
        ports = lane_wires(lanes, succ, ports)
    first = _placed([list(col) for col in columns], preds, None)
    leaves_by_consumers(columns, preds, succ, {n: y for n, (_x, y) in first.items()}, ports)
    pos = _placed(columns, preds, ports, lanes)
    lean = _lanes_toward(lanes, pos)
    if any(lean.values()):  # (again, each lane before or after the cards level with it as its wire goes)
        pos = _placed(columns, preds, ports, lanes, lean)
    if lanes:
        wires = [(s, t) for s, out in succ_of.items() if s in pos for t in out if t in pos]
        feeds = partial(_feeds, succ, ports)
        shifts = clear_lanes(
            columns, lanes, lambda s, t: _ports(succ_of[s][t]), lambda t: _arity(g._node[t]), wires, feeds
        )
        if shifts is not None:
            pos = _stacked(columns, shifts)
    for d in lanes:
        del pos[d]
    return pos


def _ports(wires: Mapping) -> list[int]:
    """The ports one source's wires feed of one target."""
    return sorted({d.get("port", 0) for d in wires.values()})


def _feeds(succ: Mapping[str, Collection[str]], ports: Mapping, u: str) -> list[tuple[str, int]]:
    """``u``'s wires into the next column (a lane's carried on): each target and the least port it feeds."""
    out = ports.get(u) or {}
    return [(v, min((d.get("port", 0) for d in out.get(v, {}).values()), default=0)) for v in succ[u]]


def _arity(attrs: Mapping) -> int:
    return arity(attrs["op"]) if attrs.get("op") in OPS else 1


def _stacked(columns: list[list[str]], shifts: Mapping[int, float]) -> dict[str, tuple[float, float]]:
    """Each column's entries a ``ROW`` apart in its order, centred (as ``_placed`` stacks them),
    then moved by its ``shifts`` (clear_lanes.py)."""
    pos: dict[str, tuple[float, float]] = {}
    for c, col in enumerate(columns):
        mid, shift = (len(col) - 1) / 2, shifts.get(c, 0.0)
        pos.update((n, (c * COLUMN, (i - mid) * ROW + shift)) for i, n in enumerate(col))
    return pos


def leaves_by_consumers(
    columns: list[list[str]],
    preds: Mapping[str, Collection[str]],
    succ: Mapping[str, Collection[str]],
    height: Mapping[str, float],
    ports: Mapping,
) -> None:
    """Each column's inputs (no input of their own) put in the order of the
    mean height (``height``: centred, as drawn) of what they feed, then of
    the port they feed (a before b); the other nodes as they were (they are
    ordered by their inputs next). The nodes' order in ``columns`` changes."""
    for col in columns:
        feeds = [n for n in col if not preds[n]]
        if len(feeds) > 1:
            at = {n: i for i, n in enumerate(sorted(feeds, key=lambda n: _fed(n, succ[n], height, ports)))}
            col.sort(key=lambda n: at.get(n, 0))  # (stable: the others as they were)


def _fed(n: str, out: Collection[str], height: Mapping[str, float], ports: Mapping) -> tuple[float, int]:
    """Where an input ``n`` belongs among the column's other inputs: the
    mean height of its consumers ``out``, then the port of the first it
    feeds (a group's: 0)."""
    if not out:
        return (float("inf"), 0)
    first = next(iter(out))
    port = min((d.get("port", 0) for d in ports.get(n, {}).get(first, {}).values()), default=0)
    return (sum(height.get(t, 0.0) for t in out) / len(out), port)


def untangle(col: list[str], ports: Mapping, lanes: Collection[str] = ()) -> None:
    """Neighbours of a column whose wires cross just before a node they both
    feed (``crossed``) trade places, and the one moved up is checked against
    the one above it again (each swap puts a pair in order: at most as many
    swaps as pairs). A lane (of ``lanes``) stays where its wire runs (level with its
    source): moved off it, the wire, drawn straight from port to port, ran
    under the card put there (imported c = a*b + a: a's wire to c through
    a*b's second input, read as a feeding both; trial 47)."""
    i, left = 0, len(col) * (len(col) - 1) // 2
    while i < len(col) - 1:
        if left and col[i] not in lanes and col[i + 1] not in lanes and crossed(col[i], col[i + 1], ports):
            col[i], col[i + 1] = col[i + 1], col[i]
            left -= 1
            i = max(i - 1, 0)
            continue
        i += 1


def _lanes_toward(lanes: Mapping[str, Lane], pos: Mapping[str, tuple[float, float]]) -> dict[str, float]:
    """Each lane's lean, in rows (up: negative): how far from its source's
    height its wire crosses the lane's column, drawn straight to its
    targets where ``pos`` placed them. A lane sorted by its source's row
    alone sat among the cards level with it, not where the wire runs: the
    wire went under them (f = x*y + exp(x)*y**2: y's wire up to x*y ran under
    y**2's corner; t65 #8)."""
    lean: dict[str, float] = {}
    for d, (s, ts) in lanes.items():
        if s not in pos or d not in pos:
            continue
        (xs, ys), x = pos[s], pos[d][0]
        crossing = [
            ys + (pos[t][1] - ys) * (x - xs) / (pos[t][0] - xs) for t in ts if t in pos and pos[t][0] > xs
        ]
        if crossing:
            lean[d] = (sum(crossing) / len(crossing) - ys) / ROW
    return lean


def _placed(
    columns: list[list[str]],
    preds: Mapping[str, Collection[str]],
    ports: Mapping | None,
    lanes: Collection[str] = (),
    lean: Mapping[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Each column ordered by the mean row of its inputs (barycentre), to
    keep wires short and mostly horizontal; its nodes without inputs first,
    in the column's order. Every input sits in a column to the left (placed
    already); rows are whole numbers, so the mean does not depend on the
    order the inputs are summed in. With ``ports``, two inputs of one node
    in its ports' order (``untangle``; the first of two passes, which only
    tells the leaves where their consumers are, goes without). Each node's
    position."""
    row: dict[str, int] = {}
    pos: dict[str, tuple[float, float]] = {}
    get = row.__getitem__
    for c, col in enumerate(columns):
        keys: dict[str, float] = {}
        for i, n in enumerate(col):
            ps = preds[n]
            if not ps:
                keys[n] = i - 1e6
                continue
            try:
                keys[n] = sum(map(get, ps)) / len(ps) + (lean.get(n, 0.0) if lean else 0.0)
            except KeyError:  # an input not placed (none in a DAG): the placed ones
                placed = [row[p] for p in ps if p in row]
                keys[n] = sum(placed) / len(placed) if placed else i - 1e6
        col.sort(key=keys.__getitem__)
        if ports is not None:
            untangle(col, ports, lanes)  # two inputs of one node in its ports' order (no X before it)
        x, mid = c * COLUMN, (len(col) - 1) / 2
        row.update(zip(col, range(len(col))))
        pos.update(zip(col, [(x, (i - mid) * ROW) for i in range(len(col))]))
    return pos


def crossed(u: str, v: str, succ_of: Mapping[str, Mapping[str, Mapping]]) -> bool:
    """Whether ``u``, above ``v``, feeds a lower port than ``v`` of the first
    node ``u`` feeds that ``v`` feeds too (their wires cross just before it);
    False for a unit ``succ_of`` does not hold (a group)."""
    none: Mapping[str, Mapping] = {}
    out_u, out_v = succ_of.get(u, none), succ_of.get(v, none)
    if out_u and out_v:
        for t in out_u:
            if t in out_v:
                pu = min(d.get("port", 0) for d in out_u[t].values())
                return pu > min(d.get("port", 0) for d in out_v[t].values())
    return False


def _generations(succ: Mapping[str, Collection[str]], preds: Mapping[str, Collection[str]]) -> list[str]:
    """Kahn's order generation by generation, sources in graph order (the
    order of ``networkx.topological_sort``, in plain dicts)."""
    waiting = {n: len(ps) for n, ps in preds.items()}
    order = [n for n, k in waiting.items() if k == 0]
    rest = iter(waiting)  # graph order, for breaking a cycle
    i = 0
    while True:
        while i < len(order):  # grows while it is walked
            for t in succ[order[i]]:
                waiting[t] -= 1
                if waiting[t] == 0:
                    order.append(t)
            i += 1
        if len(order) == len(waiting):
            return order
        # a cycle: only where folded groups are contracted (a value leaves a
        # group and comes back into it through cards outside); the first
        # node still waiting goes next, as if its arcs back were not there
        for n in rest:
            if waiting[n] > 0:
                waiting[n] = 0
                order.append(n)
                break


def depth_columns(
    succ: Mapping[str, Collection[str]], preds: Mapping[str, Collection[str]]
) -> list[list[str]]:
    """The nodes in columns, left to right: a node's column counts back from
    the sinks by its longest path to one; each column in topological order."""
    order = _generations(succ, preds)
    if not order:
        return []
    depth: dict[str, int] = {}
    get = depth.get
    for n in reversed(order):
        d = 0
        for t in succ[n]:
            dt = get(t, -1)  # -1: not placed yet (an arc back: skipped)
            if dt >= d:
                d = dt + 1
        depth[n] = d
    top = max(depth.values(), default=0)
    columns: list[list[str]] = [[] for _ in range(top + 1)]
    for n in order:
        columns[top - depth[n]].append(n)
    return columns


#: The ports' height below a card's centre: a one-input card's port, and the
#: middle between a two-input card's two, 22 apart (gui/canvas/painting.py: PORT_YS).
PORT_MID = 11.0


def copy_overhang(arity: int, port: int) -> tuple[float, float]:
    """How far the linked copy of input ``port`` of a card with ``arity``
    inputs reaches, at its tallest, above the card's top and below its
    bottom (0: not past it): a two-input card's upper copy above its top,
    its lower one below its bottom. A frame holds them (its name tab covered
    the copy above the card: "w" of "p2 = sigmoid(w*x2 + b)", a trial)."""
    if arity == 1:
        top = PORT_MID - COPY_H / 2
    else:
        top = PORT_MID - COPY_GAP / 2 - COPY_H if port == 0 else PORT_MID + COPY_GAP / 2
    return max(0.0, -NODE_H / 2 - top), max(0.0, top + COPY_H - NODE_H / 2)
