"""Where Build Gradient Graph puts the gradient nodes (core/graph/gradient_graph.py).

The original nodes stay where they were (the learner knows that picture).
The gradient nodes are a group of their own, in columns to its right, each
column one step further from the original graph (``STEP``: closer than
Auto Layout's columns, so that the whole reads at Fit). The original leaves a
gradient reads (the blog's a.grad = d.grad · b reads b) are then drawn as
linked copies beside its port (a leaf used in another group:
gui/canvas/linked/rule.py), not as wires back across the original graph,
which ran under every card of the leaf's row (no height of a.grad takes the
wire from b clear of c, the card right of b); the columns leave
``LINK_ROOM`` for those copies.

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
spread over 17 rows, too tall to read at Fit). A column with copies stands
a plain ``STEP`` on, without their room, when its cards and copies read
about as well there (``TIGHT_ROWS``). A number
(tanh's 1, o.grad) is kept off the rows of the original nodes a gradient
reads by a wire, a row and a half (their wires leave level: at o's height,
tanh's 1 sent the wire from o to 1 − o up round it; a row below, with the
columns closer, the wire from o to 1 + o ran over o.grad's corner).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from core.graph.layout import LINK_ROOM, NODE_H, NODE_W, ROW
from core.graph.model import GraphModel

Box = tuple[float, float, float, float]  # left, top, right, bottom
Wire = tuple[float, float, float, float]  # x1, y1, x2, y2: an output port to an input port

W2, H2 = NODE_W / 2, NODE_H / 2
#: The ports' heights below a card's centre, as the canvas draws them
#: (gui/canvas/painting.py: OUT_Y; PORT_YS, a two-input card's 22 apart).
PORT_DY = 11.0
PORT_GAP = 22.0
#: Slack around a card that a wire keeps clear of (the pen: curve_bounds.PAD).
PAD = 8.0
#: A linked copy at its largest (gui/canvas/linked/copy_item.py: room_rect):
#: its width, its height, its gap to the card's side and, on a two-input
#: card, between the two.
COPY_W, COPY_H, COPY_STUB, COPY_GAP = LINK_ROOM - 20.0 - 12.0, 48.0, 12.0, 16.0
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
#: Rows of cost more (summed over the column) that a column with copies may
#: take to stand a plain ``STEP`` from the one before, without their room
#: (``LINK_ROOM``): their copies then kept off the cards on their left as
#: wires are. (With the room always, the three columns with copies made
#: x**3 * y + tanh(x*y)'s gradient graph 450 wider: 34 % at Fit, not 40 %.)
TIGHT_ROWS = 2.0
#: Heights tried each side of the one wanted, half a row apart.
TRIES = 24
#: Points a wire's curve is checked at (a cubic, in straight pieces between them).
STEPS = 16


def gradient_positions(
    model: GraphModel, order: list[str], out: GraphModel, new: list[str]
) -> dict[str, tuple[float, float]]:
    """Positions of the original nodes ``order`` (where they are in
    ``model``) and of the gradient nodes ``new`` of ``out`` (inputs first)."""
    place = _Placer(model, order, out, new)
    col: dict[str, int] = {}
    for n in new:  # inputs first
        col[n] = max((col.get(s, 0) + 1 for s in out.inputs(n) if s in col), default=1)
    columns: dict[int, list[str]] = {}
    for n in new:
        columns.setdefault(col[n], []).append(n)
    pos = place.pos
    x = max(x for x, _ in pos.values()) if pos else 0.0
    for c in sorted(columns):
        room = any(place.copied[n] for n in columns[c])
        x += STEP
        if room:  # (the room Auto Layout leaves copies, unless the column reads as well without)
            wide = place.column(columns[c], x + LINK_ROOM - (STEP - NODE_W))
            if place.budget > 0:
                place.unplace(columns[c])
                if place.column(columns[c], x) <= wide + TIGHT_ROWS and place.budget > 0:
                    continue
                place.unplace(columns[c])
                place.column(columns[c], x + LINK_ROOM - (STEP - NODE_W))
            x += LINK_ROOM - (STEP - NODE_W)
        else:
            place.column(columns[c], x)
    return pos


class _Placer:
    """The cards, copies and wires placed so far, filed for finding those
    near a wire or a card, and the gradient nodes' heights found one column
    at a time (``column``)."""

    def __init__(self, model: GraphModel, order: list[str], out: GraphModel, new: list[str]) -> None:
        self.out = out
        self.pos = {n: model.position(n) for n in order}
        self.original = set(order)
        self.root_y = self.pos[order[-1]][1] if order else 0.0  # (inputs first: the root last)
        leaves = {n for n in order if model.op(n) == "leaf"}
        self.copied = {n: [p for p, s in enumerate(out.inputs(n)) if s in leaves] for n in new}
        self.drawn = {n: [(s, p) for p, s in enumerate(out.inputs(n)) if s not in leaves] for n in new}
        #: The heights of the original nodes a gradient reads by a wire: wires
        #: leave them level, so a number (no inputs) is kept off those rows.
        self.read_rows = sorted(
            {self.pos[s][1] for ins in self.drawn.values() for s, _p in ins if s in self.pos}
        )
        self.budget = BUDGET
        self.boxes = _Grid()  # of (node, box, a card?): a card, or a copy beside one
        for n, (x, y) in self.pos.items():
            self.boxes.add(card_box(x, y), (n, card_box(x, y), True))
        self.wires = _Grid()  # of (wire, its curve's points)
        #: Each placed gradient node's filed things: its boxes' keys, its wires' as -1 - key.
        self.filed: dict[str, list[int]] = {}
        #: The highest and lowest of the cards placed (``column`` keeps it).
        self.span = (self.root_y, self.root_y)

    def column(self, nodes: list[str], x: float) -> float:
        """Place ``nodes`` at ``x``, in the order of the mean height of their
        drawn inputs (of all, with none), each at its ``_free_height``; the
        sum of their costs (in rows)."""
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
            want[n] = sum(ys) / len(ys) if ys else self.root_y
        taken: list[float] = []
        total = 0.0
        ys = [y for _x, y in pos.values()]
        self.span = (min(ys), max(ys)) if ys else (self.root_y, self.root_y)
        for n in sorted(nodes, key=want.__getitem__):
            y, cost = self._free_height(n, x, want[n], len(self.out.inputs(n)), taken)
            pos[n] = (x, y)
            taken.append(y)
            self._file(n)
            self.span = (min(self.span[0], y), max(self.span[1], y))
            total += cost
        return total

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
    ) -> tuple[float, float]:
        """The height for ``n`` at ``x``: of those half a row apart, a row
        from the column's others (``taken``), the one of least cost, in rows:
        its rows from ``want``; ``CARD_ROWS`` for each card its drawn wires,
        card and copies meet among those placed so far (and a copy over a
        card); ``COPY_ROWS`` for each copy met (its own too: a wire into its
        upper port from below passes the copy at the lower one; a fan of
        wires into cards with copies cannot miss them all: kept off them as
        off cards, the neuron's four spread over eight rows); and
        ``GROW_ROWS`` for each row it stands above or below every card placed
        (``span``). Once the tests of the budget are spent, the best so far
        or the nearest free one. And its cost."""
        pos = self.pos
        best: tuple[float, float] | None = None  # (cost, height)
        for k in range(2 * TRIES + 1):
            away = (k + 1) // 2 / 2  # rows
            y = want + away * ROW * (1 if k % 2 else -1)
            if best is not None and away >= best[0]:
                break  # (nothing further is better)
            if any(abs(y - t) < ROW for t in taken):
                continue
            if self.budget <= 0:  # (spent: the best so far, or the nearest free height)
                return (best[1], best[0]) if best is not None else (y, away)
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
                cards += sum(
                    1 for m, c, is_card in self.boxes.near(b) if is_card and m != n and _overlap(b, c)
                )
            for b in [card, *copies]:
                near = self.wires.near(b)
                self.budget -= len(near)
                hit = sum(1 for w, pts in near if wire_meets(w, b, pts, b is card))
                if b is card:
                    cards += hit
                else:
                    pills += hit
            if not self.out.inputs(n):  # (a wire still to come from such a row would meet it)
                cards += sum(1 for r in self.read_rows if abs(r - y) < ROW * NUMBER_ROWS)
            beyond = max(0.0, y - self.span[1], self.span[0] - y) / ROW
            cost = cards * CARD_ROWS + pills * COPY_ROWS + away + beyond * GROW_ROWS
            if best is None or cost < best[0]:
                best = (cost, y)
        if best is not None:
            return best[1], best[0]
        return _nearest_free(want, taken), 0.0  # (every height tried taken: a column of 137)


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


class _Grid:
    """Things filed by the cells of a grid their boxes meet, so that what
    is near a box is found without looking at the rest (a gradient graph of
    the MLP template, 1,000 nodes: a few hundred tests a node, not thousands)."""

    CELL = 240.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list] = {}
        self._all: list = []

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.CELL
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield (i, j)

    def add(self, box: Box, item: object) -> int:
        """File ``item``; its key (for ``drop``)."""
        k = len(self._all)
        self._all.append(item)
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(k)
        return k

    def drop(self, k: int) -> None:
        """Forget the item filed as ``k``."""
        self._all[k] = None

    def near(self, box: Box) -> list:
        """The things whose cells ``box`` (padded) meets, each once, in the order filed."""
        b = (box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD)
        found = {k for key in self._keys(b) for k in self._cells.get(key, ())}
        return [self._all[k] for k in sorted(found) if self._all[k] is not None]


def _overlap(a: Box, b: Box) -> bool:
    """Do the boxes come within ``PAD`` of each other?"""
    return a[0] - PAD < b[2] and b[0] - PAD < a[2] and a[1] - PAD < b[3] and b[1] - PAD < a[3]


def wire_box(w: Wire) -> Box:
    """A box the wire's curve stays in (its control points reach at most
    ``max(40, width / 2)`` out of its ports, level with them)."""
    x1, y1, x2, y2 = w
    dx = max(40.0, abs(x2 - x1) * 0.5)
    return (min(x1, x2 - dx), min(y1, y2), max(x1 + dx, x2), max(y1, y2))


def card_box(x: float, y: float) -> Box:
    return (x - W2, y - H2, x + W2, y + H2)


def copy_box(x: float, y: float, port: int, arity: int) -> Box:
    """Where the linked copy of input ``port`` of the card at (x, y) is
    drawn at its largest: left of the port, a two-input card's upper copy
    above the middle of its ports, the lower one below."""
    right = x - W2 - COPY_STUB
    mid = y + PORT_DY
    if arity == 1:
        top = mid - COPY_H / 2
    else:
        top = mid - COPY_GAP / 2 - COPY_H if port == 0 else mid + COPY_GAP / 2
    return (right - COPY_W, top, right, top + COPY_H)


def wire(source: tuple[float, float], target: tuple[float, float], port: int, arity: int) -> Wire:
    """The wire from the card at ``source`` to input ``port`` of the card at ``target``."""
    dy = PORT_DY + (port - (arity - 1) / 2) * PORT_GAP if arity > 1 else PORT_DY
    return (source[0] + W2, source[1] + PORT_DY, target[0] - W2, target[1] + dy)


def curve_points(w: Wire) -> Iterable[tuple[float, float]]:
    """Points along the wire as the canvas draws it (painting.wire_cubic_at,
    a wire running forward): a cubic whose control points reach half its
    width (at least 40) out of each port, level with it."""
    x1, y1, x2, y2 = w
    dx = max(40.0, abs(x2 - x1) * 0.5)
    for i in range(STEPS + 1):
        t = i / STEPS
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        yield (a * x1 + b * (x1 + dx) + c * (x2 - dx) + d * x2, (a + b) * y1 + (c + d) * y2)


def wire_meets(w: Wire, box: Box, pts: list[tuple[float, float]] | None = None, chord: bool = True) -> bool:
    """Does the wire's curve (in ``STEPS`` straight pieces), or with
    ``chord`` the straight line between its ends, come within ``PAD`` of
    ``box``? (A card is measured by the line too: a wire just clear of its
    corner reads as passing under it; a copy by the curve alone.) ``pts``:
    its ``curve_points``, if made already."""
    left, top, right, bottom = box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD
    x1, y1, x2, y2 = w
    if max(x1, x2) + 40.0 < left or min(x1, x2) - 40.0 > right or max(y1, y2) < top or min(y1, y2) > bottom:
        return False
    if pts is None:
        pts = list(curve_points(w))
    padded = (left, top, right, bottom)
    return (chord and segment_meets((x1, y1), (x2, y2), padded)) or any(
        segment_meets(p, q, padded) for p, q in zip(pts, pts[1:])
    )


def segment_meets(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Does the straight segment from ``p`` to ``q`` meet ``box`` (clipped, Liang–Barsky)?"""
    left, top, right, bottom = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, v in ((dx, left, right, p[0]), (dy, top, bottom, p[1])):
        if d == 0.0:
            if v < lo or v > hi:
                return False
            continue
        a, b = (lo - v) / d, (hi - v) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True
