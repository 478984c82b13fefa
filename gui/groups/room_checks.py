"""What the Groups feature asks of the canvas before making room around a
group that opens (whether what it shows lands on other cards, what it feeds,
where the graph's output is): read from the scene, answered without walking
every card where a few will do."""

from __future__ import annotations

from itertools import filterfalse

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from core.graph.make_room import Rect, boxes_apart, overlaps_itself
from gui.canvas.folding.group_card import GroupCard
from gui.common import style as S


def end_frame(model, opened: list[tuple[Rect, Rect, list[str]]], units: list[tuple[Rect, list[str]]]):
    """The opened frame holding the graph's output and what is wired into
    it, as ``make_room_many`` takes them (None: the output is in none)."""
    out = model.output
    i = next((k for k, (_f, _c, nodes) in enumerate(opened) if out in nodes), None)
    if i is None:
        return None
    mine = set(opened[i][2])
    wanted = {s for n in mine for s in model.inputs(n) if s is not None and s not in mine}
    items = [nodes for _f, _c, nodes in opened] + [nodes for _r, nodes in units]
    return i, [k for k, nodes in enumerate(items) if not wanted.isdisjoint(nodes)]


def overlaps_within(sc, inside: set[str]) -> bool:
    """Whether the opened group's own cards shown overlap one another (a
    graph that overlaps anyway, as benchmarks/bench_scaling.py's jittered
    one: its cards lay on others' before it was folded, and pushing the rest
    away clears nothing). Expand All leaves such a graph as it is
    (``lands_on_others``); so does opening one group of it."""
    items = (sc.node_item(n) for n in inside)
    return overlaps_itself(
        (it.pos().toTuple() for it in items if it is not None and it.isVisible()), S.NODE_W, S.NODE_H
    )


def overlap_around(sc, frame: QRectF, inside: set[str]) -> bool:
    """Whether the cards shown outside ``inside`` where the opened group's
    ``frame`` lies overlap one another: a part of the graph never laid out
    (as benchmarks/bench_scaling.py's jittered one), which the group opens
    onto as it is, as Expand All leaves such a graph."""
    # card by card, as asked: a jittered crowd answers at its first few (a frame spanning
    # the graph looked at each of its 50,000 cards first: ~0.15 s of opening one group);
    # those folded away and its own passed over unasked (a laid-out graph folded but the
    # group: the answer no, once asked of every card under the frame, ~30 ms at 50,000)
    ids = filterfalse(inside.__contains__, sc.shown_ids_near_each(frame))
    items = map(sc.node_item, ids)
    at = (
        it.pos().toTuple()
        for it in items
        if it is not None and it.isVisible() and it.sceneBoundingRect().intersects(frame)
    )
    return overlaps_itself(at, S.NODE_W, S.NODE_H)


def fed_cards(sc, inside: set[str]) -> list[tuple[QRectF, float]]:
    """Where the cards that read from ``inside`` are drawn (a folded group's
    card for its nodes), each once, with the rightmost edge of the cards
    inside that they read from (a wire from there to a card left of it runs
    backwards)."""
    model = sc.model
    out: dict[int, tuple[QGraphicsItem, float]] = {}

    def drawn(n: str):
        it = sc.node_item(n)
        if it is not None and not it.isVisible():
            it = sc.folding.card(sc.folding.card_of(n) or "")
        return it

    for n in inside:
        right: float | None = None
        for t, _p in model.consumers(n):
            if t in inside:
                continue
            it = drawn(t)
            if it is None:
                continue
            if right is None:  # (its card's edge, once a node)
                src = drawn(n)
                right = src.sceneBoundingRect().right() if src is not None else float("-inf")
            was = out.get(id(it))
            out[id(it)] = (it, max(right, was[1]) if was is not None else right)
    return [(it.sceneBoundingRect(), right) for it, right in out.values()]


def lands_on_something(sc, inside: set[str], mine: list[GroupCard], cards: list[GroupCard]) -> bool:
    """Whether a card the opened group shows (its own nodes, its folded
    groups) overlaps a card outside it. Only then is room made: a group
    folded from a laid-out graph opens where its nodes were, onto free
    space, even when its frame spans other groups' cards."""
    others = [c.sceneBoundingRect() for c in cards]
    nodes = sc.node_map()
    # the cards outside counted from those inside (a small group: no walk over every card)
    if len(nodes) - sum(n in nodes for n in inside) < len(inside):
        # few cards outside (a group of nearly everything): look from them
        cards_out = [n for n in nodes if n not in inside]
        ours = [c.sceneBoundingRect() for c in mine]
        out_items = (sc.node_item(n) for n in cards_out)
        theirs = [it.sceneBoundingRect() for it in out_items if it is not None and it.isVisible()]
        return any(
            any(o.intersects(r) for o in ours) or _meets_inside(sc, r, inside, outside=False)
            for r in theirs + others
        )
    shown = [
        it.sceneBoundingRect()
        for it in (sc.node_item(n) for n in inside)
        if it is not None and it.isVisible()
    ]
    for r in shown + [c.sceneBoundingRect() for c in mine]:
        if _meets_inside(sc, r, inside, outside=True):
            return True
        if any(o.intersects(r) for o in others):
            return True
    return False


def _meets_inside(sc, r: QRectF, inside: set[str], outside: bool) -> bool:
    """Whether a visible card meeting ``r`` is outside ``inside`` (or, with
    ``outside`` False, inside it); only those are asked for their bounds."""
    for n in sc.card_ids_near(r):
        if (n in inside) == outside:
            continue
        it = sc.node_item(n)
        if it is not None and it.isVisible() and it.sceneBoundingRect().intersects(r):
            return True
    return False


def corners(r: QRectF) -> Rect:
    return r.left(), r.top(), r.right(), r.bottom()


def opened_apart(sc, groups, top: dict[str, str], tops: list[str], hidden: set[str]) -> bool:
    """Whether the frames of the groups ``tops`` opened at once (``top``:
    every group in them -> the one opened around it), the cards still folded
    and the cards in none of them all lie apart: then no opened group's
    card lands on another's (each frame holds its cards), known from the
    frames, not a look at each of 50,000 cards (Expand All of a graph laid
    out with its groups open: ~0.1 s). False when some meet (the caller
    looks card by card: frames may overlap where cards do not)."""
    frames = [sc.folding.frame(g) for g in tops]
    if any(f is None for f in frames):
        return False
    boxes = [corners(f.outline()) for f in frames] + [
        corners(c.sceneBoundingRect()) for c in sc.folding.cards()
    ]
    if not boxes_apart(boxes):  # (first: frames overlapping, as a jittered graph's, told without a set)
        return False
    inside: set[str] = set().union(*(groups.get(g).members for g in top))
    others = sc.card_positions().keys() - inside - hidden
    if len(others) > len(boxes) + 1000:  # (many cards in no group: looked at card by card)
        return False
    items = (sc.node_item(n) for n in others)
    boxes += [corners(it.sceneBoundingRect()) for it in items if it is not None and it.isVisible()]
    return boxes_apart(boxes)
