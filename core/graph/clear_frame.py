"""Room for a new group's frame where its members already are.

A group's frame is drawn around its members; a card that is not one of
them but lies in between (the blog's ``c`` above ``e`` when ``a``, ``b`` and
``e`` are grouped) looked grouped, and folding the group put its card over
it. So grouping moves such cards out, each the shortest way, with the rule
making room for an opened group follows (core/graph/make_room.py): when a
card leaves upwards, everything whose centre is as high as its centre or
higher moves up with it, so what was apart never comes closer and nothing
new overlaps. The members stay where the user put them.
"""

from __future__ import annotations

from typing import Any

from core.graph.make_room import Moves, Rect

#: More cards than this in a new frame: it is left as it is (a frame across
#: a big graph is for Layout to sort out, not for one move of thousands).
MOST = 200


def clear_frame(frame: Rect, units: list[tuple[Rect, list[str]]], model: Any, gap: float = 24.0) -> Moves:
    """Moves {node: (old, new)} taking every unit (what is drawn as one: its
    rect and its nodes) that overlaps ``frame`` out of it; none when more
    than ``MOST`` do."""
    fl, ft, fr, fb = frame
    rects = [list(r) for r, _nodes in units]

    def inside(r: list[float]) -> bool:
        return r[0] < fr and r[2] > fl and r[1] < fb and r[3] > ft

    if sum(map(inside, rects)) > MOST:
        return {}
    dx = [0.0] * len(units)
    dy = [0.0] * len(units)
    for _ in range(len(units)):  # each round takes one out for good (at most every unit once)
        todo = [i for i, r in enumerate(rects) if inside(r)]
        if not todo:
            break
        i = todo[0]
        ul, ut, ur, ub = rects[i]
        ways = (
            (ub - (ft - gap), 1, -1),  # up: what is as high as its centre or higher
            ((fb + gap) - ut, 1, 1),  # down
            (ur - (fl - gap), 0, -1),  # left
            ((fr + gap) - ul, 0, 1),  # right
        )
        far, axis, sign = min(ways)
        mid = (rects[i][axis] + rects[i][axis + 2]) / 2
        for j, r in enumerate(rects):
            c = (r[axis] + r[axis + 2]) / 2
            if (c <= mid) if sign < 0 else (c >= mid):
                r[axis] += sign * far
                r[axis + 2] += sign * far
                (dx if axis == 0 else dy)[j] += sign * far
    moves: Moves = {}
    for (_r, nodes), ddx, ddy in zip(units, dx, dy):
        if ddx or ddy:
            for n in nodes:
                x, y = model.position(n)
                moves[n] = ((x, y), (x + ddx, y + ddy))
    return moves
