"""Where Build Gradient Graph puts the gradient nodes (core/graph/gradient_graph.py).

The original nodes stay where they were (the learner knows that picture),
but for the room a badge needs left of each leaf the gradients read, as
Auto Layout leaves it (``badge_room``). The gradient nodes are a group of
their own, in columns to its right, each column one step further from the
original graph (``STEP``: closer than Auto Layout's columns, so that the
whole reads at Fit): the root's gradient first, level with the root (the
1 the pass starts from), then, as the chain rule runs back, the blog's
d.grad and f.grad, then a.grad over b.grad (a tie in a column goes as the
nodes they are the gradients of: a over b). The original leaves a
gradient reads (the blog's a.grad = d.grad · b reads b) are then drawn as
linked copies beside its port (a leaf used in another group:
gui/canvas/linked/rule.py), not as wires back across the original graph,
which ran under every card of the leaf's row (no height of a.grad takes the
wire from b clear of c, the card right of b); the columns leave
``LINK_ROOM`` for those copies. A product or sum of a wire and a copy
takes them either way round, its copy on the side away from its wire
(the blog's a.grad = b · d.grad, its copy of b above it, d.grad's wire
into its lower port; b.grad = d.grad · a, below: d.grad's wire to b.grad
ran under the copy of a).

The other wires are drawn: from a gradient node, and from an original node
that is not a leaf (the blog's f.grad = L.grad · d reads d). Each gradient
node goes, column by column, to a height near the mean of its drawn
inputs at which its wires pass under few cards it does not connect and it
lies under few wires drawn before it (every wire runs left to right, so a
wire's cards are all placed when its target is): the blog's f.grad goes
above d's row, not level with L, whose card the wire from d crossed. Each
such card counts as three rows further away, a wire under a copy as two (a
fan into cards with copies beside them cannot always miss them: the
neuron's x1.grad … w2.grad, all fed by n.grad), and each row above or
below the cards placed so far as two more: the graph stays compact (kept
off every card at any distance, the gradients of x**3 * y + tanh(x*y)
spread over 17 rows, too tall to read at Fit). In a gradient graph too
wide to read at Fit with every copy's room (``MAX_WIDTH``), a column with
copies stands a plain ``STEP`` on, without their room, when its cards and
copies read about as well there (``TIGHT_ROWS``). A number
(tanh's 1, o.grad) is kept off the rows of the original nodes a gradient
reads by a wire, a row and a half (their wires leave level: at o's height,
tanh's 1 sent the wire from o to 1 − o up round it; a row below, with the
columns closer, the wire from o to 1 + o ran over o.grad's corner).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Collection, Iterable, Mapping
from itertools import permutations

from core.graph.gradient_geometry import (
    COPY_H,
    H2,
    W2,
    Grid,
    card_box,
    copy_box,
    curve_points,
    overlap,
    wire,
    wire_box,
    wire_meets,
)
from core.graph.layout import COLUMN, LINK_ROOM, NODE_W, ROW, layered_positions
from core.graph.model import GraphModel

#: Wire-and-box tests one gradient graph may spend looking for free heights
#: (~10 µs each: the blog's needs ~250, the neuron's ~500, vanishing_tanh's
#: ~100,000, the MLP template's ~600,000); the nodes placed after they are
#: spent go to the free height nearest their inputs, as if no card were in
#: the way (the MLP template's gradient graph: half a second, was six).
BUDGET = 30_000
#: Between the gradient columns: closer than Auto Layout's ``COLUMN`` (a
#: gap of 58, room for a wire's bend), so that the neuron's gradient graph
#: fits a 1,030 px canvas at a zoom where its cards write their names (at
#: 38 % they showed numbers alone: x1.grad could not be told from w2.grad;
#: gui/canvas/cards/card_text.py). A column with copies gets the room Auto
#: Layout leaves them (``LINK_ROOM``). Moving such a column further right
#: so that a fan of wires came down before its copies (the neuron's) cost
#: the labels a column's width: the wires pass under the copies instead.
STEP = 190.0
#: Rows further from its inputs a card goes rather than have a wire pass under one copy.
COPY_ROWS = 2.0
#: Rows further from its inputs a card goes rather than have a wire pass
#: under one card: a few, not any number (kept off every card whatever the
#: distance, the gradients of x**3 * y + tanh(x*y) spread over 17 rows, the
#: wires from x**3 and tanh1 sweeping down the whole group to reach them).
CARD_ROWS = 3.0
#: Rows further a card goes rather than stand a row above or below every
#: card placed before it (the graph taller: smaller at Fit).
GROW_ROWS = 2.0
#: How far (in rows) a number is kept off the rows of the original nodes read by a wire.
NUMBER_ROWS = 1.5
#: The same for the root's gradient, the 1 the gradients start from, level
#: with the root if it may: half a row (kept a row and a half off d's row,
#: the blog's L.grad went below the whole group, its wires climbing it).
SEED_ROWS = 0.5
#: Rows of cost more (summed over the column) that a column with copies may
#: take to stand a plain ``STEP`` from the one before, without their room
#: (``LINK_ROOM``), in a graph wider than ``MAX_WIDTH``: their copies then
#: kept off the cards on their left as wires are. (With the room always, the
#: three columns with copies made x**3 * y + tanh(x*y)'s gradient graph 450
#: wider: 34 % at Fit, not 40 %; with 2, once its products could turn, 300.)
TIGHT_ROWS = 3.0
#: The widest (left of the first card to right of the last, scene units)
#: a gradient graph is made with the copies' room in every column: wider,
#: the columns with copies stand a plain ``STEP`` on where they read as
#: well (``TIGHT_ROWS``), for the whole to read at Fit (x**3 * y + tanh(x*y)'s
#: 2,764 with the room: 34 % in a 1,033-px canvas, not 40 %). Narrower (the
#: blog's, the neuron's), each copy has its room: packed, the blog's copies of
#: b and a stood over and under d.grad, in its column, beside a.grad and
#: b.grad one column on.
MAX_WIDTH = 2400.0
#: Heights tried each side of the one wanted, half a row apart.
TRIES = 24
#: A column of up to this many cards is placed in each order there is (``best_column``).
ORDERS_MAX = 4


def gradient_positions(
    model: GraphModel,
    order: list[str],
    out: GraphModel,
    new: list[str],
    seed: str | None = None,
    of: Mapping[str, str] | None = None,
) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Positions of the original nodes ``order`` (where they are in
    ``model``) and of the gradient nodes ``new`` of ``out`` (inputs first;
    ``seed``: the root's gradient, the 1 it starts from, level with the
    root; ``of``: a gradient node -> the original node it is the gradient
    of); and the nodes of ``new`` whose two inputs are best drawn the
    other way round (``_Placer.turnable``)."""
    at = badge_room(model, order, out, set(new), original_places(model, order))
    place = _Placer(model, order, out, new, seed, of, at)
    col: dict[str, int] = {}
    for n in new:  # inputs first
        col[n] = max((col.get(s, 0) + 1 for s in out.inputs(n) if s in col), default=1)
    columns: dict[int, list[str]] = {}
    for n in new:
        columns.setdefault(col[n], []).append(n)
    pos = place.pos
    x = max(x for x, _ in pos.values()) if pos else 0.0
    extra = LINK_ROOM - (STEP - NODE_W)  # (a column with copies: the room Auto Layout leaves them)
    rooms = [any(place.copied[n] for n in columns[c]) for c in sorted(columns)]
    # every column with copies given their room, unless the whole is then too wide to read at Fit
    width = x + len(rooms) * STEP + extra * sum(rooms) - min((x for x, _ in pos.values()), default=x)
    tight = width > MAX_WIDTH
    for c, room in zip(sorted(columns), rooms):
        x += STEP
        if room:  # (unless tight: a plain STEP where the column reads as well without)
            wide = place.best_column(columns[c], x + extra)
            if tight and place.budget > 0:
                place.unplace(columns[c])
                if place.best_column(columns[c], x) <= wide + TIGHT_ROWS and place.budget > 0:
                    continue
                place.unplace(columns[c])
                place.best_column(columns[c], x + extra)
            x += extra
        else:
            place.best_column(columns[c], x)
    return pos, place.turned


