"""Room for a new group's frame where its members already are.

A group's frame is drawn around its members; a card that is not one of
them but lies in between (the blog's ``c`` above ``e`` when ``a``, ``b`` and
``e`` are grouped) looked grouped, and folding the group put its card over
it. So grouping moves such cards out, each the shortest way, pushing along
what lies in its path (and what lies in theirs), so nothing new overlaps;
what is not in the way stays where it is. The members stay where the user
put them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.graph.make_room import Moves, Rect

#: More cards than this in a new frame, or more nodes than ``MOST_MOVED``
#: to move: it is left as it is (a frame across a big graph is for Layout
#: to sort out, not for one move of thousands).
MOST = 200
MOST_MOVED = 2000
#: How many of its own sizes further out each way a unit may go so that its wires run clear.
FURTHER = 3


def clear_frame(
    frame: Rect,
    units: list[tuple[Rect, list[str]]],
    model: Any,
    gap: float = 24.0,
    takes: int | None = None,
    avoid: Callable[[int, float, float, list[list[float]]], bool] | None = None,
) -> Moves:
    """Moves {node: (old, new)} taking every unit (what is drawn as one: its
    rect and its nodes) that overlaps ``frame`` out of it (``takes``: only
    the first so many units are taken out; the others move only when pushed);
    none when more than ``MOST`` are or more than ``MOST_MOVED`` nodes would move.
    Each goes the shortest way out but one that ``avoid(unit, dx, dy,
    rects)`` rejects (moved by dx, dy in all, the units' rects as moved so
    far: its wires would run under a card or the frame's copies), trying
    up to ``FURTHER`` of its own sizes further out each way, unless every
    such place is."""
    fl, ft, fr, fb = frame
    rects = [list(r) for r, _nodes in units]
    takes = len(rects) if takes is None else takes

    def inside(r: list[float]) -> bool:
        return r[0] < fr and r[2] > fl and r[1] < fb and r[3] > ft

    if sum(map(inside, rects[:takes])) > MOST:
        return {}
    dx = [0.0] * len(units)
    dy = [0.0] * len(units)
    for _ in range(len(units)):  # each round takes one out for good (at most every unit once)
        todo = [i for i, r in enumerate(rects[:takes]) if inside(r)]
        if not todo:
            break
        i = todo[0]
        ul, ut, ur, ub = rects[i]
        ways = (
            (ub - (ft - gap), 1, -1),  # up
            ((fb + gap) - ut, 1, 1),  # down
            (ur - (fl - gap), 0, -1),  # left
            ((fr + gap) - ul, 0, 1),  # right
        )
        far, axis, sign = min(ways)
        if avoid is not None:  # (or further out that way: a long wire bends far from the frame)
            size = (ur - ul + gap, ub - ut + gap)
            places = sorted((f + k * size[a], a, s) for f, a, s in ways for k in range(FURTHER + 1))
            ok = (
                (f, a, s)
                for f, a, s in places
                if not avoid(i, dx[i] + s * f * (a == 0), dy[i] + s * f * (a == 1), rects)
            )
            far, axis, sign = next(ok, (far, axis, sign))
        for j in _pushed(rects, i, axis, sign, far, gap):
            rects[j][axis] += sign * far
            rects[j][axis + 2] += sign * far
            (dx if axis == 0 else dy)[j] += sign * far
    moves: Moves = {}
    for (_r, nodes), ddx, ddy in zip(units, dx, dy):
        if ddx or ddy:
            for n in nodes:
                x, y = model.position(n)
                moves[n] = ((x, y), (x + ddx, y + ddy))
            if len(moves) > MOST_MOVED:
                return {}
    return moves


def _pushed(rects: list[list[float]], first: int, axis: int, sign: int, far: float, gap: float) -> list[int]:
    """``first`` and what it pushes, moving ``far`` along ``axis`` (``sign``:
    which way): each unit in the path a moved one sweeps (with ``gap`` to
    spare), and what lies in theirs."""
    across = 1 - axis
    moved, todo = {first}, [first]
    while todo:
        r = rects[todo.pop()]
        lo, hi = r[across] - gap, r[across + 2] + gap  # its span across, where it sweeps
        if sign < 0:  # towards lower coordinates: from where it is to ``far`` before it
            near, end = r[axis] - far - gap, r[axis + 2]
        else:
            near, end = r[axis], r[axis + 2] + far + gap
        for j, o in enumerate(rects):
            if (
                j not in moved
                and o[across] < hi
                and o[across + 2] > lo
                and o[axis] < end
                and o[axis + 2] > near
            ):
                moved.add(j)
                todo.append(j)
    return sorted(moved)
