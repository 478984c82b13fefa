"""Room for the linked copies a new group brings (gui/canvas/linked/): a
shared leaf's use in another group is drawn as a copy left of its
consumer's port, and where the consumer's column sat close to the column on
its left (Auto Layout leaves ``LINK_ROOM`` only where copies were due) the
copy covered that card (a trial: after Ctrl+G, "w 0.5000" over the card
x2, which read "x… −1.0000"). As Auto Layout does, the consumer's column
and everything right of it move right just enough; nothing moves left, so
no two cards come closer than they were.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable

from core.graph.make_room import Moves

#: Each card whose copies cover another: (its left edge, [(the covered
#: card's centre x, how far right of where it is the consumer must go)]).
Asks = Iterable[tuple[float, Iterable[tuple[float, float]]]]


def copy_room(
    asks: Asks, units: Iterable[tuple[float, Iterable[str]]], position: Callable[[str], tuple[float, float]]
) -> Moves:
    """Moves {node: (old, new)}: each unit (what moves as one: a card, a
    folded group's nodes; its centre x and nodes) right of a line by that
    line's shift. A line is a consumer's left edge; its shift is what its
    covered cards still need once the lines between them and it have moved."""
    xs: list[float] = []  # the lines' x, left to right
    upto = [0.0]  # upto[i]: the shifts of the first i lines, summed
    for left, covered in sorted(asks, key=lambda a: a[0]):
        need = 0.0
        moved = upto[bisect_right(xs, left)]
        for cx, d in covered:
            done = moved - upto[bisect_right(xs, cx)]  # (the lines between it and the consumer)
            need = max(need, d - done)
        if need > 0:
            xs.append(left)
            upto.append(upto[-1] + need)
    moves: Moves = {}
    if not xs:
        return moves
    for cx, nodes in units:
        s = upto[bisect_right(xs, cx)]
        if s:
            for n in nodes:
                x, y = position(n)
                moves[n] = ((x, y), (x + s, y))
    return moves
