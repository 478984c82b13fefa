"""What makes room for groups opening in place: one folded card whose frame
may land on its neighbours, or many at once (Expand All); read from the
scene (gui/groups/room_checks.py) and handed to core/graph/make_room.py."""

from __future__ import annotations

from collections.abc import Callable

from core.graph.groups import GroupSet
from core.graph.make_room import Moves, Rect, lands_on_others, make_room_many, none_overlap, room_units
from core.graph.open_column import column_moves
from core.graph.unit_moves import UnitMoves
from gui.canvas.folding.group_box import folded_nodes, kids_of, nodes_of
from gui.canvas.folding.group_card import GroupCard
from gui.common import style as S
from gui.groups.commands import ThenRoom
from gui.groups.room_checks import (
    corners,
    end_frame,
    fed_cards,
    lands_on_something,
    opened_apart,
    overlap_around,
    overlaps_within,
)
from gui.groups.wire_lanes import back_lanes
from gui.host import Host

#: The room made for open groups given back, and the cards they were opened from (gui/groups/room_memory.py).
Reopen = Callable[[list[str]], tuple[Moves, dict[str, Rect]]]

#: The space kept between an opened frame and what it moved out of its way (make_room's gap).
ROOM_GAP = 24.0


def planner(
    host: Host, groups: GroupSet, gids: list[str], reopen: Reopen | None = None
) -> Callable[[list[str]], Moves | UnitMoves | ThenRoom] | None:
    """What makes room for one folded card opening in place (its frame
    may land on its neighbours), with any group folded inside it that
    opens too (Find opening a match folded in two groups); several cards
    opening at once (Expand All): ``planner_many``."""
    sc = host.scene
    shown = [g for g in gids if sc.folding.card(g) is not None]
    top = shown[0] if len(shown) == 1 else None
    if top is None or any(g != top and top not in groups.ancestors(g) for g in gids):
        return planner_many(host, groups, shown, set(gids), reopen)
    card = sc.folding.card(top)
    assert card is not None
    was = corners(card.sceneBoundingRect())

    def plan(_opened: list[str]) -> Moves | UnitMoves:
        frame = sc.folding.frame(top)
        if frame is None:
            return {}
        r = frame.outline()
        inside = set(groups.nodes_in(top))
        cards: list[GroupCard] = []
        mine: list[GroupCard] = []
        for c in sc.folding.cards():
            (mine if top in groups.ancestors(c.gid) else cards).append(c)
        # what it feeds, right of its card, stays right of its frame where its
        # wire would run backwards (the MLP's layer 3 [4] opened past the loss
        # card); a graph laid out before it was folded has none such (a group
        # of 100 of 50,000 nodes spanning most of it moved half of them)
        feeds = [
            f
            for f, src_right in fed_cards(sc, inside)
            if f.center().x() > was[2] and f.left() < min(r.right(), src_right) + ROOM_GAP
        ]
        # the wires back between two bands that its frame rises into (vanishing_tanh's h8 to layer 9)
        # (those with an item, or drawn by a cell without one: gui/canvas/wires/cell_ghosts.py)
        seen = [*sc.wires.made_items(), *sc.wires.ghosts.standins()]
        lanes = back_lanes(seen, corners(r), was, inside, ROOM_GAP)
        if not feeds and not lanes and not lands_on_something(sc, inside, mine, cards):
            return {}  # what it shows lands on free space (its frame may cross others')
        if overlaps_within(sc, inside):  # (asked only now: a group of nearly everything is big)
            return {}  # not laid out to be read open: left as it is (as Expand All leaves it)
        if overlap_around(sc, r, inside):  # nor the cards it lands on: pushing the rest away
            return {}  # (20,000 jittered cards, nearly all moved) would tidy nothing
        shown = sc.card_rects()  # every card shown, its corners from its position
        units: list[tuple[Rect, list[str]]] = [
            (box, [n]) for n in sc.node_map() if n not in inside and (box := shown.get(n)) is not None
        ]
        kids, gs = kids_of(groups), groups  # (``nodes_in`` looks through every group per card)
        units += [(corners(c.sceneBoundingRect()), sorted(nodes_of(gs, c.gid, kids))) for c in cards]
        units += lanes
        feeds_at = [corners(f) for f in feeds]
        # wires across it kept off (trial 64): a group at the top level (inside another's frame, what
        # lies around it is mostly the parent's own, moved as making room always moved it)
        through = groups.get(top).parent is None
        return room_units(corners(r), was, units, host.model, feeds=feeds_at, inside=inside, through=through)

    return plan