def original_places(model: GraphModel, order: list[str]) -> dict[str, tuple[float, float]]:
    """Where the original nodes ``order`` are in ``model``, unless two of
    their cards lie on each other there: then as Auto Layout lays out a
    graph without groups, from the same top left corner. (The nodes of a
    folded group sit where they go with it open, beside the other groups'
    cards, not their nodes: the gradient graph of an inserted MLP, which
    has no groups for them, had cards half under each other.) Its columns
    are ``STEP`` apart, as the gradients' are."""
    pos = {n: model.position(n) for n in order}
    if not _any_overlap(list(pos.values())):
        return pos
    laid = layered_positions(model, order)
    if len(laid) != len(pos):
        return pos
    x0, y0 = min(x for x, _ in laid.values()), min(y for _, y in laid.values())
    left, top = min(x for x, _ in pos.values()), min(y for _, y in pos.values())
    # its columns as close as the gradients' (the whole reads at Fit; the copies' room: badge_room)
    return {n: (left + (laid[n][0] - x0) * STEP / COLUMN, top + laid[n][1] - y0) for n in order}


def _any_overlap(places: list[tuple[float, float]]) -> bool:
    """Do any two cards at ``places`` (their centres) lie on each other?"""
    places = sorted(places)
    for i, (x, y) in enumerate(places):
        for x2, y2 in places[i + 1 :]:
            if x2 - x >= NODE_W:
                break
            if abs(y2 - y) < 2 * H2:
                return True
    return False


