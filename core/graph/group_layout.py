"""Auto Layout that keeps groups whole.

Laying out every node by depth alone interleaves the groups: a layer's
neurons land in the columns of the next layer, the frames overlap and their
names cover each other. Here each open group is laid out inside its frame
first, as a block, and a folded group is the card it is drawn as (its nodes
keep their arrangement for when it opens); the blocks are then arranged in
columns the way single cards are, scope by scope, innermost first (each
scope by ``scope_columns.py``). A graph without groups gets exactly the
positions of ``layered_positions``, cut in bands where far wider than a
window (a deep chain: ``bands.in_bands``); the cards that lead to no
output go apart, under the others (``dead_apart.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from core.autograd.engine import gc_paused
from core.graph.bands import in_bands
from core.graph.dead_apart import apart_positions
from core.graph.group_card_geometry import FRAME_PAD, FRAME_TITLE
from core.graph.layout import NODE_H, NODE_W, copy_overhang, layered_positions
from core.graph.scope_columns import Block, stack_scope
from core.graph.unplaced import place_among_placed

if TYPE_CHECKING:
    from core.graph.model import GraphModel


#: Node -> how far its linked copies reach above its card's top and below its bottom.
Overhangs = Mapping[str, tuple[float, float]]
Path = tuple[str, ...]  # a shown unit's open groups from the top, then the unit
_GROUP = "\0group "  # a group's name as a unit (``_blocks``): the group's id follows


def auto_positions(model: GraphModel) -> dict[str, tuple[float, float]]:
    """Where Graph › Auto Layout puts every node: each group kept whole
    (an open one as a block in its frame, a folded one as its card)."""
    if len(model.groups):
        return grouped_positions(model)
    apart = apart_positions(model)  # (cards that lead to no output: under the rest, apart)
    if apart is not None:
        return apart
    return in_bands(layered_positions(model), model.graph._succ)  # (a deep chain: in bands)


def place_unplaced(model: GraphModel, far: Collection[str] = ()) -> int:
    """A file may leave positions out (``x`` and ``y`` are optional in the
    format): when no node has one, the graph is laid out as Auto Layout
    would, not piled at the origin; when some have, only the others are
    placed, beside their neighbours (core/graph/unplaced.py). The nodes of
    ``far`` (placed too far out: ``unplaced.far_out``) are placed as if they
    had none. How many nodes had none (0 with no ``far``: nothing moved)."""
    attrs, far = model.attr_table(), set(far)
    unplaced = [n for n, a in attrs.items() if "x" not in a or "y" not in a or n in far]
    missing = sum(n not in far for n in unplaced)
    if unplaced and len(unplaced) < len(attrs):
        place_among_placed(model, unplaced)
    elif unplaced:
        gs = model.groups
        # every group laid out open first, each a block in its frame: a
        # folded group moves as its card, its nodes kept where they are in it
        # (all at the origin: one pile once opened; by depth alone, its
        # neurons' nodes mixed in one another's frames)
        folded = [g.id for g in gs if g.collapsed]
        for gid in folded:
            gs.set_collapsed(gid, False)
        model.set_positions(auto_positions(model))
        for gid in folded:
            gs.set_collapsed(gid, True)
        if folded:
            model.set_positions(grouped_positions(model))
    return missing


def grouped_positions(model: GraphModel, due: Overhangs | None = None) -> dict[str, tuple[float, float]]:
    """Positions for every node, each open group laid out as a block inside
    its frame and each folded group moved as the one card it is drawn as.
    ``due``: nodes that get ``LINK_ROOM`` on their left besides those the
    model shows, and how far their copies reach above and below them (new
    cards' uses of the canvas's shared leaves: core/graph/link_room.py)."""
    with gc_paused():  # many small tuples and dicts, no cycles: see engine.gc_paused
        top = _blocks(model, due or {})
        if top is None:
            return {}
        # the first column's cards centred on x = 0, the whole centred on y = 0 (as layered_positions)
        return {n: (x, y) for n, x, y in top.positions(-NODE_W / 2, -top.h / 2)}


def _blocks(model: GraphModel, due: Overhangs) -> Block | None:
    gs = model.groups
    # a group is a unit among nodes: named apart from every node id (a group
    # "a" beside a node "a" took its place, and the node lost its position)
    mark = _GROUP
    while any(n.startswith(mark) for n in model.graph._node):
        mark += "\0"
    folded = {mark + g.id: g.collapsed for g in gs}
    chains: dict[str | None, Path] = {None: ()}

    def chain(gid: str | None) -> Path:
        """The open groups around and including ``gid`` (as units),
        outermost first, ending at the first folded one (which hides the rest)."""
        todo: list[str] = []
        while gid not in chains:
            assert gid is not None  # (None, the top level, is in chains)
            todo.append(gid)
            gid = gs.get(gid).parent
        c = chains[gid]
        for g in reversed(todo):
            if not (c and folded[c[-1]]):
                c = (*c, mark + g)
            chains[g] = c
        return c

    of = gs.membership()
    path: dict[str, Path] = {}
    hidden: dict[str, list[str]] = {}  # a folded group: the nodes its card stands for
    units: dict[str | None, dict[str, None]] = {None: {}}  # each scope's units, in graph order
    top = units[None]
    for n in model.graph._node:  # (graph order; tests/test_networkx_internals.py)
        gid = of.get(n)
        if gid is None:
            path[n] = (n,)
            top[n] = None
            continue
        c = chains.get(gid) or chain(gid)
        last = c[-1]
        if last not in units:  # the first node shown in it: its groups join their scopes
            for d, g in enumerate(c):
                units.setdefault(c[d - 1] if d else None, {})[g] = None
                units.setdefault(g, {})
        if folded[last]:
            hidden.setdefault(last, []).append(n)
            path[n] = c
        else:
            path[n] = (*c, n)
            units[last][n] = None
    if not top:
        return None
    Arcs = dict[str, dict[str, None]]  # unit -> the units it feeds (or is fed by), as dict keys
    succ: dict[str | None, Arcs] = {s: {u: {} for u in us} for s, us in units.items()}
    pred: dict[str | None, Arcs] = {s: {u: {} for u in us} for s, us in units.items()}
    roomy = _linked_ends(model, of)
    for n, (a, b) in due.items():
        was = roomy.get(n, (0.0, 0.0))
        roomy[n] = (max(a, was[0]), max(b, was[1]))
    copied = {n for n in roomy if not model.graph._pred[n]}  # shared leaves (some uses drawn as copies)
    entries: dict[str, dict[str, set[str]]] = {}  # an open group: its units fed from outside it, by what
    exits: dict[str, set[str]] = {}  # and those feeding one outside it
    carded: set[str] = set()  # units inside open groups sending a wire into a folded card
    for s, out in model.graph._succ.items():  # each pair once, however many wires join it
        ps = path[s]
        for t in out:
            pt = path[t]
            if ps is pt:
                continue  # inside one folded card
            i = 0
            while i < len(ps) and i < len(pt) and ps[i] == pt[i]:
                i += 1
            if i == len(ps) or i == len(pt):
                continue
            scope = ps[i - 1] if i else None
            succ[scope][ps[i]][pt[i]] = pred[scope][pt[i]][ps[i]] = None
            into_card = bool(folded.get(pt[-1]))  # a wire, copies or not (gui/canvas/linked/rule.py)
            if into_card:
                carded.update(ps[i + 1 :])
            elif ps[-1] in copied:
                continue  # drawn as copies beside its uses (gui/canvas/linked/rule.py): no wire
            for k in range(i + 1, len(pt)):  # into open groups: from left of their columns
                entries.setdefault(pt[k - 1], {}).setdefault(pt[k], set()).add(s)
            for k in range(i + 1, len(ps)):  # out of open groups: to right of their columns
                exits.setdefault(ps[k - 1], set()).add(ps[k])
    blocks: dict[str, Block] = {}
    # innermost scopes first: a scope's open groups are blocks by the time it is laid out
    depth = {c[-1]: len(c) for c in chains.values() if c}
    for scope in sorted((s for s in units if s is not None and not folded[s]), key=lambda s: -depth[s]):
        wired = (entries.get(scope, {}), exits.get(scope, ()), copied)
        inside = stack_scope(
            model,
            units[scope],
            succ[scope],
            pred[scope],
            blocks,
            hidden,
            True,
            roomy=roomy,
            wired=wired,
            carded=carded,
        )
        blocks[scope] = _framed(inside, roomy)
    bands = bool(blocks or hidden)
    wired = ({}, (), copied)
    return stack_scope(
        model, units[None], succ[None], pred[None], blocks, hidden, bands=bands, roomy=roomy, wired=wired
    )


def _linked_ends(model: GraphModel, of: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """The nodes that get ``LINK_ROOM`` to their left: each leaf used more
    than once, one use at least in another group than its own (its badge
    counts its copies), and those uses (the copy drawn beside the port:
    gui/canvas/linked/rule.py, whichever groups are folded); and how far
    their copies reach above their cards' tops and below their bottoms
    (``copy_overhang``; a leaf's badge: not past its card). With View ›
    Linked Copies off the room only spaces those columns a little more."""
    table = model.input_table()
    uses: dict[str, list[tuple[str, int]]] = {}
    for t, ins in table.items():
        for p, s in enumerate(ins):
            if s is not None and not table[s]:
                uses.setdefault(s, []).append((t, p))
    out: dict[str, tuple[float, float]] = {}
    for s, ts in uses.items():
        home = of.get(s)
        far = [(t, p) for t, p in ts if of.get(t) != home]
        if len(ts) > 1 and far:
            out.setdefault(s, (0.0, 0.0))
            for t, p in far:
                a, b = copy_overhang(len(table[t]), p)
                was = out.get(t, (0.0, 0.0))
                out[t] = (max(a, was[0]), max(b, was[1]))
    return out


def _framed(inside: Block, overhangs: Overhangs) -> Block:
    """An open group's block: its inside with the frame's margins and title
    tab, and the room its top row's copies take above their cards (the
    canvas's frame holds them under its tab: gui/canvas/folding/group_box.py;
    the frame's growth below, for its bottom row's, is within ``GAP_BLOCK``,
    as it was: counted here, the trial's gradient graph came out 150 wider)."""
    pad = FRAME_PAD
    up = 0.0
    for _dx, dy, part in inside.parts:
        if isinstance(part, str) and part in overhangs:
            up = max(up, overhangs[part][0] - (dy - NODE_H / 2))
    top = pad + FRAME_TITLE + up
    b = Block(inside.w + 2 * pad, inside.h + 2 * pad + FRAME_TITLE + up, [(pad, top, inside)])
    b.entry, b.exit = (top + d if d >= 0 else -1.0 for d in (inside.entry, inside.exit))
    return b
