"""The room a new group's linked copies need, found on the canvas
(core/graph/copy_room.py moves the columns): the copies its grouping makes
(its nodes' uses of shared leaves outside it, and the uses outside it of
shared leaves in it), each at its widest (``room_rect``), and the cards or
folded cards they would cover, or come within ``CLEAR`` of, on their left."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF

from core.graph.copy_room import copy_room
from core.graph.make_room import Moves
from gui.canvas.linked.copy_item import CLEAR, room_rect
from gui.canvas.painting import W2

#: More cards than this with new copies: left as it is (for Auto Layout).
MOST = 500
#: Rows looked at above and below those the lines move (scene units), asked of the card grid at once.
SEEN = 1024.0


def copied(sc: Any, gid: str) -> list[str]:
    """The values ``gid``'s grouping draws as linked copies, by label (a
    trial's slides then showed x with no wire: say so, and how to turn them off)."""
    m, linked = sc.model, sc.linked
    if not linked.on:
        return []
    rule, nodes = linked.rule, m.groups.nodes_in(gid)
    shared = {s for n in nodes for _p, s in rule.linked_inputs(n)}
    shared |= {s for s in nodes if any(t not in nodes for t, _p in rule.copies_of(s))}
    return sorted(shared, key=lambda s: (m.label(s), s))


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
    folded = [g for g in gs.ids() if gs.shown_as_card(g)]
    cards = {g: sc.folding.card(g) for g in folded}
    boxes = {g: c.sceneBoundingRect() for g, c in cards.items() if c is not None and c.isVisible()}
    asks = []
    band = [math.inf, -math.inf]  # (the rows the consumers and the cards they cover span)
    for t in ends:
        x, y = m.position(t)
        own = sc.card_rects(QRectF(x - 1, y - 1, 2, 2)).get(t)
        if own is None:  # (folded away)
            continue
        left = x - W2
        covered = []
        arity = len(m.inputs(t))
        for p, _s in rule.linked_inputs(t):
            pill = room_rect(arity, p).translated(x, y)
            zone = pill.adjusted(-CLEAR, 0, 0, 0)
            for n, r in sc.card_rects(zone).items():
                if n != t and r[0] < zone.right() and r[2] > zone.left():
                    if r[1] < zone.bottom() and r[3] > zone.top() and (r[0] + r[2]) / 2 < left:
                        covered.append(((r[0] + r[2]) / 2, r[2] + CLEAR - pill.left()))
                        band = [min(band[0], own[1], r[1]), max(band[1], own[3], r[3])]
            for box in boxes.values():
                if box.intersects(zone) and box.center().x() < left:
                    covered.append((box.center().x(), box.right() + CLEAR - pill.left()))
                    band = [min(band[0], own[1], box.top()), max(band[1], own[3], box.bottom())]
        if covered:
            asks.append((left, covered))
    if not asks:
        return {}
    return copy_room(asks, _units(sc, min(a[0] for a in asks), band, boxes), m.position)


def _units(sc: Any, x0: float, band: list[float], boxes: dict) -> list[tuple[float, list[str]]]:
    """What moves as one (a card, a folded group's nodes: its centre x and
    nodes) right of ``x0`` (the leftmost line) in the rows the lines' cards
    span (``band``: top, bottom), grown over every card, folded card and
    frame reaching into them: what lies above or below stays, and meets
    nothing moved (a review: one Ctrl+G moved every card right of the line,
    hundreds of rows away). Only the cards the grid files near them are looked at."""
    whole = sc.graph_rect()
    right = max(whole.right() if whole is not None else x0, x0) + 4 * W2
    gs, folding = sc.model.groups, sc.folding
    frames = [f.outline() for g in gs.ids() if (f := folding.frame(g)) is not None and f.isVisible()]
    spans = [(r.top(), r.bottom()) for r in (*frames, *boxes.values()) if r.right() > x0]
    top, bottom = band
    asked = (top - SEEN, bottom + SEEN)
    near = sc.card_rects(QRectF(x0 - 2 * W2, asked[0], right - x0, asked[1] - asked[0]))
    while True:
        top, bottom = _rows(band, [(r[1], r[3]) for r in near.values()] + spans)
        if asked[0] < top and bottom < asked[1]:
            break  # (every card reaching into the rows was looked at)
        lo, hi = min(asked[0], top - SEEN), max(asked[1], bottom + SEEN)
        for a, b in ((lo, asked[0]), (asked[1], hi)):
            if b > a:
                near.update(sc.card_rects(QRectF(x0 - 2 * W2, a, right - x0, b - a)))
        asked = (lo, hi)
    units = [((r[0] + r[2]) / 2, [n]) for n, r in near.items() if r[1] < bottom and r[3] > top]
    units += [
        (b.center().x(), sorted(gs.nodes_in(g)))
        for g, b in boxes.items()
        if b.top() < bottom and b.bottom() > top
    ]
    return [u for u in units if u[0] >= x0]


def _rows(band: list[float], spans: list[tuple[float, float]]) -> tuple[float, float]:
    """``band`` (top, bottom) grown over each of ``spans`` reaching into it, and again, till none does."""
    top, bottom = band
    lo = hi = -math.inf
    for a, b in sorted([*spans, (top, bottom)]):  # by top: runs of spans that meet
        if a < hi:
            hi = max(hi, b)
            continue
        if lo <= top and bottom <= hi:
            break  # (the run holding the band)
        lo, hi = a, b
    return lo, hi