def badge_room(
    model: GraphModel,
    order: list[str],
    out: GraphModel,
    new: Collection[str],
    at: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """Where the original nodes ``order`` go: where they are in ``model``
    (or ``at``), but with room left of each leaf a gradient of ``new`` reads (drawn
    there as a copy: its card gets a badge counting them) for that badge,
    as Auto Layout leaves it (``LINK_ROOM``): the original nodes from its
    left side on move right as far as that needs, one leaf after another
    from the left. (The blog's f, a column right of c, read "×1" where a
    and b read "×1 copy".)"""
    pos = dict(at) if at is not None else {n: model.position(n) for n in order}
    read = sorted(
        (pos[n][0], n) for n in order if model.op(n) == "leaf" and any(t in new for t, _p in out.consumers(n))
    )
    level = H2 + COPY_H / 2  # (a card within this of the leaf's height stands beside its badge)
    for _x, n in read:
        x, y = pos[n]
        lefts = [px + W2 for px, py in pos.values() if px < x and abs(py - y) < level]
        need = LINK_ROOM - (x - W2 - max(lefts)) if lefts else 0.0
        if need > 0:
            pos = {m: (px + need, py) if px >= x else (px, py) for m, (px, py) in pos.items()}
    return pos


class _Placer:
    """The cards, copies and wires placed so far, filed for finding those
    near a wire or a card, and the gradient nodes' heights found one column
    at a time (``column``)."""

    def __init__(
        self,
        model: GraphModel,
        order: list[str],
        out: GraphModel,
        new: list[str],
        seed: str | None = None,
        of: Mapping[str, str] | None = None,
        at: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        self.out, self.seed = out, seed
        self.pos = dict(at) if at is not None else {n: model.position(n) for n in order}
        #: Each gradient node of an original node: that node's height (the column's order on a tie).
        self.mirror = {
            g: self.pos[n][1] if n in self.pos else model.position(n)[1] for g, n in (of or {}).items()
        }
        self.original = set(order)
        self.root_y = self.pos[order[-1]][1] if order else 0.0  # (inputs first: the root last)
        leaves = {n for n in order if model.op(n) == "leaf"}
        self.copied = {n: [p for p, s in enumerate(out.inputs(n)) if s in leaves] for n in new}
        self.drawn = {n: [(s, p) for p, s in enumerate(out.inputs(n)) if s not in leaves] for n in new}
        #: A product or sum of a drawn input and a copy may take them either
        #: way round: its copy on the side away from the wire (the blog's
        #: b.grad = d.grad · a, its copy of a below its ports, lay across
        #: the wire from d.grad to a.grad under it; a · d.grad has it above).
        self.turnable = {
            n
            for n in new
            if out.op(n) in ("mul", "add") and len(self.copied[n]) == 1 and len(self.drawn[n]) == 1
        }
        self.turned: set[str] = set()
        #: The heights of the original nodes a gradient reads by a wire: wires
        #: leave them level, so a number (no inputs) is kept off those rows.
        self.read_rows = sorted(
            {self.pos[s][1] for ins in self.drawn.values() for s, _p in ins if s in self.pos}
        )
        self.budget = BUDGET
        self.boxes = Grid()  # of (node, box, a card?): a card, or a copy beside one
        for n, (x, y) in self.pos.items():
            self.boxes.add(card_box(x, y), (n, card_box(x, y), True))
        self.wires = Grid()  # of (wire, its curve's points)
        #: Each placed gradient node's filed things: its boxes' keys, its wires' as -1 - key.
        self.filed: dict[str, list[int]] = {}
        #: The highest and lowest of the cards placed (``column`` keeps it).
        self.span = (self.root_y, self.root_y)

    def column(self, nodes: list[str], x: float, order: tuple[int, ...] = ()) -> float:
        """Place ``nodes`` at ``x``, in the order of the mean height of their
        drawn inputs (of all, with none), each at its ``_free_height``; the
        sum of their costs (in rows). ``order``: that order taken in this
        order of its places instead (``best_column``)."""
        pos, want = self.pos, {}
        for n in nodes:
            ys = [pos[s][1] for s, _p in self.drawn[n]] or [pos[s][1] for s in self.out.inputs(n) if s in pos]
            if not ys:  # a number (tanh's 1, o.grad): level with what its users read of the graph
                ys = [
                    pos[s][1]
                    for t, _p in self.out.consumers(n)
                    for s in self.out.inputs(t)
                    if s in self.original
                ]
            want[n] = sum(ys) / len(ys) if ys and n != self.seed else self.root_y
        taken: list[float] = []
        total = 0.0
        ys = [y for _x, y in pos.values()]
        self.span = (min(ys), max(ys)) if ys else (self.root_y, self.root_y)
        # the column in the order of those wishes (of what they are the gradients of, on a tie: the
        # blog's a.grad over b.grad, as a over b), each wish on the originals' rows and a row from the next
        nodes = sorted(nodes, key=lambda n: (want[n], self.mirror.get(n, 0.0)))
        want.update(_spread([n for n in nodes if self.out.inputs(n)], want, self.root_y))
        for n in [nodes[i] for i in order] if order else nodes:
            y, cost, turn = self._free_height(n, x, want[n], len(self.out.inputs(n)), taken)
            self._turn(n, turn)
            pos[n] = (x, y)
            taken.append(y)
            self._file(n)
            self.span = (min(self.span[0], y), max(self.span[1], y))
            total += cost
        return total

    def best_column(self, nodes: list[str], x: float) -> float:
        """``column``; where a wire then passes under a copy, its cards
        placed in each other order there is (a column of up to
        ``ORDERS_MAX``, the budget allowing), the one with the fewest wires
        under copies, then of least cost. Placed in the order of their
        wishes, a card with a copy saw none of the wires of the cards placed
        after it (trial 70 #3: y.grad·3's copy of 3 hung below its ports,
        and the wires from y.grad and 2·x to y.grad·(2·x), placed next, ran
        under it: 3 read as feeding y.grad·(2·x))."""
        cost = self.column(nodes, x)
        best: tuple[int, ...] = ()
        placed: tuple[int, ...] = ()
        least = (self.copies_crossed(nodes), cost)
        if not least[0] or len(nodes) > ORDERS_MAX:
            return cost
        for order in list(permutations(range(len(nodes))))[1:]:
            if self.budget <= 0 or not least[0]:
                break
            self.unplace(nodes)
            placed, tried = order, self.column(nodes, x, order)
            if (self.copies_crossed(nodes), tried) < least:
                best, least = order, (self.copies_crossed(nodes), tried)
        if placed != best:
            self.unplace(nodes)
            self.column(nodes, x, best)
        return least[1]

    def copies_crossed(self, nodes: list[str]) -> int:
        """How many times a wire into ``nodes`` passes under a copy, or one passes under theirs."""
        hits = 0
        for n in nodes:
            x, y = self.pos[n]
            arity = len(self.out.inputs(n))
            for s, p in self.drawn[n]:
                w = wire(self.pos[s], (x, y), p, arity)
                pts = list(curve_points(w))
                hits += sum(
                    1
                    for m, b, is_card in self.boxes.near(wire_box(w))
                    if not is_card and wire_meets(w, b, pts, False)
                )
            for p in self.copied[n]:
                b = copy_box(x, y, p, arity)
                hits += sum(1 for w, pts in self.wires.near(b) if wire_meets(w, b, pts, False))
        return hits

    def _turn(self, n: str, turn: bool) -> None:
        """Draw ``n``'s two inputs the other way round (``turnable``) or back."""
        if turn != (n in self.turned):
            self.copied[n] = [1 - p for p in self.copied[n]]
            self.drawn[n] = [(s, 1 - p) for s, p in self.drawn[n]]
            self.turned ^= {n}

    def _file(self, n: str) -> None:
        """File ``n``'s card, copies and drawn wires where it is now."""
        x, y = self.pos[n]
        arity = len(self.out.inputs(n))
        self.filed[n] = [self.boxes.add(card_box(x, y), (n, card_box(x, y), True))]
        for p in self.copied[n]:
            self.filed[n].append(
                self.boxes.add(copy_box(x, y, p, arity), (n, copy_box(x, y, p, arity), False))
            )
        self.filed[n] += [
            -1 - self.wires.add(wire_box(w), (w, list(curve_points(w))))
            for s, p in self.drawn[n]
            for w in [wire(self.pos[s], (x, y), p, arity)]
        ]

    def unplace(self, nodes: list[str]) -> None:
        """Take the column ``nodes`` away again (their cards, copies and wires)."""
        for n in nodes:
            for k in self.filed.pop(n):
                (self.wires if k < 0 else self.boxes).drop(-1 - k if k < 0 else k)
            del self.pos[n]

    def _free_height(
        self, n: str, x: float, want: float, arity: int, taken: list[float]
    ) -> tuple[float, float, bool]:
        """The height for ``n`` at ``x``: of those half a row apart, a row
        from the column's others (``taken``), the one of least cost, in rows:
        its rows from ``want``; ``CARD_ROWS`` for each card its drawn wires,
        card and copies meet among those placed so far (and a copy over a
        card); ``COPY_ROWS`` for each copy met (its own too: a wire into its
        upper port from below passes the copy at the lower one; a fan of
        wires into cards with copies cannot miss them all: kept off them as
        off cards, the neuron's four spread over eight rows); and
        ``GROW_ROWS`` for each row it stands above or below every card placed
        (``span``). A ``turnable`` node is tried both ways round at each
        height. Once the tests of the budget are spent, the best so far
        or the nearest free one. And its cost, and whether it is turned."""
        best: tuple[float, float, bool] | None = None  # (cost, height, turned)
        turns = (False, True) if n in self.turnable else (False,)
        for k in range(2 * TRIES + 1):
            away = (k + 1) // 2 / 2  # rows
            y = want + away * ROW * (1 if k % 2 else -1)
            if best is not None and away >= best[0]:
                break  # (nothing further is better)
            if any(abs(y - t) < ROW for t in taken):
                continue
            if self.budget <= 0:  # (spent: the best so far, or the nearest free height)
                return (best[1], best[0], best[2]) if best is not None else (y, away, n in self.turned)
            for turn in turns:
                self._turn(n, turn)
                cost = self._cost(n, x, y, arity) + away
                if best is None or cost < best[0]:
                    best = (cost, y, turn)
        if best is not None:
            return best[1], best[0], best[2]
        # (every height tried taken: a column of 137)
        return _nearest_free(want, taken), 0.0, n in self.turned

    def _cost(self, n: str, x: float, y: float, arity: int) -> float:
        """``_free_height``'s cost of ``n`` at (x, y), but for its distance from where it wants to be."""
        pos = self.pos
        card = card_box(x, y)
        copies = [copy_box(x, y, p, arity) for p in self.copied[n]]
        cards = pills = 0
        for s, p in self.drawn[n]:
            w = wire(pos[s], (x, y), p, arity)
            pts = list(curve_points(w))
            near = self.boxes.near(wire_box(w))
            self.budget -= len(near) + len(copies)
            for m, b, is_card in near:
                if m not in (s, n) and wire_meets(w, b, pts, is_card):
                    if is_card:
                        cards += 1
                    else:
                        pills += 1
            pills += sum(1 for b in copies if wire_meets(w, b, pts, chord=False))
        for b in copies:  # (a column without the copies' room: one over a card on its left)
            cards += sum(1 for m, c, is_card in self.boxes.near(b) if is_card and m != n and overlap(b, c))
        for b in [card, *copies]:
            near = self.wires.near(b)
            self.budget -= len(near)
            hit = sum(1 for w, pts in near if wire_meets(w, b, pts, b is card))
            if b is card:
                cards += hit
            else:
                pills += hit
        if not self.out.inputs(n):  # (a wire still to come from such a row would meet it)
            off = ROW * (SEED_ROWS if n == self.seed else NUMBER_ROWS)
            cards += sum(1 for r in self.read_rows if abs(r - y) < off)
        beyond = max(0.0, y - self.span[1], self.span[0] - y) / ROW
        return cards * CARD_ROWS + pills * COPY_ROWS + beyond * GROW_ROWS


def _spread(nodes: list[str], want: Mapping[str, float], root_y: float) -> dict[str, float]:
    """The wishes of a column's ``nodes`` (in that order, top first) on the
    rows half a ``ROW`` apart through ``root_y``, each a row below the one
    before, moved as little as that needs (from the top down, from the
    bottom up: the mean of both), so that several wishing for one height
    stand round it (the blog's a.grad and b.grad round d.grad's, not one
    level with it and the other a row off), not each taking the nearest free
    height after the one before."""

    def row(y: float) -> float:
        return root_y + math.floor((y - root_y) / (ROW / 2) + 0.5) * ROW / 2

    ys = [row(want[n]) for n in nodes]
    down, up = list(ys), list(ys)
    for i in range(1, len(ys)):
        down[i] = max(ys[i], down[i - 1] + ROW)
    for i in range(len(ys) - 2, -1, -1):
        up[i] = min(ys[i], up[i + 1] - ROW)
    return {n: row((a + b) / 2) for n, a, b in zip(nodes, down, up)}


def _nearest_free(want: float, taken: Iterable[float]) -> float:
    """The height nearest ``want``, half a row apart, a row from each of
    ``taken``: past the heights the search tries, each card still its own."""
    ts = sorted(taken)
    k = 0
    while True:
        y = want + (k + 1) // 2 / 2 * ROW * (1 if k % 2 else -1)
        i = bisect.bisect_left(ts, y)
        if all(abs(y - t) >= ROW for t in ts[max(0, i - 1) : i + 1]):
            return y
        k += 1
