"""What moves together when a folded group opens in place and room is made
(core/graph/make_room.py), and where the lines that part what moves from
what stays then fall.

Room is made the way a spreadsheet inserts rows and columns: what lies
above the card moves up, below it down, and so on; the lines between are
the card's edges. A data point's inputs stand in one column beside the
card they feed (the MLP template: x1[2], x2[2], x3[2] beside layer 1 [2]),
and the card's edge may run between them: x1[2] moved up with the rows
above while x3[2], level with the card, stayed. So the leaves that feed one
card and nothing else, in one column or one row, are a bundle with that
card, and each line is moved to the nearest place that splits no bundle:
past the bundle (all of it moves) or before it (all of it stays), the way
that keeps the open group clear of everything and moves least. Each line
is still one line across the graph, so each axis still moves by a
non-decreasing function of position: nothing that was apart comes closer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import product
from typing import Any

Rect = tuple[float, float, float, float]  # left, top, right, bottom
#: The lines between the sides (xl, xr, yu, yd): a centre left of ``xl`` moves left, right of
#: ``xr`` right, above ``yu`` up, below ``yd`` down.
Cuts = tuple[float, float, float, float]
#: The moves of the nine sides (3 * across + down, each 0: stays, 1: right or down, 2: left or up).
Shift = list[tuple[float, float]]


def bundles(units: Sequence[tuple[Rect, list[str]]], model: Any, attrs: dict | None) -> list[list[int]]:
    """The units (indices) that move together: a card and the leaves that
    feed it alone, when they lie in one column or one row (a data point's
    inputs); two or more such leaves alone when what they feed is not a
    unit (the group being opened, which stays). ``attrs``: the nodes'
    attributes read in one pass (a big graph), else asked of ``model``."""
    op = (lambda n: attrs[n].get("op")) if attrs is not None else model.op
    leaves = [i for i, (_r, nodes) in enumerate(units) if len(nodes) == 1 and op(nodes[0]) == "leaf"]
    if not leaves:
        return []
    unit_of = {n: i for i, (_r, nodes) in enumerate(units) for n in nodes}
    fed: dict[int, list[int]] = {}  # the one unit fed (-1: none, the open group) -> its leaves
    for i in leaves:
        into = {unit_of.get(t, -1) for t, _p in model.consumers(units[i][1][0])}
        if len(into) == 1:
            fed.setdefault(into.pop(), []).append(i)
    out = []
    for card, mine in fed.items():
        if len(mine) < (2 if card < 0 else 1):
            continue
        centres = [_centre(units[i][0]) for i in mine]
        if len({x for x, _y in centres}) == 1 or len({y for _x, y in centres}) == 1:
            out.append(mine + ([card] if card >= 0 else []))
    return out


def _centre(r: Rect) -> tuple[float, float]:
    return (r[0] + r[2]) / 2, (r[1] + r[3]) / 2


def sides_of(centres: Sequence[tuple[float, float]], cuts: Cuts) -> list[int]:
    """Each unit's side as one number, 3 * across + down (0: neither, 1:
    right or down, 2: left or up), from its centre and the lines ``cuts``."""
    xl, xr, yu, yd = cuts
    return [(3 if x > xr else 6 if x < xl else 0) + (1 if y > yd else 2 if y < yu else 0) for x, y in centres]


def split(group: list[int], sides: list[int]) -> bool:
    """Whether the units of ``group`` lie on different sides."""
    first = sides[group[0]]
    return any(sides[i] != first for i in group)


def _options(cut: float, spans: list[tuple[float, float]], low: bool) -> list[float]:
    """Where one line may go: where it is when it splits none of ``spans``
    (the bundles' centres, merged where they meet), else just before the
    span it splits or just past it. ``low``: the line before which units
    move (left or up: centre < cut), else after which they move (centre > cut)."""
    for lo, hi in spans:
        if (lo < cut <= hi) if low else (lo <= cut < hi):
            return [lo, math.nextafter(hi, math.inf)] if low else [hi, math.nextafter(lo, -math.inf)]
    return [cut]


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def cut_choices(card: Rect, centres: Sequence[tuple[float, float]], groups: list[list[int]]) -> list[Cuts]:
    """The lines to try, each moved off the bundles it splits one way or
    the other (at most 16 choices; the card's own edges first)."""
    cl, ct, cr, cb = card
    xs = _merged([(min(centres[i][0] for i in g), max(centres[i][0] for i in g)) for g in groups])
    ys = _merged([(min(centres[i][1] for i in g), max(centres[i][1] for i in g)) for g in groups])
    choices = [(cl, cr, ct, cb)]
    each = (_options(cl, xs, True), _options(cr, xs, False), _options(ct, ys, True), _options(cb, ys, False))
    for c in product(*each):
        if c not in choices:
            choices.append(c)
    return choices


def clear_of(opened: Rect, card: Rect, rects: Sequence[Rect], sides: list[int], shift: Shift) -> bool:
    """Whether every unit, moved by its side's shift, lies clear of the open
    group (but one on the card itself, which no line moves)."""
    ol, ot, o_r, ob = opened
    cl, ct, cr, cb = card
    for (ul, ut, ur, ub), side in zip(rects, sides):
        dx, dy = shift[side]
        if ul + dx >= o_r or ur + dx <= ol or ut + dy >= ob or ub + dy <= ot:
            continue
        if cl <= (ul + ur) / 2 <= cr and ct <= (ut + ub) / 2 <= cb:
            continue  # on the card: there before
        return False
    return True


def cost(sides: list[int], shift: Shift) -> float:
    """How far the units move in all (the least is the choice)."""
    moves = [abs(dx) + abs(dy) for dx, dy in shift]
    return sum(moves[s] for s in sides)
