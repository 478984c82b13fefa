"""Room for a folded group to open in place.

An open group takes more space than its card, and may land on its
neighbours. When it does, space is inserted around it the way a spreadsheet
inserts rows and columns: everything right of the card moves right, below
it moves down, above it up and left of it left, each just enough to clear
the open group. The lines parting those sides run along the card's edges
unless they would part a data point's inputs from each other or from the
card they feed: then each is moved just off them (core/graph/room_together.py).
Where those lines leave wires between two other cards running across the
open group, the lines that leave fewest are looked for (``_uncrossed``).
Each axis moves by a non-decreasing function of position,
so nothing that was apart comes closer and nothing new overlaps; what is
drawn as one (a folded card, a node) moves as one. When the group opens
onto free space, nothing moves. Several groups opening at once (Expand All)
move by the same rule across, each position by the most the cards left of
it need; down, a frame pushes only what shares its columns, and nothing
moves less far than what was above it (``make_room_many``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import partial
from itertools import compress
from operator import gt, itemgetter, not_, sub
from typing import Any

from core.graph import room_together as together
from core.graph import room_wires
from core.graph.interval_max import IntervalMax
from core.graph.unit_moves import Unit, UnitMoves

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Moves = dict[str, tuple[tuple[float, float], tuple[float, float]]]
#: From this many nodes in the units, their positions are read from the graph's attributes directly.
_MANY = 1000
#: How far an outermost frame's name tab may rise above it far out (gui/canvas/folding/group_items.py):
#: what lines moved to keep wires off the open group send up clears it (``_uncrossed``).
TAB_RISE = 36.0


def make_room(
    opened: Rect,
    card: Rect,
    units: list[tuple[Rect, list[str]]],
    model: Any,
    gap: float = 24.0,
    feeds: Sequence[Rect] = (),
    inside: Collection[str] = (),
) -> Moves:
    """Moves {node: (old, new)} clearing ``opened`` (the open group's frame,
    which was drawn as ``card``) of every unit (what is drawn as one: its
    rect and its nodes) it overlaps; ``feeds``, what the group feeds right
    of its card, end right of the frame (the graph still reads left to right).
    ``inside``: the opened group's nodes (the leaves feeding it move together).
    :func:`room_units` tells the same move unit by unit."""
    moved = room_units(opened, card, units, model, gap, feeds, inside).units
    # most of a big graph may move (499 folded cards of 100 nodes each): the nodes' attributes
    # read from the model's table, not a checked lookup each
    attrs = model.attr_table() if sum(map(len, map(itemgetter(1), units))) > _MANY else None
    moves: Moves = {}
    for nodes, dx, dy in moved:
        for n in nodes:
            if attrs is None:
                x, y = model.position(n)
            else:
                a = attrs[n]
                x, y = float(a.get("x", 0.0)), float(a.get("y", 0.0))  # as model.position reads them
            moves[n] = ((x, y), (x + dx, y + dy))
    return moves


def room_units(
    opened: Rect,
    card: Rect,
    units: list[tuple[Rect, list[str]]],
    model: Any,
    gap: float = 24.0,
    feeds: Sequence[Rect] = (),
    inside: Collection[str] = (),
    through: bool = False,
) -> UnitMoves:
    """:func:`make_room`'s move as the units that move, each by its (dx,
    dy): no node's position read (the model moves them: ``move_units``).
    ``through``: the lines are moved where they leave wires between two
    units across the open group, if others leave fewer (``_uncrossed``)."""
    cl, ct, cr, cb = card
    rects = [r for r, _nodes in units]
    centres = [((ul + ur) / 2, (ut + ub) / 2) for ul, ut, ur, ub in rects]
    sides = together.sides_of(centres, (cl, cr, ct, cb))
    shift = _shift(opened, card, rects, sides, gap, feeds)
    # most of a big graph may move (499 folded cards of 100 nodes each): the nodes' attributes
    # read from the model's table, not a checked lookup each
    attrs = model.attr_table() if sum(map(len, map(itemgetter(1), units))) > _MANY else None
    groups = together.bundles(units, model, attrs, inside)
    if any(together.split(g, sides) for g in groups):  # a data point's inputs: lines moved off them
        fed = [(fl + fr) / 2 for fl, _ft, fr, _fb in feeds if (fl + fr) / 2 > cr]
        better = together.refit(
            opened, card, rects, sides, groups, fed, lambda r, s: _shift(opened, card, r, s, gap, feeds)
        )
        if better is not None:
            sides, shift = better
    if through:
        sides, shift = _uncrossed(opened, card, units, model, inside, sides, shift, groups, feeds, gap)
    moved: list[Unit] = []
    for (_rect, nodes), side in zip(units, sides):
        dx, dy = shift[side]
        if (dx or dy) and nodes:
            moved.append((nodes, dx, dy))
    return UnitMoves(moved)


def _uncrossed(
    opened: Rect,
    card: Rect,
    units: list[tuple[Rect, list[str]]],
    model: Any,
    inside: Collection[str],
    sides: list[int],
    shift: list[tuple[float, float]],
    groups: list[list[int]],
    feeds: Sequence[Rect],
    gap: float,
) -> tuple[list[int], list[tuple[float, float]]]:
    """``sides`` and ``shift``, or where they leave wires between two units
    running through the open group (core/graph/room_wires.py), the lines
    that leave fewest (each still one line across the graph)."""
    if len(units) > room_wires.MOST_UNITS or sum(map(len, map(itemgetter(1), units))) > room_wires.MOST_NODES:
        return sides, shift
    rects = [r for r, _nodes in units]
    if not room_wires.apart(opened, rects, sides, shift):
        return sides, shift  # (what is not the group's all lies on one side of it: no wire crosses it)
    pairs, fed_by, outs = room_wires.unit_wires(units, model, inside)
    now = room_wires.crossings(opened, rects, pairs, sides, shift)
    if not now:
        return sides, shift  # (the usual case)
    hollow = {i for i, (_r, nodes) in enumerate(units) if not nodes}  # (a wire's lane: wire_lanes.py)
    cross = partial(room_wires.cost, opened, rects, pairs, fed_by, outs, hollow)
    now_cost = cross(sides, shift)
    cr = card[2]
    fed = [(fl + fr) / 2 for fl, _ft, fr, _fb in feeds if (fl + fr) / 2 > cr]
    ol, ot, o_r, ob = opened
    tab = (ol, ot - TAB_RISE, o_r, ob)  # (what moves up clears the frame's name tab as it rises too)
    better = together.refit(
        opened, card, rects, sides, groups, fed, lambda r, s: _shift(tab, card, r, s, gap, feeds), cross
    )
    if better is not None:
        splits = [sum(together.split(g, ss) for g in groups) for ss in (sides, better[0])]
        if (splits[1], cross(*better)) < (splits[0], now_cost):
            return better
    return sides, shift


def _shift(
    opened: Rect, card: Rect, rects: list[Rect], sides: list[int], gap: float, feeds: Sequence[Rect]
) -> list[tuple[float, float]]:
    """The move of each of the nine sides (``sides``' numbers): each way,
    just enough to clear ``opened`` of the units on that side it overlaps;
    what the group feeds right of its card ends right of it."""
    ol, ot, o_r, ob = opened
    cr = card[2]
    right = down = up = left = 0.0
    for fl, _ft, fr, _fb in feeds:
        if (fl + fr) / 2 > cr:
            right = max(right, o_r + gap - fl)
    for (ul, ut, ur, ub), side in zip(rects, sides):
        if ul >= o_r or ur <= ol or ut >= ob or ub <= ot:
            continue  # clear of the open group
        h, v = divmod(side, 3)
        if h == 1:
            right = max(right, o_r + gap - ul)
        elif h == 2:
            left = max(left, ur - (ol - gap))
        if v == 1:
            down = max(down, ob + gap - ut)
        elif v == 2:
            up = max(up, ub - (ot - gap))
    return [(dx, dy) for dx in (0.0, right, -left) for dy in (0.0, down, -up)]


def make_room_many(
    opened: list[tuple[Rect, Rect, list[str]]],
    units: list[tuple[Rect, list[str]]],
    model: Any,
    gap: float = 24.0,
    end: tuple[int, list[int]] | None = None,
) -> Moves:
    """Moves for several groups opened at once (Expand All): ``opened`` is
    each one's (frame, the card it was drawn as, its nodes), ``units`` the
    rest of what is shown. Across, a position moves by the most any opened
    card left of it needs (its own move plus its growth; cards one above
    the other do not push each other): a non-decreasing function, so what
    lay right of a card clears its frame. Down, an opened card pushes only
    what shares its columns once moved across (a frame lower in another
    column is not pushed by this one's growth: the picture does not grow
    into one tall column); what lies below anything still moves at least as
    far as it, so on both axes nothing that was apart comes closer.

    ``end``: the opened frame holding the graph's output (its index in
    ``opened``) and what is wired into it (indices in ``opened`` + ``units``).
    Nothing reads on from the end, so it need not keep its place below
    everything above its card (the MLP's loss, its card centred on a column
    of layers, opened from below the middle of that column, its frame
    running far below the rest): it rises level with the highest of its
    inputs, or as near as it can while clear of every frame and card."""
    xs = [(_mid(c, 0), max(0.0, c[0] - f[0] + gap), f[2] - c[2] + gap) for f, c, _n in opened]
    own_x, step_x = _sweep(xs)
    dx = [own_x[i] + xs[i][1] for i in range(len(opened))]
    dx += [_before(step_x, _mid(rect, 0)) for rect, _n in units]
    down = [
        (_mid(c, 1), max(0.0, c[1] - f[1] + gap), f[3] - c[3] + gap, f[0] + d, f[2] + d)
        for (f, c, _n), d in zip(opened, dx)
    ]
    down += [(_mid(r, 1), 0.0, 0.0, r[0] + d, r[2] + d) for (r, _n), d in zip(units, dx[len(opened) :])]
    dy = _sweep_columns(down)
    if end is not None:
        rects = [f for f, _c, _n in opened] + [r for r, _n in units]
        dy[end[0]] = _rise(
            end[0], end[1], [_moved(r, a, b) for r, a, b in zip(rects, dx, dy)], dy[end[0]], gap
        )
    moves: Moves = {}
    for (_r, nodes), ddx, ddy in zip([(f, n) for f, _c, n in opened] + units, dx, dy):
        if ddx or ddy:
            for n in nodes:
                x, y = model.position(n)
                moves[n] = ((x, y), (x + ddx, y + ddy))
    return moves


def _moved(r: Rect, dx: float, dy: float) -> Rect:
    return r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy


def _rise(i: int, inputs: list[int], rects: list[Rect], dy: float, gap: float) -> float:
    """The move down of ``rects[i]`` (moved by ``dy`` so far) that lifts it
    towards the top of the highest of ``inputs``, not onto anything (each
    rect once: a sweep down from there past what is in the way)."""
    if not inputs:
        return dy
    left, top, right, bottom = rects[i]
    want = min(rects[k][1] for k in inputs)
    if want >= top:
        return dy
    h = bottom - top
    # what shares its span across and lies between the wanted top and its bottom now
    near = sorted(
        (
            r
            for k, r in enumerate(rects)
            if k != i
            and r[0] < right + gap
            and left - gap < r[2]
            and r[3] + gap > want
            and r[1] < bottom + gap
        ),
        key=lambda r: r[1],
    )
    at = want
    for r in near:  # by top: each one in the way pushes the frame below it
        if r[1] < at + h + gap and r[3] + gap > at:
            at = r[3] + gap
    return dy - (top - at) if at < top else dy


def _sweep_columns(items: list[tuple[float, float, float, float, float]]) -> list[float]:
    """Each item's move down (``items``: its centre, the room its frame
    takes above the card and its growth below it (0 for a plain unit), its
    span across after the moves across). An item moves at least as far as
    anything above it, and past the growth of every opened card above it
    whose frame shares its span (``IntervalMax``: a sweep, not all pairs)."""
    tree = IntervalMax([e for it in items for e in (it[3], it[4])])
    shift = [0.0] * len(items)
    carry = 0.0
    for _centre, same in _by_centre(items):
        # at least as far as anything above (its centre: the card's room above counts)
        moved = {i: max(0.0, carry - items[i][1], tree.most(items[i][3], items[i][4])) for i in same}
        for i in same:
            shift[i] = moved[i] + items[i][1]
        for i in same:
            _c, before, after, lo, hi = items[i]
            tree.raise_to(lo, hi, moved[i] + before + after)  # a plain unit: its own move
        carry = max([carry] + [shift[i] for i in same])
    return shift


def _by_centre(items: Sequence[tuple[float, ...]]) -> Iterator[tuple[float, list[int]]]:
    """The items' indices by their centre (``item[0]``), lowest first; items
    with one centre together (they move alike)."""
    order = sorted(range(len(items)), key=lambda i: items[i][0])
    k = 0
    while k < len(order):
        centre = items[order[k]][0]
        same = []
        while k < len(order) and items[order[k]][0] == centre:
            same.append(order[k])
            k += 1
        yield centre, same


def _mid(r: Rect, axis: int) -> float:
    return (r[axis] + r[axis + 2]) / 2


def _sweep(items: list[tuple[float, float, float]]) -> tuple[list[float], tuple[list[float], list[float]]]:
    """Each opened card's move along one axis (``items``: its centre, the
    room its frame takes before the card, its growth after it), and the step
    function of the moves beyond: centres, and the move past each."""
    moved = [0.0] * len(items)
    centres: list[float] = []
    past: list[float] = []
    running = 0.0
    for centre, same in _by_centre(items):
        for i in same:
            moved[i] = running
        running = max([running] + [moved[i] + items[i][1] + items[i][2] for i in same])
        centres.append(centre)
        past.append(running)
    return moved, (centres, past)


def _before(step: tuple[list[float], list[float]], at: float) -> float:
    """The move of a position ``at``: that past the last centre before it."""
    centres, past = step
    k = bisect_left(centres, at)
    return past[k - 1] if k else 0.0


_X, _Y = itemgetter(0), itemgetter(1)
#: ``none_overlap`` reads the first this many cards' columns, then four times as many, and so on.
FIRST_COLUMNS = 1024


def none_overlap(points: Iterable[tuple[float, float]], w: float, h: float) -> bool:
    """True when no two cards of size ``w`` × ``h`` at ``points`` overlap,
    found cheaply for cards in columns (a laid-out graph): in order of x,
    then y, each next card is either in the same column at least ``h``
    lower or in a column at least ``w`` further right (columns closer than
    that, a card nudged aside, read as one: ``_runs_clear``). False when some
    overlap, or when the cards are not so arranged (the caller asks the full
    question: ``lands_on_others``). Two sorts by one float and differences
    of neighbours, all in C: ~20 ms at 50,000 cards, where
    ``lands_on_others``, a Python step or more per card, takes ~0.4 s."""
    pts = list(points)
    # first (cheap): cards anywhere have columns closer than a card, more than
    # fit a card apart; already among the first few (any two of them too close
    # are so among all), read in growing parts: scattered cards are told by
    # their first thousand, not a set of 50,000 x's (~20 ms of Expand All)
    cols: set[float] = set()
    start, end = 0, FIRST_COLUMNS
    while start < len(pts):
        cols.update(map(_X, pts[start:end]))
        if len(cols) > 1 and (len(cols) - 1) * w > max(cols) - min(cols):
            return False
        start, end = end, 4 * end
    xs = sorted(cols)
    close = [(a, b) for a, b in zip(xs, xs[1:]) if b - a < w]
    if close:  # columns closer than a card (a card nudged aside): each run of them one column
        return _runs_clear(pts, close, w, h)
    pts.sort(key=_Y)
    pts.sort(key=_X)  # stable: by x, then y
    xs, ys = list(map(_X, pts)), list(map(_Y, pts))
    return not any(map(partial(gt, h), compress(map(sub, ys[1:], ys), map(not_, map(sub, xs[1:], xs)))))


#: ``none_overlap`` reads columns closer than a card as one while their cards
#: are at most this share of all (a card or a column nudged aside); past it,
#: the full question (``lands_on_others``).
CLOSE_SHARE = 1 / 16


def _runs_clear(pts: list[tuple[float, float]], close: list[tuple[float, float]], w: float, h: float) -> bool:
    """``none_overlap`` of cards in columns some of which (``close``: pairs of
    neighbouring columns' x) are closer than ``w``: each run of such columns
    read as one, its cards at least ``h`` apart in y whichever column they
    are in (sure, if stricter than needed: a run wider than a card is
    told as overlapping, and the caller asks the full question). A card
    nudged aside in a laid-out graph (its own column a few px off) left
    Expand All's check to ``lands_on_others``, ~0.13 s at 50,000 cards."""
    head: dict[float, float] = {}  # column -> the first column of its run
    for a, b in close:
        head[b] = head.get(a, a)
    runs = head.keys() | set(head.values())
    xs, ys = list(map(_X, pts)), list(map(_Y, pts))
    if sum(map(runs.__contains__, xs)) > CLOSE_SHARE * len(pts):
        return False
    cards = sorted(zip(map(head.get, xs, xs), ys))  # by the run's column, then y
    xs, ys = list(map(_X, cards)), list(map(_Y, cards))
    return not any(map(partial(gt, h), compress(map(sub, ys[1:], ys), map(not_, map(sub, xs[1:], xs)))))


def around(cx: int, cy: int) -> tuple[tuple[int, int], ...]:
    """Cell (cx, cy) and the eight around it: where a card overlapping one in
    it can be, with cells the size of a card."""
    return (
        (cx - 1, cy - 1), (cx, cy - 1), (cx + 1, cy - 1),
        (cx - 1, cy), (cx, cy), (cx + 1, cy),
        (cx - 1, cy + 1), (cx, cy + 1), (cx + 1, cy + 1),
    )  # fmt: skip


def overlaps_itself(points: Iterable[tuple[float, float]], w: float, h: float) -> bool:
    """Whether two cards of size ``w`` × ``h`` centred at ``points`` (one
    group's) overlap: a group not laid out to be read open, left as it is
    when opened (``lands_on_others``' first question, for one group). A
    spatial hash of cells the size of a card; True at the first such pair."""
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    get = cells.get
    for x, y in points:
        cx, cy = int(x // w), int(y // h)
        for key in around(cx, cy):
            for x2, y2 in get(key, ()):
                if -w < x - x2 < w and -h < y - y2 < h:
                    return True
        cells.setdefault((cx, cy), []).append((x, y))
    return False


def boxes_apart(boxes: Iterable[Rect]) -> bool:
    """True when no two of ``boxes`` (left, top, right, bottom) overlap: by
    left edge, each against those it may still meet (a few for boxes laid
    out apart: the frames of a graph's groups, each a block)."""
    near: list[Rect] = []
    for b in sorted(boxes):
        near = [a for a in near if a[2] > b[0]]
        if any(a[1] < b[3] and b[1] < a[3] for a in near):
            return False
        near.append(b)
    return True


def lands_on_others(cards: Iterable[tuple[float, float, Any]], w: float, h: float) -> bool:
    """Whether cards of size ``w`` × ``h`` centred at (x, y) and owned by
    opened groups (None: by none) land on another owner's cards while each
    owner's own cards lie clear of each other: groups laid out folded (a
    template), opened onto one another. A graph whose cards overlap anyway
    (within a group too) was not arranged to be read open: it is left as it
    is, known at the first such pair (``cards`` is read no further: a
    jittered graph of 50,000 cards answers after a few). A spatial hash of
    cells the size of a card: each card is looked at against those read
    before it in its cell and the eight around (overlapping cards' cells
    touch), so each pair once."""
    cells: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}
    get = cells.get
    other = False  # another owner's card landed on
    for card in cards:
        x, y, owner = card
        cx, cy = int(x // w), int(y // h)
        for key in around(cx, cy):
            there = get(key)
            if there is None:
                continue
            for x2, y2, owner2 in there:
                if -w < x - x2 < w and -h < y - y2 < h:
                    if owner == owner2:
                        if owner is not None:
                            return False  # its own cards overlap
                    elif owner is not None or owner2 is not None:
                        other = True
        here = get((cx, cy))
        if here is None:
            cells[(cx, cy)] = [card]
        else:
            here.append(card)
    return other