def column_first(
    host: Host, gid: str, plan: Callable[[list[str]], Moves | UnitMoves | ThenRoom] | None
) -> Callable[[list[str]], Moves | UnitMoves | ThenRoom]:
    """``plan`` for ``gid`` opened alone, after its cards stand in one column
    where it is a layer's weights sending wires into folded cards
    (core/graph/open_column.py): that the command's first step, the room
    made for the column's frame then (folded again, both given back)."""

    def first(opened: list[str]) -> Moves | UnitMoves | ThenRoom:
        column = column_moves(host.model, gid)
        if not column:
            return plan(opened) if plan is not None else {}

        def then() -> Moves | UnitMoves | ThenRoom:
            host.scene.folding.settle()  # (its frame around the column)
            return plan(opened) if plan is not None else {}

        return ThenRoom(column, then)

    return first


def levels(groups: GroupSet, gids: list[str]) -> list[list[str]]:
    """``gids`` a level at a time: those in none of the others first (their
    cards shown), then those just inside them, and so on (opened in that
    order, each level making room as a double-click on its cards does)."""
    chosen = set(gids)
    depth = {g: sum(a in chosen for a in groups.ancestors(g)) for g in gids}
    out: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for g in gids:
        out[depth[g]].append(g)
    return out


def open_outer(groups: GroupSet, top: dict[str, str]) -> list[str]:
    """The groups open already around none of those opening now (``top``:
    each group opening -> the outermost one opening around it), each the
    outermost such."""
    around = {a for g in set(top.values()) for a in groups.ancestors(g)}
    return [
        g.id
        for g in groups
        if not g.collapsed
        and g.id not in top
        and g.id not in around
        and (g.parent is None or g.parent in around)
    ]


def open_blocks(
    sc, groups: GroupSet, kids: dict[str, list[str]], gids: list[str], owner: dict[str, str]
) -> list[tuple[Rect, list[str]]]:
    """The open groups ``gids`` (``open_outer``), each its frame and its
    nodes, as one unit (``owner`` gets them). Moved node by node, a layer
    opened in place by a double-click was torn by Expand All: its top
    cards kept up beside the next layer's opened frame, its frame over
    that one's (a trial)."""
    out: list[tuple[Rect, list[str]]] = []
    for g in gids:
        frame = sc.folding.frame(g)
        if frame is None or not frame.isVisible():
            continue
        nodes = nodes_of(groups, g, kids)
        owner.update(dict.fromkeys(nodes, g))
        out.append((corners(frame.outline()), sorted(nodes)))
    return out


def units_around(
    sc,
    groups: GroupSet,
    kids: dict[str, list[str]],
    frames: list[str],
    owner: dict[str, str],
    keep: Callable[[GroupCard, list[str]], bool] = lambda _card, _nodes: True,
    cards_first: bool = False,
) -> list[tuple[Rect, list[str]]]:
    """What lies around groups making room (a card folding, cards opening),
    each a unit that moves as one: the open groups ``frames`` each its
    frame and nodes (:func:`open_blocks`: ``owner`` gets them, beside the
    nodes of the groups making room), each folded card that ``keep`` keeps
    (given it and its nodes, once ``owner`` has the frames') its nodes, and
    each card shown that is not ``owner``'s. The folded cards come before
    the cards shown, after them with ``cards_first`` (as Expand All has
    listed them: what a tie moves stays as it was)."""
    units = open_blocks(sc, groups, kids, frames, owner)
    folded = []
    for c in sc.folding.cards():
        nodes = nodes_of(groups, c.gid, kids)
        if keep(c, nodes):
            folded.append((corners(c.sceneBoundingRect()), sorted(nodes)))
    shown = [(box, [n]) for n, box in sc.card_rects_but(owner).items()]  # (theirs: in the frames')
    return units + (shown + folded if cards_first else folded + shown)


