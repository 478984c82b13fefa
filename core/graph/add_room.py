"""Rows for the cards the f(x) bar (and File › Import Code › Add to Graph)
adds beside a graph, chosen so that their wires pass under no card.

The new cards are laid out on their own (core/code/codeadd.py), then moved
right of the graph, level with the cards they read. The canvas is taken as
drawn (core/graph/drawn_canvas.py): a folded group's card for its nodes, a
wire from a node folded away leaving that card's row (trial 68: loss's
hidden card, not the "loss" card drawn for it, was read). A wire from a card already there ran under
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

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.graph.gradient_geometry import (
    COPY_STUB,
    COPY_W,
    H2,
    PAD,
    STEPS,
    W2,
    Box,
    Wire,
    card_box,
    curve_points,
    wire,
    wire_meets,
)
from core.graph.layout import COLUMN, ROW

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
#: A wire longer than this (across many columns of a big graph) is not
#: counted: it passes over the graph wherever its card goes, and counting
#: the cards along it, a row tried, cost a second at 50,000 nodes.
LONG = 6 * COLUMN


@dataclass(frozen=True)
class Adding:
    """New cards beside a graph, as :func:`clear_rows` and
    :func:`clear_offset` both take them (one set, so the two stay in step).
    ``pos``: the new cards, where the block put them; ``old``: the canvas's
    nodes, each where a card would be whose output port is where its wires
    leave (its own card; a row of its folded group's card:
    ``DrawnCanvas.source``); ``edges``: the new wires (source, target,
    port), their sources new or old; ``arity``: any card's number of
    inputs; ``boxes``: each card drawn on the canvas (a node's, a folded
    group's), by key; ``wires_of``: a drawn card's wires, each with the keys
    of the cards it joins; ``card_of``: the key of an old node's card;
    ``drawn``: whether a new wire is drawn (not a linked copy); ``frames``:
    the open groups' frames, where no new card goes; ``copied``: the new
    cards with linked copies left of them (kept clear with the card)."""

    pos: Pos
    old: Mapping[str, tuple[float, float]]
    edges: Sequence[Edge]
    arity: Callable[[str], int]
    boxes: Mapping[str, Box]
    wires_of: Callable[[str], Iterable[tuple[Wire, tuple[str, str]]]]
    card_of: Callable[[str], str] = lambda n: n
    drawn: Callable[[str, str], bool] = lambda _s, _t: True
    frames: Sequence[Box] = ()
    copied: Collection[str] = ()


def clear_rows(add: Adding, near_ok: bool = True) -> Pos:
    """``add.pos`` with cards moved where their wires in pass under no
    card; ``near_ok``: whether a card may go next to its inputs."""
    canvas = _canvas(add)
    if canvas is None:
        return dict(add.pos)
    pos, old, arity, drawn, card_of = add.pos, add.old, add.arity, add.drawn, add.card_of
    ins: dict[str, list[Edge]] = {}
    for e in add.edges:
        if e[1] in pos and (e[0] in pos or e[0] in old):
            ins.setdefault(e[1], []).append(e)
    placed: Pos = {}
    new_wires: list[tuple[Wire, list, tuple[str, str]]] = []
    # the wires from the canvas into cards not placed yet, where the block has them: a card
    # left of its consumer kept off them (the f(x) bar's 2 of ``half = loss / 2`` went level
    # with loss's wire to half, and half, placed after it, had to move down and away)
    waiting: dict[str, list[tuple[Wire, list, tuple[str, str]]]] = {}
    for s, t, p in add.edges:
        if t in pos and s in old and drawn(s, t):
            w = wire(old[s], pos[t], p, arity(t))
            waiting.setdefault(t, []).append((w, list(curve_points(w)), (s, t)))
    # a card feeding a lower port of a new card tries the rows below first (the 2 of
    # ``half = loss / 2``, above half, sent its wire across loss's into half's lower port)
    lean = {s: 1 if p > (arity(t) - 1) / 2 else -1 for s, t, p in add.edges if s in pos and t in pos}
    for n in sorted(pos, key=lambda k: (pos[k][0], pos[k][1])):
        waiting.pop(n, None)
        later = [w for ws in waiting.values() for w in ws]
        best = None
        for cost, spot in _spots(n, pos[n], ins.get(n, []), old, near_ok, lean.get(n, -1)):
            box = card_box(*spot)
            if _touches(_with_copies(box, n in add.copied), canvas, placed, add.frames, add.copied):
                continue
            hits = _hits(spot, ins.get(n, []), old, arity, canvas, placed, drawn, card_of)
            near = [canvas.wires_near(box), new_wires, later]
            under = [w for ws in near for w in ws if _meets_box(_box_of(w[1]), box)]
            hits += sum(wire_meets(w, box, pts) for w, pts, ends in under if n not in ends)
            key = (hits, cost)
            if best is None or key < best[0]:
                best = (key, spot)
            if key == (0, 0):
                break
        spot = best[1] if best is not None else pos[n]
        placed[n] = spot
        for s, t, p in ins.get(n, []):
            if drawn(s, t):  # (a new source right of its card, not placed yet: where it is laid)
                src = placed[s] if s in placed else old[s] if s in old else pos[s]
                w = wire(src, spot, p, arity(t))
                new_wires.append((w, list(curve_points(w)), (s, t)))
    return placed


def tangled(add: Adding, placed: Pos) -> int:
    """How many cards (other than their ends) the new wires into the cards
    at ``placed`` still meet: what no row in reach could clear."""
    canvas = _canvas(add)
    if canvas is None:
        return 0
    ins: dict[str, list[Edge]] = {}
    for e in add.edges:
        if e[1] in placed and (e[0] in placed or e[0] in add.old):
            ins.setdefault(e[1], []).append(e)
    return sum(
        _hits(placed[n], ins.get(n, []), add.old, add.arity, canvas, placed, add.drawn, add.card_of)
        for n in placed
    )


def crowded(add: Adding, placed: Pos) -> int:
    """How many new cards at ``placed`` come near another card (the
    canvas's, another new one's, an open frame) or lie on a canvas wire:
    a place :func:`clear_rows` kept only for want of a clear one."""
    canvas = _canvas(add)
    if canvas is None:
        return 0
    out = 0
    for n, at in placed.items():
        box = card_box(*at)
        others = {m: p for m, p in placed.items() if m != n}
        out += _touches(_with_copies(box, n in add.copied), canvas, others, add.frames, add.copied)
        out += sum(wire_meets(w, box, pts) for w, pts, ends in canvas.wires_near(box) if n not in ends)
    return out


def crossings(pos: Pos, edges: Iterable[Edge], arity: Callable[[str], int]) -> int:
    """How many (wire, card) pairs meet among ``edges`` between the cards at
    ``pos``, a card not the wire's own end (a small graph's: each wire
    against each card)."""
    boxes = {n: card_box(*p) for n, p in pos.items()}
    out = 0
    for s, t, p in edges:
        if s not in pos or t not in pos:
            continue
        w = wire(pos[s], pos[t], p, arity(t))
        pts = list(curve_points(w))
        out += sum(wire_meets(w, b, pts) for n, b in boxes.items() if n not in (s, t))
    return out


def crossed_inputs(wires: Iterable[tuple[str, Wire]]) -> int:
    """How many pairs of ``wires`` (each with the card it runs into) into
    one card cross, each as the straight line between its ports: the
    order of their sources against that of the card's ports (``w = x + 1``
    above the graph: its 1 above x, into the lower port, crossed x's wire)."""
    into: dict[str, list[Wire]] = {}
    for t, w in wires:
        into.setdefault(t, []).append(w)
    return sum(_cross(a, b) for ws in into.values() for i, a in enumerate(ws) for b in ws[i + 1 :])


