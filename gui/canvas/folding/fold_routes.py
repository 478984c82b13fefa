"""Where the wires touching folded groups run, for many wires at once.

Folding or opening every group of a big graph re-routes every wire that
crosses a group's boundary (about 37,000 at 50,000 nodes in
benchmarks/bench_scaling.py). Asked wire by wire (which card shows each end,
its port mapped to the scene, the overview's line dropped and made again)
that cost some 40 µs a wire. Here the ends are worked out in one loop from
the cards' positions and port rows (a card or a node is an untransformed
item at its position, its ports at fixed offsets), the wire items only note
them (a hidden wire makes its curve when it is shown:
``wire_item.set_ends_many``) and the overview moves its lines in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import filterfalse
from typing import Any

from core.autograd.engine import gc_paused
from gui.canvas.folding.group_box import kids_of
from gui.canvas.folding.group_card import CARD_W
from gui.canvas.folding.open_routes import OpenRoutes
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.document import heap

Key = tuple[str, str, int]
#: From this many wires re-routed at once, their ends are worked out in one
#: loop, not asked for wire by wire.
MANY = 100
#: (key, wire item, x1, y1, x2, y2): what ``set_ends_many`` takes.
Ends = tuple[Key, Any, float, float, float, float]
#: Where a wire runs: (x1, y1, x2, y2).
XY = tuple[float, float, float, float]
#: A card's rows: x of its inputs, of its outputs, y of each input, of each output, the first row's.
Rows = tuple[float, float, dict[str, float], dict[str, float], float]


def fold_map(groups: Any, chain: Callable[[str], list[str]], cards: Iterable[str]) -> dict[str, str]:
    """group id -> the folded card showing its nodes (the outermost collapsed
    group around it, itself included, when that one has a card), for every
    group folded away: ``FoldingLayer.card_of`` for all nodes of a group at
    once."""
    shown = set(cards)
    out: dict[str, str] = {}
    if not shown:
        return out
    for g in groups:
        folded = None
        for a in chain(g.id):
            if groups.get(a).collapsed:
                folded = a
        if folded is not None and folded in shown:
            out[g.id] = folded
    return out


def ends_of(
    keys: set[Key],
    edges: Any,
    nodes: dict,
    pos: dict[str, tuple[float, float]],
    group_of: Mapping[str, str],
    fold: dict[str, str],
    cards: dict,
    rows: dict[str, Rows] | None = None,
    loose: list[int] | None = None,
) -> tuple[dict[Key, XY], dict[Key, Any]]:
    """Where each wire of ``keys`` (those ``edges``, the scene's LazyWires,
    has) runs now, key -> (x1, y1, x2, y2), and the items of those that have
    one (few far out, where a wire gets an item when seen): between its
    cards' ports (``pos``: where each card is; ``group_of``: node -> its
    innermost group), or at the row of the folded card (``fold``: group ->
    card id, ``cards``: card id -> GroupCard) that shows an end. A wire
    inside one folded card keeps its cards' ports (it is hidden with its
    group), as ``FoldingLayer.wire_ends`` says."""
    keys, items = with_items(keys, edges)
    return ends_at(keys, nodes, pos, group_of, fold, cards, rows, loose), items


def ends_at(
    keys: Iterable[Key],
    nodes: Mapping[str, Any],
    pos: Mapping[str, tuple[float, float]],
    group_of: Mapping[str, str],
    fold: dict[str, str],
    cards: dict,
    rows: dict[str, Rows] | None = None,
    loose: list[int] | None = None,
) -> dict[Key, XY]:
    """``ends_of`` of the wires ``keys``, whether they have items or not
    (wires getting one now: scene_build.wire_items), each card's rows read once
    (``rows``: ``card_rows`` of them, if read already). ``loose``: counts the
    ends not on a card (+1 a wire with one)."""
    if rows is None:
        rows = card_rows(fold, cards)
    out: dict[Key, XY] = {}
    if not fold:  # no card shown (every group opened): each wire between its cards' ports
        for key in keys:
            s, t, p = key
            x1, y1 = pos[s]
            x2, y2 = pos[t]
            out[key] = (x1 + W2, y1 + OUT_Y, x2 - W2, y2 + PORT_YS[nodes[t].arity][p])
        return out
    # group -> its card's rows (one look-up a wire end, not two); a card's own
    # tuple: both ends on one card are the same object. (Tried, 2026-12-06: the
    # same in C loops, a pass per column with map / itemgetter / dict.get, took
    # 50 ms for Collapse All's 38,000 wires where this loop takes 35: the work is
    # memory-bound, each pass fetching the wires' node ids again.)
    card_of, group = {g: rows[c] for g, c in fold.items()}.get, group_of.get
    off = 0  # (wires with an end not on a card)
    for key in keys:
        s, t, p = key
        rs, rt = card_of(group(s)), card_of(group(t))  # type: ignore[arg-type]
        if rs is rt:  # both shown, or both in one folded card (hidden with it)
            rs = rt = None
        if rs is None:
            x1, y1 = pos[s]
            x1 += W2
            y1 += OUT_Y
            off += 1
        else:  # (more outputs than rows: all at the first row, no row looked up)
            x1, y1 = rs[1], rs[3].get(s, rs[4]) if rs[3] else rs[4]
        if rt is None:
            x2, y2 = pos[t]
            x2 -= W2
            y2 += PORT_YS[nodes[t].arity][p]
            off += 1
        else:
            x2, y2 = rt[0], rt[2].get(s, rt[4]) if rt[2] else rt[4]
        out[key] = (x1, y1, x2, y2)
    if loose is not None:
        loose.append(off)
    return out


def card_rows(fold: dict[str, str], cards: dict) -> dict[str, Rows]:
    """Per card shown (``fold``'s values, ``cards``: id -> GroupCard): the x
    of its inputs, of its outputs, the y of each input (by its source) and
    output row (by its node), and the first row's (where any other goes)."""
    rows: dict[str, Rows] = {}
    for gid in set(fold.values()):
        c = cards[gid]
        x, y = c.x(), c.y()
        ins, outs, first = c.port_ys()
        rows[gid] = (
            x,
            x + CARD_W,
            {n: y + v for n, v in ins.items()},
            {n: y + v for n, v in outs.items()},
            y + first,
        )
    return rows


def with_items(keys: set[Key], edges: Any) -> tuple[set[Key], dict[Key, Any]]:
    """``keys`` but those ``edges`` (the scene's LazyWires) does not have,
    and the items of those that have one (key -> item)."""
    made, pending = edges.maps()
    # with an item, or unknown: asked of the maps key by key (``keys - pending.keys()``
    # would walk every wire without an item, tens of thousands, to re-route a few); many
    # by a set's difference with the dict itself, which looks each key up by the hash the
    # set keeps (a tuple's is worked out anew each time: ~15 ms for a fold's 38,000)
    rest = keys.difference(pending) if len(keys) >= MANY else list(filterfalse(pending.__contains__, keys))
    items = {k: made[k] for k in rest if k in made}
    if len(items) < len(rest):
        keys = keys.difference([k for k in rest if k not in items])
    return keys, items


def reroute_many(
    scene: Any,
    groups: Any,
    chain: Callable[[str], list[str]],
    cards: dict,
    keys: set[Key],
    routes: OpenRoutes | None = None,
    stamp: int = 0,
    was_open: bool = False,
) -> None:
    """Draw the wires ``keys`` where they go now, their boxes unchanged
    (``cards``: the folded cards shown, by group id): a few as the scene
    routes any wire, many in one loop. ``routes``: where they run with
    every group open, kept across a fold (gui/canvas/folding/open_routes.py;
    ``stamp``: the fold index's now; ``was_open``: no card was shown before,
    so the overview's lines run there now)."""
    if len(keys) < MANY:
        scene.reroute(keys)
        return
    fold = fold_map(groups, chain, cards)
    pos, member = scene.card_positions_held(), groups.membership()  # (moves held read in)
    with gc_paused():  # a tuple per wire: nothing to collect
        if routes is not None and not fold:  # every group open: as they ran before the fold?
            live, items = with_items(keys, scene.wires)
            back = routes.take(keys, scene.card_moves(), stamp) if len(live) == len(keys) else None
            if back is not None:
                routes.fold_handed(keys, scene.reroute_ends(back, items, back=routes.lines))
                return
        rows = card_rows(fold, cards)
        drawn = None
        if routes is not None and fold:  # (what the lines drawn now are for)
            drawn = (fold, rows, scene.card_moves(), stamp, groups.revision)
        lines = None
        if drawn is not None and was_open and routes is not None:  # as the last fold from all open drew?
            lines = routes.take_fold(keys, drawn)
            live, items = with_items(keys, scene.wires) if lines is not None else (keys, {})
            if len(live) != len(keys):  # (a wire without its item: each worked out)
                heap.free_later(lines)
                lines = None
        xy: dict[Key, Any] = {}
        loose = [0]
        if lines is None:
            loose.clear()
            xy, items = ends_of(keys, scene.wires, scene.node_map(), pos, member, fold, cards, rows, loose)
        if routes is None:
            scene.reroute_ends(xy, items)
            return
        # from every group open (or while the routes are lines, which no fold
        # may move): the overview draws new lines, its old ones kept for Expand All
        before: dict[Key, Any] | None = {} if fold and (was_open or routes.lines) else None
        if lines is not None:  # (those the last such fold drew: put back)
            scene.reroute_ends(lines, items, before, back=True)
        else:
            scene.reroute_ends(xy, items, before)
        if not fold:
            routes.keep(xy, scene.card_moves(), stamp)
        elif _kept(scene, routes, keys, stamp, before, was_open):  # (new lines drawn: what for, kept)
            routes.folded(keys, drawn if loose == [0] else None)


def _kept(
    scene: Any, routes: OpenRoutes, keys: set[Key], stamp: int, before: dict | None, was_open: bool
) -> bool:
    """After a fold drew the wires ``keys`` (``before``: the overview's lines
    it set aside, or None): those lines kept as the open routes, if they
    are every one and from every group open; False if the routes go."""
    if before is not None and len(before) != len(keys):  # moved one by one (some lit, ...)
        routes.drop()
        return False
    if before is not None and was_open and routes.holds(keys, scene.card_moves(), stamp) is None:
        routes.keep(before, scene.card_moves(), stamp, True)  # (as lines)
    return before is not None


def give_up_hidden(
    wires: Any, pool: Any, home: Callable[[Key], str | None], hidden: Key | None, ends: list[Ends]
) -> list[Ends]:
    """Far out (every wire item hidden, the overview drawing lines), the
    wires of ``ends`` keep no item: a plain one (no flow, width or
    selection: nothing but its ends) goes to the wire pool (``home``: the
    group whose box holds it) and is noted, with those without one, as
    running where it does now (``wires``: the scene's LazyWires, which file
    them when a region is next asked for); it is made again, where it runs
    then, when it comes into view or is asked for. ``ends`` with each
    item given up as None; the others keep theirs (their ends still to set)."""
    out: list[Ends] = []
    add, retire = out.append, pool.retire
    for x in ends:
        e = x[1]
        if e is not None and e.flow is None and e.width is None and x[0] != hidden and not e.isSelected():
            retire(e, home(x[0]))
            x = (x[0], None, x[2], x[3], x[4], x[5])
        add(x)
    wires.note_moved([(x[0], x[2], x[3], x[4], x[5]) for x in out if x[1] is None])  # filed at the zoom in
    return out


def give_up_items(pool: Any, home: Callable[[Key], str | None], hidden: Key | None, items: dict) -> dict:
    """``give_up_hidden`` of the wires with an item among many re-routed
    far out (``items``: key -> item): the plain ones go to the wire pool;
    the others (a flow, a width, a selection, being dragged), returned,
    keep theirs."""
    kept, retire = {}, pool.retire
    for key, e in items.items():
        if e.flow is None and e.width is None and key != hidden and not e.isSelected():
            retire(e, home(key))
        else:
            kept[key] = e
    return kept


def shown_curves(scene: Any, groups: Any, inner: dict[str, set[Key]], opened: set[str]) -> None:
    """The wires shown by opening the groups ``opened`` (those whose home
    is one of them, or a group opened in them: ``inner``) make the curves
    they skipped while hidden; zoomed far out, where their boxes stay
    hidden, at the switch to readable zoom."""
    kids = kids_of(groups)
    stack, sets = list(opened), list[set[Key]]()
    while stack:
        gid = stack.pop()
        if gid in inner:
            sets.append(inner[gid])
        stack.extend(k for k in kids.get(gid, ()) if not groups.get(k).collapsed)
    if scene.far:  # (the sets themselves: the few with an item are found at the switch)
        scene.detail.shown_far(sets)
        return
    made = scene.wires.made  # a wire without an item makes its curve when made
    for keys in sets:
        for key in keys:
            e = made(key)
            if e is not None:
                e.refresh_curve()