def planner_many(
    host: Host, groups: GroupSet, shown: list[str], gids: set[str], reopen: Reopen | None = None
) -> Callable[[list[str]], Moves | ThenRoom] | None:
    """Several cards opening at once (Expand All): where their nodes land
    on other cards (a graph laid out folded, a template), room is made for
    every frame in one move (core/graph/make_room.py); a graph folded from
    a laid-out one opens as it was. A group opened in place before
    (``reopen``: the room made for it, and the card it was opened from)
    opens again with them, from its card, its room given back first: the
    picture is Expand All's from all folded (a trial: the layer opened by
    a double-click, then Expand All, drew frames over each other). The
    room given back is the fold command's first step (``ThenRoom``): it
    moves the nodes, and undoes that with the rest."""
    sc = host.scene
    tops = [g for g in shown if not gids.intersection(groups.ancestors(g))]
    if len(tops) < 2:
        return None
    cards = {g: sc.folding.card(g) for g in tops}
    # each card and where it is (its nodes' top left: it moves with them when room is given back)
    was = {g: (corners(c.sceneBoundingRect()), c.pos().toTuple()) for g, c in cards.items() if c is not None}

    def plan(_opened: list[str]) -> Moves | ThenRoom:
        # each group's nodes from one map of children (``nodes_in`` looks
        # through every group for each one's children: groups² for Expand All)
        kids = kids_of(groups)
        top = _tops_around(tops, kids)
        back, again = reopen(open_outer(groups, top)) if reopen is not None else ({}, {})
        if not again:
            return room(tops, top, {g: r for g, (r, _at) in was.items()}, kids)

        def from_there() -> Moves:
            """The room made once ``back`` is (by the command: its own step)."""
            sc.folding.settle()  # (the frames around the nodes given back)
            for g in again:
                top.update(_tops_around([g], kids))
            m = host.model
            moved = {
                g: _shifted(r, at, _top_left(m, nodes_of(groups, g, kids))) for g, (r, at) in was.items()
            }
            return room([*tops, *again], top, {**moved, **again}, kids)

        return ThenRoom(back, from_there)

    def room(tops: list[str], top: dict[str, str], was: dict[str, Rect], kids) -> Moves:
        pos = sc.card_positions()
        if none_overlap(pos.values(), S.NODE_W, S.NODE_H):
            return {}  # no card on another, shown or folded away (a laid-out graph): one sort
        hidden = folded_nodes(groups, [c.gid for c in sc.folding.cards()])  # still folded away
        if opened_apart(sc, groups, top, tops, hidden):
            return {}  # (each group laid out as a block: frames apart)
        of, up = groups.membership().get, top.get
        # every card shown, read as asked (a graph overlapping within a group answers after a
        # few: its owner looked up then, not a map of every node made first)
        shown = ((x, y, up(of(n))) for n, (x, y) in pos.items() if n not in hidden)  # type: ignore[arg-type]
        if not lands_on_others(shown, S.NODE_W, S.NODE_H):
            return {}
        inside = {g: nodes_of(groups, g, kids) for g in tops}
        owner = {n: g for g, ns in inside.items() for n in ns}
        opened = []
        for g in tops:
            frame = sc.folding.frame(g)
            if frame is not None and g in was:
                opened.append((corners(frame.outline()), was[g], sorted(inside[g])))
        # open already and not opened again: each frame moves as one; the cards (their corners
        # only now: most openings land on nothing), and what stays folded
        units = units_around(sc, groups, kids, open_outer(groups, top), owner, cards_first=True)
        return make_room_many(opened, units, host.model, end=end_frame(host.model, opened, units))

    return plan


def _tops_around(tops: list[str], kids: dict[str, list[str]]) -> dict[str, str]:
    """Every group in ``tops``, nested ones too -> the one of ``tops`` around it."""
    top: dict[str, str] = {}
    for g in tops:
        stack = [g]
        while stack:
            top[k := stack.pop()] = g
            stack.extend(kids.get(k, ()))
    return top


def _top_left(model, nodes: list[str]) -> tuple[float, float]:
    at = [model.position(n) for n in nodes]
    return min(p[0] for p in at), min(p[1] for p in at)


def _shifted(r: Rect, was: tuple[float, float], now: tuple[float, float]) -> Rect:
    dx, dy = now[0] - was[0], now[1] - was[1]
    return r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy
