"""Room for a group's card as it folds, made as opening makes room for its
frame (gui/groups/room_plans.py, core/graph/make_room.py): a folded card is
as wide as a node card and a half, wider than a column of leaves' frame, and
folding "inputs" (x1, x2, w1 of the lecture neuron) dropped it over the "n"
frame beside it, on x1*w1 and x2*w2 and the wires into them (verify 59).
What lies on each side of the frame it was moves just clear of the card,
an open group's frame as one; when the card lands on nothing (the usual
case), nothing moves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF

from core.graph.groups import GroupSet
from core.graph.make_room import room_units
from core.graph.unit_moves import UnitMoves
from gui.canvas.folding.group_box import kids_of
from gui.canvas.folding.group_card import GroupCard
from gui.groups.room_checks import corners, overlap_around
from gui.groups.room_plans import ROOM_GAP, units_around
from gui.host import Host


def planner(host: Host, groups: GroupSet, gids: list[str]) -> Callable[[list[str]], UnitMoves] | None:
    """What makes room for the card of the one group ``gids`` folding now,
    asked once it is folded (its frame read now, before it goes); None for
    several at once (Collapse All fits the view to what it leaves)."""
    if len(gids) != 1:
        return None
    gid, sc = gids[0], host.scene
    frame = sc.folding.frame(gid)
    if frame is None or not frame.isVisible():
        return None
    was = corners(frame.outline())

    def plan(_folded: list[str]) -> UnitMoves:
        sc.folding.settle()  # (its card where it goes now)
        card = sc.folding.card(gid)
        if card is None or not card.isVisible():
            return UnitMoves([])
        r = card.sceneBoundingRect()
        inside = set(groups.nodes_in(gid))
        around = _open_around(groups, gid)
        if not _covers(sc, groups, r, gid, inside, around) or _tangled(sc, was, around):
            return UnitMoves([])  # (on free space; or among frames never laid out apart, left as they are)
        if overlap_around(sc, r, inside):
            return UnitMoves([])  # (on a part never laid out, left as it is)
        kids, owner = kids_of(groups), dict.fromkeys(inside, gid)

        def other(c: GroupCard, nodes: list[str]) -> bool:  # (a card shown, not in a frame beside it)
            return c.gid != gid and c.isVisible() and not any(n in owner for n in nodes)

        units = units_around(sc, groups, kids, around, owner, keep=other)  # (each frame beside it as one)
        return room_units(corners(r), was, units, host.model, gap=ROOM_GAP, inside=inside)

    return plan


def _open_around(groups: GroupSet, gid: str) -> list[str]:
    """The open groups beside ``gid`` and beside each group around it (their frames)."""
    out: list[str] = []
    for g in [gid, *groups.ancestors(gid)]:
        parent = groups.get(g).parent
        out += [k for k in groups.children(parent) if k != g and not groups.get(k).collapsed]
    return out


def _tangled(sc, was: tuple[float, float, float, float], around: list[str]) -> bool:
    """Whether the group's frame lay on an open frame beside it before it
    folded: frames never laid out apart (a graph grouped where it lay), kept
    as they are, as opening leaves a crowd; moving them cost a pass over
    every frame's nodes at each fold (50,000 nodes: ~85 ms)."""
    left, top, right, bottom = was
    for g in around:
        f = sc.folding.frame(g)
        if f is not None and f.isVisible():
            o = f.outline()
            if o.left() < right and o.right() > left and o.top() < bottom and o.bottom() > top:
                return True
    return False


def _covers(sc, groups: GroupSet, r: QRectF, gid: str, inside: set[str], around: list[str]) -> bool:
    """Whether the card ``r`` lies on a card not its own, or on an open frame beside it."""
    for n in sc.card_ids_near(r):
        it = sc.node_item(n) if n not in inside else None
        if it is not None and it.isVisible() and it.sceneBoundingRect().intersects(r):
            return True
    if any(
        c.gid != gid and c.isVisible() and c.sceneBoundingRect().intersects(r) for c in sc.folding.cards()
    ):
        return True
    frames = (sc.folding.frame(g) for g in around)
    return any(f is not None and f.isVisible() and f.outline().intersects(r) for f in frames)