def _cross(a: Wire, b: Wire) -> bool:
    """Whether the open segments ``a`` and ``b`` cross (not just touch)."""

    def side(w: Wire, x: float, y: float) -> float:
        return (w[2] - w[0]) * (y - w[1]) - (w[3] - w[1]) * (x - w[0])

    return side(a, b[0], b[1]) * side(a, b[2], b[3]) < 0 and side(b, a[0], a[1]) * side(b, a[2], a[3]) < 0


def clear_offset(add: Adding) -> Pos:
    """``add.pos`` moved up or down as one block (its groups' frames whole),
    by the nearest of the rows tried where the wires from the canvas into
    it meet the fewest cards."""
    canvas = _canvas(add)
    if canvas is None:
        return dict(add.pos)
    pos, old, arity, drawn = add.pos, add.old, add.arity, add.drawn
    into = [e for e in add.edges if e[1] in pos and e[0] in old and drawn(e[0], e[1])]
    best: tuple[tuple[int, int], float] | None = None
    for k in [0, *(s * k for k in range(1, TRIES + 1) for s in (-1, 1))]:
        dy = k * STEP
        moved = {n: (x, y + dy) for n, (x, y) in pos.items()}
        hits = sum(
            _hits(moved[t], [(s, t, p)], old, arity, canvas, moved, drawn, add.card_of) for s, t, p in into
        )
        key = (hits, abs(k))
        if best is None or key < best[0]:
            best = (key, dy)
        if hits == 0:
            break
    dy = best[1] if best is not None else 0.0
    return {n: (x, y + dy) for n, (x, y) in pos.items()}


