"""Where the cards of a formula that replaces a node go (t70 #2): ``y = x - 1``
in place of the y that ``z = y * x`` reads put the new y at the old spot but
its constant 1 far right past z (the spot left of y was taken by the old
y's dead inputs), its wire looping back, and x's wire into the new y ran
under the x**2 card, read as y = x**2 − 1. On a small graph the nearest
rows, in the old card's column and left of it, where the new wires meet
no card are tried: the replacing node kept at the old spot where that is
clear, the other new cards beside it as the formula lays them out.
"""

from __future__ import annotations

from core.autograd.ops import arity as op_arity
from core.code.codeadd import RELAYOUT_MAX
from core.graph.add_room import GAP, STEP, crossings
from core.graph.gradient_geometry import card_box
from core.graph.model import GraphModel

#: Half rows tried above and below: the replacing node, and the other new cards.
NEW_TRIES = 4
REST_TRIES = 6


def clear_places(model: GraphModel, nodes: list, edges: list, swaps: dict[str, str]) -> bool:
    """Move the new cards (``nodes``: a plan's (id, attrs), moved in place;
    ``edges``: its wires; ``swaps``: old id -> new id) to the nearest rows,
    the replacing node in its old card's column, where they cover no card
    and their wires meet no more cards than the kept graph's own; False
    (nothing moved) on a big or grouped graph, or where no rows in reach are
    that clear (the neuron's o by the exp form: its block is left as laid out)."""
    at = {nid: a for nid, a in nodes}
    moved = [(old, new) for old, new in swaps.items() if new in at and old in model]
    if not moved or len(model) > RELAYOUT_MAX or len(model.groups):
        return False
    kept = {n: model.position(n) for n in model.nodes() if n not in swaps}
    wires = [e for e in model.edges() if e[0] not in swaps and e[1] not in swaps]
    wires += [(new, t, p) for old, new in moved for t, p in model.consumers(old) if t not in swaps]
    wires += list(edges)

    def arity(n: str) -> int:
        return op_arity(at[n]["op"]) if n in at else op_arity(model.op(n))

    base = crossings(kept, wires, arity)
    first_new = moved[0][1]
    a0 = at[first_new]
    rest = {n: (b["x"] - a0["x"], b["y"] - a0["y"]) for n, b in at.items() if n not in swaps.values()}
    spots = {new: model.position(old) for old, new in moved}
    shifts = [0, *(s * k for k in range(1, REST_TRIES + 1) for s in (-1, 1))]
    tries = sorted(
        ((dn, dr) for dn in (shifts[: 2 * NEW_TRIES + 1] if len(moved) == 1 else [0]) for dr in shifts),
        key=lambda t: (abs(t[0]) * 2 + abs(t[1]), abs(t[0])),
    )
    for dn, dr in tries:
        pos = {new: (x, y + dn * STEP) for new, (x, y) in spots.items()}
        nx, ny = pos[first_new]
        pos.update({n: (nx + rx, ny + ry + dr * STEP) for n, (rx, ry) in rest.items()})
        if not _covers(pos, kept) and crossings({**kept, **pos}, wires, arity) <= base:
            for n, (x, y) in pos.items():
                at[n]["x"], at[n]["y"] = x, y
            return True
    return False


def _covers(pos: dict, kept: dict) -> bool:
    """Does a new card lie on (or touch) a kept card or another new one?"""
    boxes = [card_box(*p) for p in pos.values()]
    others = [card_box(*p) for p in kept.values()]
    for i, b in enumerate(boxes):
        for c in others + boxes[i + 1 :]:
            if b[0] - GAP < c[2] and c[0] - GAP < b[2] and b[1] - GAP < c[3] and c[1] - GAP < b[3]:
                return True
    return False
