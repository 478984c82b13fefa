"""Rows for the cards the f(x) bar (and File › Import Code › Add to Graph)
adds beside a graph, chosen so that their wires pass under no card.

The new cards are laid out on their own (core/code/codeadd.py), then moved
right of the graph, top-aligned. A wire from a card already there ran under
whatever lay between: with x, y, mul1 = x*y, pow1 = x**2 and add1 on the
canvas, ``f = tanh(add1) * exp(-y)`` put −y level with add1, so y → −y
entered add1's port and ran under its title, and add1 → tanh ran behind −y
(trial 50). Here each new card, column by column, keeps its place when its
wires in are clear; else it tries rows a half row apart above and below in
its column, and (a card whose inputs are all on the canvas) a spot one
column right of them, and takes the one whose wires meet the fewest cards
(and whose card covers the fewest wires), nearest its place on a tie.

Only cards and wires near the new ones are looked at: the canvas's cards in
the region the new wires span, filed in a grid (a pass over the positions
plan_add makes anyway), so a 50,000-node graph costs the few near a wire.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from core.graph.gradient_geometry import PAD, Box, Grid, card_box, curve_points, wire, wire_meets
from core.graph.layout import COLUMN, NODE_H, ROW

Pos = dict[str, tuple[float, float]]
Edge = tuple[str, str, int]

#: The rows tried above and below a card's place, half a row apart.
STEP = ROW / 2
TRIES = 8
#: A spot next to the inputs costs as much as this many steps away (the
#: block's own shape reads better: taken when the block has no clear row near).
NEAR_COST = 2.5
#: Cards closer than this (beyond the wires' ``PAD``) read as touching.
GAP = 16.0
#: Past this many new cards, they keep their places (a whole file imported).
MAX_NEW = 300


def clear_rows(
    pos: Pos,
    old: Mapping[str, tuple[float, float]],
    edges: Sequence[Edge],
    arity: Callable[[str], int],
    inputs: Callable[[str], Sequence[str | None]],
    drawn: Callable[[str, str], bool] = lambda _s, _t: True,
    near_ok: bool = True,
) -> Pos:
    """``pos`` (the new cards, where the block put them) with cards moved
    where their wires in pass under no card. ``old``: the canvas's cards
    (every position: only those near the new wires are filed);
    ``edges``: the new wires (source, target, port), their sources new or
    old; ``arity``/``inputs``: any card's number of inputs and (an old
    card's) sources; ``drawn``: whether a wire is drawn (not a linked
    copy); ``near_ok``: whether a card may go next to its inputs."""
    if not pos or len(pos) > MAX_NEW:
        return dict(pos)
    ins: dict[str, list[Edge]] = {}
    for e in edges:
        if e[1] in pos and (e[0] in pos or e[0] in old):
            ins.setdefault(e[1], []).append(e)
    if not any(s in old and drawn(s, t) for s, t, _p in edges if t in pos):
        return dict(pos)  # (no wire from the canvas: the block alone, as laid out)
    cards, wires = _file_region(pos, old, ins, arity, inputs)
    placed: Pos = {}
    new_wires = Grid()
    for n in sorted(pos, key=lambda k: (pos[k][0], pos[k][1])):
        best = None
        for cost, spot in _spots(n, pos[n], ins.get(n, []), old, placed, near_ok):
            box = card_box(*spot)
            if _touches(box, cards, placed):
                continue
            hits = _hits(n, spot, ins.get(n, []), old, arity, cards, placed, drawn)
            under = _near_wires(box, wires, new_wires)
            hits += sum(wire_meets(w, box, pts) for w, pts, ends in under if n not in ends)
            key = (hits, cost)
            if best is None or key < best[0]:
                best = (key, spot)
            if key == (0, 0):
                break
        spot = best[1] if best is not None else pos[n]
        placed[n] = spot
        for s, t, p in ins.get(n, []):
            if drawn(s, t):
                w = wire(placed[s] if s in placed else old[s], spot, p, arity(t))
                pts = list(curve_points(w))
                new_wires.add(_box_of(pts), (w, pts, (s, t)))
    return placed


def _spots(
    n: str, at: tuple[float, float], into: list[Edge], old: Mapping, placed: Pos, near_ok: bool
) -> list[tuple[float, tuple[float, float]]]:
    """(cost, spot): the card's place, rows above and below it, and (its
    inputs all on the canvas) the column right of them, nearest first."""
    x, y = at
    out = [(0.0, at)]
    for k in range(1, TRIES + 1):
        out += [(float(k), (x, y - k * STEP)), (float(k), (x, y + k * STEP))]
    if near_ok and into and all(s in old for s, _t, _p in into):
        srcs = [old[s] for s, _t, _p in into]
        nx = max(sx for sx, _sy in srcs) + COLUMN
        if nx < x:
            ny = sum(sy for _sx, sy in srcs) / len(srcs)
            for k in range(0, TRIES + 1):
                for sign in (1, -1) if k else (1,):
                    out.append((NEAR_COST + k, (nx, ny + sign * k * STEP)))
    out.sort(key=lambda c: c[0])
    return out


def _file_region(
    pos: Pos,
    old: Mapping[str, tuple[float, float]],
    ins: Mapping[str, list[Edge]],
    arity: Callable,
    inputs: Callable,
) -> tuple[Grid, Grid]:
    """The canvas's cards in the region the new cards and their wires may
    take, and the wires into them, filed by grid cell."""
    xs = [x for x, _y in pos.values()] + [old[s][0] for es in ins.values() for s, _t, _p in es if s in old]
    ys = [y for _x, y in pos.values()] + [old[s][1] for es in ins.values() for s, _t, _p in es if s in old]
    reach = TRIES * STEP + NODE_H
    region = (min(xs) - COLUMN, min(ys) - reach, max(xs) + COLUMN, max(ys) + reach)
    cards = Grid()
    wires = Grid()
    inside = [n for n, (x, y) in old.items() if region[0] <= x <= region[2] and region[1] <= y <= region[3]]
    for n in inside:
        cards.add(card_box(*old[n]), (n, card_box(*old[n])))
    for n in inside:
        for p, s in enumerate(inputs(n)):
            if s is not None and s in old:
                w = wire(old[s], old[n], p, arity(n))
                pts = list(curve_points(w))
                wires.add(_box_of(pts), (w, pts, (s, n)))
    return cards, wires


def _box_of(pts: list[tuple[float, float]]) -> Box:
    return (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))


def _touches(box: Box, cards: Grid, placed: Pos) -> bool:
    """Does a card at ``box`` come within ``GAP`` of a canvas card or a placed new one?"""
    g = GAP + PAD

    def meets(b: Box) -> bool:
        return box[0] - g < b[2] and b[0] - g < box[2] and box[1] - g < b[3] and b[1] - g < box[3]

    return any(meets(b) for _n, b in cards.near(box)) or any(meets(card_box(*at)) for at in placed.values())


def _near_wires(box: Box, wires: Grid, new_wires: Grid) -> list:
    return [*wires.near(box), *new_wires.near(box)]


def _hits(
    n: str,
    spot: tuple[float, float],
    into: list[Edge],
    old: Mapping[str, tuple[float, float]],
    arity: Callable[[str], int],
    cards: Grid,
    placed: Pos,
    drawn: Callable[[str, str], bool],
) -> int:
    """How many cards (other than its ends) the wires into ``n`` at ``spot`` meet."""
    hits = 0
    for s, t, p in into:
        if not drawn(s, t) or (s not in placed and s not in old):
            continue
        w = wire(placed[s] if s in placed else old[s], spot, p, arity(t))
        pts = list(curve_points(w))
        span = _box_of([*pts, (w[0], w[1]), (w[2], w[3])])
        others = [b for m, b in cards.near(span) if m not in (s, t)]
        others += [card_box(*at) for m, at in placed.items() if m not in (s, t) and _meets_box(span, at)]
        hits += sum(wire_meets(w, b, pts) for b in others)
    return hits


def _meets_box(span: Box, at: tuple[float, float]) -> bool:
    b = card_box(*at)
    return span[0] - PAD < b[2] and b[0] - PAD < span[2] and span[1] - PAD < b[3] and b[1] - PAD < span[3]
