"""The wires that would run through a group opened in place, once room is
made (core/graph/make_room.py): wires between two things outside the group
whose curve meets its frame.

Making room moves what lies left of the card left, right of it right, and so
on, each by as little as clears the frame. In the lecture's MLP, opening
"layer 1 [1]" left "layer 1 [2]" beside the frame on its left and "layer 2 [2]"
on its right: the wires between them ran straight across the frame, under
its cards and past their ports, and "layer 2 weights", moved below-left,
sent its wires diagonally through all four neurons (trial 64). Where the
usual lines leave such wires, the lines that leave fewest are looked for
(core/graph/room_together.py: ``refit``'s ``cross``); of those, the ones
keeping what the group feeds level with its outputs, then those leaving
fewest wires under cards they do not join (moved with their card, a data
point's inputs stood in the way of the weights' wires to the next point).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from core.graph.gradient_geometry import PORT_DY, W2, Grid, segment_meets, wire_meets

Rect = tuple[float, float, float, float]  # left, top, right, bottom
#: A wire out of the opened group: its output port's x and y, and the unit it feeds.
Out = tuple[float, float, int]
#: The moves of the nine sides (room_together's ``Shift``).
Shift = list[tuple[float, float]]
#: Above this many units, or nodes in them, no wire is looked at (a graph that big is not read
#: wire by wire where it opens; its 500 folded cards of 100 nodes each are read once per opening).
MOST_UNITS = 4000
MOST_NODES = 20_000
#: Above this many units, no wire is looked at under the other units (``under_units``).
UNDER_MOST = 400


def unit_wires(
    units: Sequence[tuple[Rect, list[str]]], model: Any, inside: Collection[str]
) -> tuple[list[tuple[int, int]], list[int], list[Out]]:
    """The pairs (source unit, target unit) joined by a wire, neither the
    opened group's (``inside``: its nodes, in no unit), each pair once; the
    units the group feeds; and the group's wires out to them (each from
    its node's output port, once per node and unit)."""
    of: dict[str, int] = {}
    for i, (_r, nodes) in enumerate(units):
        of.update(dict.fromkeys(nodes, i))
    table = model.input_table()
    pairs: set[tuple[int, int]] = set()
    fed: set[int] = set()
    outs: set[Out] = set()
    for j, (_r, nodes) in enumerate(units):
        for t in nodes:
            for s in table.get(t, ()):
                if s is None:
                    continue
                if s in inside:
                    fed.add(j)
                    x, y = model.position(s)
                    outs.add((x + W2, y + PORT_DY, j))
                elif (i := of.get(s, j)) != j:
                    pairs.add((i, j))
    return sorted(pairs), sorted(fed), sorted(outs)


def cost(
    opened: Rect,
    rects: Sequence[Rect],
    pairs: Sequence[tuple[int, int]],
    fed: Sequence[int],
    outs: Sequence[Out],
    hollow: Collection[int],
    sides: Sequence[int],
    shift: Shift,
) -> tuple[int, int, int]:
    """What a choice of lines leaves to read badly: the wires through the
    open group (:func:`crossings`), how many units the group feeds end off
    its rows (below or above its frame: its wires ran down the frame's edge,
    past its outputs' ports, rather than on to the right), then the wires
    under a unit they do not join (:func:`under_units`)."""
    _ol, ot, _or, ob = opened
    off = 0
    for j in fed:
        dy = shift[sides[j]][1]
        y = (rects[j][1] + rects[j][3]) / 2 + dy
        off += not ot <= y <= ob
    under = under_units(rects, pairs, outs, sides, shift, hollow)
    return crossings(opened, rects, pairs, sides, shift), off, under


def under_units(
    rects: Sequence[Rect],
    pairs: Sequence[tuple[int, int]],
    outs: Sequence[Out],
    sides: Sequence[int],
    shift: Shift,
    hollow: Collection[int] = (),
) -> int:
    """How many of the wires ``pairs``, and of the group's wires ``outs``,
    run under a unit they do not join once moved (a data point's inputs
    moved right with their card, the weights' wires past them to the next
    point's card ran under them); ``hollow``: the units drawn as nothing
    (a wire's lane). 0 above ``UNDER_MOST`` units (each choice of lines
    asks it)."""
    if len(rects) > UNDER_MOST:
        return 0
    moved = []
    grid = Grid()
    for k, ((ul, ut, ur, ub), side) in enumerate(zip(rects, sides)):
        dx, dy = shift[side]
        moved.append((ul + dx, ut + dy, ur + dx, ub + dy))
        if k not in hollow:
            grid.add(moved[-1], k)
    ends = [(moved[i][2], (moved[i][1] + moved[i][3]) / 2, i, j) for i, j in pairs]
    ends += [(x, y, -1, j) for x, y, j in outs]
    n = 0
    for x1, y1, i, j in ends:
        b = moved[j]
        x2, y2 = b[0], (b[1] + b[3]) / 2
        if x2 <= x1:
            continue  # (running back: drawn round, as it may)
        box = (x1, min(y1, y2), x2, max(y1, y2))
        n += any(
            k not in (i, j) and wire_meets((x1, y1, x2, y2), moved[k], chord=False) for k in grid.near(box)
        )
    return n


def apart(opened: Rect, rects: Sequence[Rect], sides: Sequence[int], shift: Shift) -> bool:
    """Whether two units, once moved, lie on no one side of ``opened`` (each
    side the half-plane past one of its edges): only a wire between two
    such may cross it. Asked before the graph is (a graph of folded cards
    opened among them: every card right of the frame, nothing read)."""
    ol, ot, o_r, ob = opened
    masks = set()
    for (ul, ut, ur, ub), side in zip(rects, sides):
        dx, dy = shift[side]
        masks.add((ur + dx <= ol) | (ul + dx >= o_r) << 1 | (ub + dy <= ot) << 2 | (ut + dy >= ob) << 3)
    return any(not a & b for a in masks for b in masks)


def crossings(
    opened: Rect, rects: Sequence[Rect], pairs: Sequence[tuple[int, int]], sides: Sequence[int], shift: Shift
) -> int:
    """How many of the wires ``pairs`` meet ``opened`` once each unit
    (``rects``) is moved by its side's shift: each drawn from the middle of
    its source's right side to the middle of its target's left side, as the
    canvas draws a wire (a wire running back: the straight line)."""
    ol, ot, o_r, ob = opened
    n = 0
    for i, j in pairs:
        dx1, dy1 = shift[sides[i]]
        dx2, dy2 = shift[sides[j]]
        a, b = rects[i], rects[j]
        x1, y1 = a[2] + dx1, (a[1] + a[3]) / 2 + dy1
        x2, y2 = b[0] + dx2, (b[1] + b[3]) / 2 + dy2
        if max(x1, x2) + 40.0 < ol or min(x1, x2) - 40.0 > o_r or max(y1, y2) < ot or min(y1, y2) > ob:
            continue  # (the usual case: nowhere near)
        if x2 > x1:
            n += wire_meets((x1, y1, x2, y2), opened, chord=False)
        else:  # (running back)
            n += segment_meets((x1, y1), (x2, y2), opened)
    return n
