"""Where the nodes a code edit adds go: next to the cards they are wired to.

A new operator goes one column right of its inputs already on the canvas; a
new input one column left of the operator it feeds, in the row of its port;
a spot already taken moves to the nearest free row (first on the side of
the port it feeds). What has no placed neighbour is laid out by
:func:`core.graph.layout.layered_positions`, right of everything. The
canvas is read as drawn (:class:`core.graph.drawn_canvas.DrawnCanvas`): a
node folded away with its group is where its group's card is, and the new
cards are then moved where their wires pass under no card
(:func:`core.graph.add_room.clear_rows`): the Code panel put the MLP's
``w1_1_1**2`` right of w1.1.1's hidden card, far from the "layer 1 weights"
card drawn for it, and its wire to ``reg`` ran under ``w3_1_1**2`` (trial 68).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.autograd import ops
from core.graph.add_room import Adding, clear_rows
from core.graph.drawn_canvas import FIRST_ROW, DrawnCanvas
from core.graph.gradient_geometry import COPY_STUB, COPY_W, PORT_DY, W2, Box, Grid, card_box
from core.graph.layout import COLUMN, NODE_H, NODE_W, ROW, layered_positions
from core.graph.model import GraphModel

#: How near a new card may come to another card (beside, above or below) before the spot counts as taken.
GAP_X, GAP_Y = 0.6 * COLUMN - NODE_W, 0.8 * ROW - NODE_H
#: Room left of a card for its linked copies.
ROOM = COPY_STUB + COPY_W


class _Spots:
    """The cards drawn and the new ones placed, filed by grid cell."""

    def __init__(self, boxes: Sequence[Box]) -> None:
        self._grid = Grid()
        for b in boxes:
            self._grid.add(b, b)

    def taken(self, x: float, y: float, room: float = 0.0) -> bool:
        """Whether a card at (x, y), with ``room`` for its copies on its left, comes too near another."""
        gx, gy = GAP_X, GAP_Y
        left, top, right, bottom = card_box(x, y)
        mine = (left - gx - room, top - gy, right + gx, bottom + gy)
        return any(
            mine[0] < o[2] and o[0] < mine[2] and mine[1] < o[3] and o[1] < mine[3]
            for o in self._grid.near(mine)
        )

    def free(self, x: float, y: float, lean: int = 1, room: float = 0.0) -> tuple[float, float]:
        """``(x, y)``, or the nearest free row above or below it (first on
        the side of ``lean``: 1 below, -1 above); ``room``: left of the
        card for its linked copies, kept free with it."""
        for k in range(10_000):
            for sign in (lean, -lean) if k else (1,):
                if not self.taken(x, y + sign * k * ROW, room):
                    y += sign * k * ROW
                    break
            else:
                continue
            break
        box = card_box(x, y)
        self._grid.add((box[0] - room, *box[1:]), box)
        return x, y


def place_new(
    model: GraphModel, added: Sequence[str], inputs: dict[str, list], op_of: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Positions for the ``added`` ids (inputs before consumers), given every
    described node's inputs after the edit (``inputs``) and the new nodes' ops."""
    new = set(added)
    edges = [(s, t, p) for t in added for p, s in enumerate(inputs.get(t, [])) if s is not None]
    canvas = DrawnCanvas(model, [e for e in edges if e[0] not in new])
    drawn = _drawn(model, new, edges)
    copied = {t for s, t, _p in edges if not drawn(s, t)}
    pos: dict[str, tuple[float, float]] = {}
    spots = _Spots([*canvas.boxes.values(), *canvas.frames])

    def where(n: str | None) -> tuple[float, float] | None:
        """Where a new card takes ``n``'s output from (its card; its folded group's row)."""
        if n is None:
            return None
        if n in pos:
            return pos[n]
        return canvas.source(n) if n in model and n not in new else None

    def into(n: str) -> tuple[float, float] | None:
        """Where a card would be whose inputs are ``n``'s (its folded group's left side)."""
        if n in pos:
            return pos[n]
        if n not in model or n in new:
            return None
        key = canvas.card_of(n)
        if key == n:
            return model.position(n)
        b = canvas.boxes[key]
        return b[0] + W2, b[1] + FIRST_ROW - PORT_DY

    users: dict[str, list[tuple[str, int]]] = {}
    for t, ins in inputs.items():
        for p, s in enumerate(ins):
            if s in new:
                users.setdefault(s, []).append((t, p))

    def forward() -> None:
        for n in added:
            if n in pos:
                continue
            # (an input drawn as a linked copy beside the card says nothing of where it goes)
            ins = [s for s in inputs.get(n, []) if s is None or drawn(s, n)]
            known = [q for q in map(where, ins) if q is not None]
            if known:
                x, y = max(x for x, _ in known) + COLUMN, sum(y for _, y in known) / len(known)
                room = ROOM if n in copied else 0.0
                pos[n] = spots.free(x + max(0.0, room - (COLUMN - NODE_W)), y, room=room)

    forward()
    for n in reversed(added):
        if n in pos:
            continue
        for t, p in users.get(n, []):
            q = into(t)
            if q is not None:
                k = ops.arity(op_of.get(t) or model.op(t))
                off = p - (k - 1) / 2
                room = ROOM if n in copied else 0.0
                pos[n] = spots.free(q[0] - COLUMN, q[1] + off * ROW, 1 if off > 0 else -1, room)
                break
    forward()
    _in_port_order(pos, added, inputs, new)
    rest = [n for n in added if n not in pos]
    if rest:
        sub = GraphModel.from_records(
            {},
            [(n, {"op": op_of[n], "value": 0.0, "exponent": 2.0}) for n in rest],
            [(s, t, p) for t in rest for p, s in enumerate(inputs.get(t, [])) if s in rest and s is not None],
        )
        lay = layered_positions(sub)
        boxes = [*canvas.boxes.values(), *(card_box(*q) for q in pos.values())]
        dx = dy = 0.0
        if boxes:
            dx = max(b[2] for b in boxes) - W2 + COLUMN
            dy = min(b[1] for b in boxes) + NODE_H / 2 - min(y for _, y in lay.values())
        for n in rest:
            x, y = lay[n]
            pos[n] = (x + dx, y + dy)

    def arity(n: str) -> int:
        return ops.arity(op_of[n]) if n in op_of else ops.arity(model.op(n))

    # the new cards moved where their wires pass under no card drawn
    old = {n: canvas.source(n) for n in canvas.pos}
    cards, wires_of, card_of, frames = canvas.boxes, canvas.wires_of, canvas.card_of, canvas.frames
    return clear_rows(Adding(pos, old, edges, arity, cards, wires_of, card_of, drawn, frames, copied))


def _in_port_order(pos: dict, added: Sequence[str], inputs: dict[str, list], new: set[str]) -> None:
    """A card's new inputs in one column stacked in the order of its ports
    (the MLP's ``reg = w1_1_1**2 + w3_1_1**2``: w3.1.1**2, put first below
    the port it feeds, was pushed above w1.1.1**2, which went below it: their
    wires crossed in front of reg)."""
    for t in added:
        ins = [s for s in inputs.get(t, []) if s in new and s in pos]
        if len(ins) < 2 or len({pos[s][0] for s in ins}) > 1 or len(set(ins)) < len(ins):
            continue
        ys = sorted(pos[s][1] for s in ins)
        for s, y in zip(ins, ys):
            pos[s] = (pos[s][0], y)


def _drawn(model: GraphModel, new: set[str], edges: list) -> Callable[[str, str], bool]:
    """Whether a new wire is drawn: not a canvas leaf's drawn as a linked
    copy (used more than once, from a group: gui/canvas/linked/rule.py)."""
    uses: dict[str, int] = {}
    for s, _t, _p in edges:
        uses[s] = uses.get(s, 0) + 1

    def drawn(s: str, _t: str) -> bool:
        if s in new or model.op(s) != "leaf":
            return True
        return len(model.consumers(s)) + uses.get(s, 0) < 2 or model.groups.group_of(s) is None

    return drawn