def _canvas(add: Adding) -> _Canvas | None:
    """The canvas the new cards' wires are counted against, for
    :func:`clear_rows` and :func:`clear_offset` alike; None where there is
    nothing to clear: no new card, too many (a whole file imported: they
    keep their places), or no drawn wire from the canvas into them (the
    block alone, as laid out)."""
    pos, old, drawn = add.pos, add.old, add.drawn
    if not pos or len(pos) > MAX_NEW:
        return None
    if not any(s in old and drawn(s, t) for s, t, _p in add.edges if t in pos):
        return None
    return _Canvas(add.boxes, add.wires_of)


class _Canvas:
    """The canvas's cards filed by the cell their centre is in (one pass
    over them), and their wires made when a box near them asks."""

    CELL = 240.0

    def __init__(
        self, boxes: Mapping[str, Box], wires_of: Callable[[str], Iterable[tuple[Wire, tuple[str, str]]]]
    ) -> None:
        self.boxes, self.wires_of = boxes, wires_of
        c = self.CELL
        self.cells: dict[tuple[int, int], list[str]] = {}
        #: how far a card reaches from its centre, at most (a folded card is bigger than a node's)
        self.reach = (W2, H2)
        for n, (x1, y1, x2, y2) in boxes.items():
            self.cells.setdefault((int((x1 + x2) / 2 // c), int((y1 + y2) / 2 // c)), []).append(n)
            self.reach = (max(self.reach[0], (x2 - x1) / 2), max(self.reach[1], (y2 - y1) / 2))
        self._wires: dict[str, list[tuple[Wire, list, tuple[str, str]]]] = {}

    def cards_near(self, b: Box) -> list[tuple[str, Box]]:
        """The cards (key, box) meeting ``b`` padded by ``PAD``."""
        c, boxes = self.CELL, self.boxes
        rx, ry = self.reach
        x1, y1, x2, y2 = b[0] - rx - PAD, b[1] - ry - PAD, b[2] + rx + PAD, b[3] + ry + PAD
        out = []
        for i in range(int(x1 // c), int(x2 // c) + 1):
            for j in range(int(y1 // c), int(y2 // c) + 1):
                for n in self.cells.get((i, j), ()):
                    if _meets_box(boxes[n], b):
                        out.append((n, boxes[n]))
        return out

    def wires_near(self, b: Box) -> list[tuple[Wire, list, tuple[str, str]]]:
        """The wires of the cards within a column or two of ``b`` (a wire
        under it runs between such cards, mostly), made once each."""
        reach = (b[0] - 2 * COLUMN, b[1] - ROW, b[2] + 2 * COLUMN, b[3] + ROW)
        out, seen = [], set()
        for n, _box in self.cards_near(reach):
            got = self._wires.get(n)
            if got is None:
                got = self._wires[n] = [(w, list(curve_points(w)), ends) for w, ends in self.wires_of(n)]
            for w, pts, ends in got:
                if w not in seen and _meets_box(_box_of(pts), b):
                    seen.add(w)
                    out.append((w, pts, ends))
        return out


def _spots(
    n: str, at: tuple[float, float], into: list[Edge], old: Mapping, near_ok: bool, lean: int = -1
) -> list[tuple[float, tuple[float, float]]]:
    """(cost, spot): the card's place, rows above and below it (first
    those on the side of ``lean``, -1 above), and (its inputs all on the
    canvas) the column right of them, nearest first."""
    x, y = at
    out = [(0.0, at)]
    for k in range(1, TRIES + 1):
        out += [(float(k), (x, y + lean * k * STEP)), (float(k), (x, y - lean * k * STEP))]
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


def _box_of(pts: list[tuple[float, float]]) -> Box:
    return (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))


def _with_copies(box: Box, copied: bool) -> Box:
    """A card's box, with its linked copies left of it if it has them."""
    return (box[0] - COPY_STUB - COPY_W, box[1], box[2], box[3]) if copied else box


def _touches(
    box: Box, canvas: _Canvas, placed: Pos, frames: Sequence[Box] = (), copied: Collection[str] = ()
) -> bool:
    """Does a card at ``box`` come within ``GAP`` of a canvas card or a
    placed new one (with their copies), or into an open group's frame?"""
    g = GAP + PAD

    def meets(b: Box) -> bool:
        return box[0] - g < b[2] and b[0] - g < box[2] and box[1] - g < b[3] and b[1] - g < box[3]

    grown = (box[0] - g, box[1] - g, box[2] + g, box[3] + g)
    return (
        any(meets(b) for _n, b in canvas.cards_near(grown))
        or any(meets(_with_copies(card_box(*at), m in copied)) for m, at in placed.items())
        or any(meets(f) for f in frames)
    )


def _hits(
    spot: tuple[float, float],
    into: list[Edge],
    old: Mapping[str, tuple[float, float]],
    arity: Callable[[str], int],
    canvas: _Canvas,
    placed: Pos,
    drawn: Callable[[str, str], bool],
    card_of: Callable[[str], str] = lambda n: n,
) -> int:
    """How many cards (other than its ends) the wires ``into`` a card at ``spot`` meet."""
    hits = 0
    for s, t, p in into:
        if not drawn(s, t) or (s not in placed and s not in old):
            continue
        w = wire(placed[s] if s in placed else old[s], spot, p, arity(t))
        if abs(w[2] - w[0]) > LONG:
            continue
        pts = list(curve_points(w))
        span = _box_of([*pts, (w[0], w[1]), (w[2], w[3])])
        own = card_of(s) if s in old else s
        others = [b for m, b in _along(w, pts, canvas).items() if m not in (own, t)]
        others += [
            card_box(*at) for m, at in placed.items() if m not in (s, t) and _meets_box(span, card_box(*at))
        ]
        hits += sum(wire_meets(w, b, pts) for b in others)
    return hits


def _along(w: Wire, pts: list, canvas: _Canvas) -> dict[str, Box]:
    """The canvas's cards near the wire's path: asked piece by piece (a long
    wire across a big graph: the cards along it, not all in its box)."""
    found: dict[str, Box] = {}
    x1, y1, x2, y2 = w
    chord = [(x1 + (x2 - x1) * k / STEPS, y1 + (y2 - y1) * k / STEPS) for k in range(STEPS + 1)]
    for line in (pts, chord):  # (a card is measured by the chord too: wire_meets)
        for (ax, ay), (bx, by) in zip(line, line[1:]):
            for n, b in canvas.cards_near((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))):
                found[n] = b
    return found


def _meets_box(a: Box, b: Box) -> bool:
    return a[0] - PAD < b[2] and b[0] - PAD < a[2] and a[1] - PAD < b[3] and b[1] - PAD < a[3]
