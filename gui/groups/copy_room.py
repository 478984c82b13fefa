"""The room a new group's linked copies need, found on the canvas
(core/graph/copy_room.py moves the columns): the copies its grouping makes
(its nodes' uses of shared leaves outside it, and the uses outside it of
shared leaves in it), each at its widest (``room_rect``), and the cards or
folded cards they would cover, or come within ``CLEAR`` of, on their left."""

from __future__ import annotations

from typing import Any

from core.graph.copy_room import copy_room
from core.graph.make_room import Moves
from gui.canvas.linked.copy_item import CLEAR, room_rect
from gui.canvas.painting import W2

#: More cards than this with new copies: left as it is (for Auto Layout).
MOST = 500


def copies_room(sc: Any, gid: str) -> Moves:
    """Moves making room for the copies of ``gid``'s grouping (none when none covers a card)."""
    m, linked = sc.model, sc.linked
    if not linked.on:
        return {}
    rule, gs = linked.rule, m.groups
    nodes = gs.nodes_in(gid)
    ends = {n for n in nodes if rule.linked_inputs(n)}
    ends |= {t for s in nodes for t, _p in rule.copies_of(s) if t not in nodes}
    if not ends or len(ends) > MOST:
        return {}
    rects = sc.card_rects()
    folded = [g for g in gs.ids() if gs.shown_as_card(g)]
    cards = {g: sc.folding.card(g) for g in folded}
    boxes = {g: c.sceneBoundingRect() for g, c in cards.items() if c is not None and c.isVisible()}
    asks = []
    for t in ends:
        if t not in rects:  # (folded away)
            continue
        x, y = m.position(t)
        left = x - W2
        covered = []
        arity = len(m.inputs(t))
        for p, _s in rule.linked_inputs(t):
            pill = room_rect(arity, p).translated(x, y)
            zone = pill.adjusted(-CLEAR, 0, 0, 0)
            for n in sc.card_ids_near(zone):
                r = rects.get(n)
                if n != t and r is not None and r[0] < zone.right() and r[2] > zone.left():
                    if r[1] < zone.bottom() and r[3] > zone.top() and (r[0] + r[2]) / 2 < left:
                        covered.append(((r[0] + r[2]) / 2, r[2] + CLEAR - pill.left()))
            for box in boxes.values():
                if box.intersects(zone) and box.center().x() < left:
                    covered.append((box.center().x(), box.right() + CLEAR - pill.left()))
        if covered:
            asks.append((left, covered))
    if not asks:
        return {}
    units: list[tuple[float, list[str]]] = [((r[0] + r[2]) / 2, [n]) for n, r in rects.items()]
    units += [(box.center().x(), sorted(gs.nodes_in(g))) for g, box in boxes.items()]
    return copy_room(asks, units, m.position)
