"""What moves together when a folded group opens in place and room is made
(core/graph/make_room.py), and where the lines that part what moves from
what stays then fall.

Room is made the way a spreadsheet inserts rows and columns: what lies
above the card moves up, below it down, and so on; the lines between are
the card's edges. A data point's inputs stand in one column beside the
card they feed (the MLP template: x1[2], x2[2], x3[2] beside layer 1 [2]),
and the card's edge may run between them: x1[2] moved up with the rows
above while x3[2], level with the card, stayed. So the leaves that feed one
group (its folded card, or the group being opened) and nothing else, in one
column or one row, are a bundle with that card, and each line is moved to
the nearest place that splits no bundle: past the bundle (all of it moves)
or before it (all of it stays), the way that keeps the open group clear of
everything and moves least. Each line is still one line across the graph,
so each axis still moves by a non-decreasing function of position: nothing
that was apart comes closer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from itertools import product
from typing import Any

Rect = tuple[float, float, float, float]  # left, top, right, bottom
#: The lines between the sides (xl, xr, yu, yd): a centre left of ``xl`` moves left, right of
#: ``xr`` right, above ``yu`` up, below ``yd`` down.
Cuts = tuple[float, float, float, float]
#: The moves of the nine sides (3 * across + down, each 0: stays, 1: right or down, 2: left or up).
Shift = list[tuple[float, float]]


def bundles(
    units: Sequence[tuple[Rect, list[str]]], model: Any, attrs: Any, inside: Collection[str] = ()
) -> list[list[int]]:
    """The units (indices) that move together: a group's card (a unit of
    several nodes) and the leaves (units of one) that feed it alone, when
    they lie in one column or one row (a data point's inputs); two or more
    such leaves alone when they feed the opened group (``inside``: its
    nodes, which stay). Asked from whichever side is smaller: the plain
    cards' leaves, or the groups' inputs (a big graph of plain cards, or of
    folded ones, asks nothing of each of its 50,000 nodes). ``attrs``: the
    nodes' attributes as one table (a big graph), else None (from ``model``)."""
    singles = {nodes[0]: i for i, (_r, nodes) in enumerate(units) if len(nodes) == 1}
    if not singles:  # every card a folded group's (the bench's 499): no leaf of its own
        return []
    group_of = dict.fromkeys(inside, -1)
    for i, (_r, nodes) in enumerate(units):
        if len(nodes) > 1:
            group_of.update(dict.fromkeys(nodes, i))
    if not group_of:
        return []
    op = (lambda n: attrs[n].get("op")) if attrs is not None else model.op
    if len(singles) < len(group_of):  # few plain cards: each leaf among them asked
        leaves = [n for n in singles if op(n) == "leaf"]
    else:  # few nodes in groups: the leaves they read
        table = model.input_table()
        near = {s for n in group_of for s in table.get(n, ()) if s in singles}
        leaves = sorted((n for n in near if op(n) == "leaf"), key=singles.__getitem__)
    fed: dict[int, list[int]] = {}  # the group fed (-1: the opened one) -> the units of its leaves
    for leaf in leaves:
        into = {group_of.get(t, -2) for t, _p in model.consumers(leaf)}
        if len(into) == 1 and (g := into.pop()) != -2:
            fed.setdefault(g, []).append(singles[leaf])
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


def cut_choices(
    card: Rect, centres: Sequence[tuple[float, float]], groups: list[list[int]], wide: Rect | None = None
) -> list[Cuts]:
    """The lines to try, each moved off the bundles it splits one way or
    the other (at most 16 choices, more with ``wide``; the card's own edges first). ``wide``
    (the open group's frame): each line may also run along the card's far
    edge (what shares the card's columns moves right, or left; its rows
    down, or up), and the line right of it just before any column the
    frame spans left of the card (those columns move right with the rest),
    where the usual lines leave wires across the open group
    (core/graph/room_wires.py)."""
    cl, ct, cr, cb = card
    xs = _merged([(min(centres[i][0] for i in g), max(centres[i][0] for i in g)) for g in groups])
    ys = _merged([(min(centres[i][1] for i in g), max(centres[i][1] for i in g)) for g in groups])
    choices = [(cl, cr, ct, cb)]
    each = (_options(cl, xs, True), _options(cr, xs, False), _options(ct, ys, True), _options(cb, ys, False))
    if wide is not None:
        ol = wide[0]
        far = [[math.nextafter(cr, math.inf)], [math.nextafter(cl, -math.inf)]]
        far[1] += sorted({math.nextafter(x, -math.inf) for x, _y in centres if ol - (cl - ol) <= x < cl})
        far += [[math.nextafter(cb, math.inf)], [math.nextafter(ct, -math.inf)]]
        for opts, fs, spans, low in zip(each, far, (xs, xs, ys, ys), (True, False, True, False)):
            for f in fs:
                opts.extend(o for o in _options(f, spans, low) if o not in opts)  # (off the bundles too)
    for c in product(*each):
        if c not in choices:
            choices.append(c)
    return choices


def refit(
    opened: Rect,
    card: Rect,
    rects: Sequence[Rect],
    sides: list[int],
    groups: list[list[int]],
    fed: list[float],
    amounts: Callable[[list[Rect], list[int]], Shift],
    cross: Callable[[list[int], Shift], tuple[int, ...]] | None = None,
) -> tuple[list[int], Shift] | None:
    """The sides (and their shifts) of the lines that split fewest of
    ``groups`` and keep the open group clear, moving least; None: the
    card's edges (``sides``) are best. ``fed``: the centres of what the
    group feeds right of its card (they stay right of the right line);
    ``amounts``: the shifts of the sides, from the units given and their
    sides (those the open group overlaps are all that count). Only the
    units a choice may change are looked at for each: those between a
    card edge and where a choice moves that line, those the open group
    overlaps and the bundles; the rest keep their sides (counted by side).
    ``cross``: what a choice leaves to read badly (core/graph/room_wires.py:
    the wires not the group's through its frame first), given every unit's
    side and the shifts; with it the lines may also run along the card's
    far edges (each off the bundles too), and of the choices splitting
    fewest bundles the one leaving least wins, then the one moving fewest
    units to another side than ``sides``, then the one moving least."""
    centres = [((r[0] + r[2]) / 2, (r[1] + r[3]) / 2) for r in rects]
    choices = cut_choices(card, centres, groups, wide=opened if cross is not None else None)
    lo = [min(c[k] for c in choices) for k in range(4)]
    hi = [max(c[k] for c in choices) for k in range(4)]
    (xl0, xl1), (xr0, xr1), (yu0, yu1), (yd0, yd1) = zip(lo, hi)
    ol, ot, o_r, ob = opened
    some = set().union(*groups)
    for i, ((x, y), (ul, ut, ur, ub)) in enumerate(zip(centres, rects)):
        if (
            xl0 <= x <= xl1
            or xr0 <= x <= xr1
            or yu0 <= y <= yu1
            or yd0 <= y <= yd1
            or not (ul >= o_r or ur <= ol or ut >= ob or ub <= ot)
        ):
            some.add(i)
    part = sorted(some)
    at = {i: k for k, i in enumerate(part)}
    count = [0] * 9  # how many of the others lie on each side
    for side in sides:
        count[side] += 1
    for i in part:
        count[sides[i]] -= 1
    mine = [rects[i] for i in part]
    mid = [centres[i] for i in part]
    best = None
    seen: set[tuple[int, ...]] = set()  # (with ``cross``: many lines part the units alike)
    for cuts in choices:
        s = sides_of(mid, cuts)
        if cross is not None:
            if tuple(s) in seen:
                continue
            seen.add(tuple(s))
        shift = amounts(mine, s)
        if not all(x > cuts[1] for x in fed) or not clear_of(opened, card, mine, s, shift):
            continue
        splits = sum(split([at[i] for i in g], s) for g in groups)
        if cross is not None and best is not None and splits > best[0][0]:
            continue  # (what it leaves is asked only of those that may win)
        moved = [abs(dx) + abs(dy) for dx, dy in shift]
        if cross is not None:
            every = list(sides)
            for i, new in zip(part, s):
                every[i] = new
        rank = (
            splits,
            *(cross(every, shift) if cross is not None else ()),
            sum(a != sides[i] for i, a in zip(part, s)) if cross is not None else 0,
            sum(n * d for n, d in zip(count, moved)) + sum(moved[k] for k in s),
        )
        if best is None or rank < best[0]:
            best = (rank, cuts, s, shift)
    if best is None or (cross is None and best[1] == choices[0]):
        return None
    _rank, _cuts, s, shift = best
    out = list(sides)
    for i, new in zip(part, s):
        out[i] = new
    return out, shift


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
