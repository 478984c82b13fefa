"""Free room for a block of copies (Paste, Duplicate): the nearest place,
straight below, right of, above or left of where the block is, where it
overlaps nothing drawn (a trial's duplicate landed 40 units off its
originals, covering them).

Each way looks only at what lies in the strip it sweeps, up to ``REACH``
past the block (the caller's ``near`` answers from the card grid, so a
column of 13,000 cards under one duplicated card costs the few near it, not
all: a quadratic slide took 8.8 s at 20,000 nodes). They are swept once in
the order of their leading edges, the block pushed past each it meets.
Past the reach, the block goes just past the graph (``bounds``) on that side,
as it does where a way's strip holds more than ``near`` will list (it says
None: a block of copies spread over half the graph, as a Find's matches are,
swept 25,000 cards a way at 50,000 nodes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from core.graph.make_room import Rect

#: The ways tried, in the order a tie is settled: below first (a copy of a
#: row of cards reads as the next row), then right, above, left.
WAYS = ((1, 1), (0, 1), (1, -1), (0, -1))  # (axis, sign)
#: How far past its own size a way looks for room (scene units; ~16 rows of
#: cards) before it puts the block past the graph.
REACH = 2000.0

Near = Callable[[Rect], Iterable[Rect] | None]


def free_offset(
    block: Rect,
    obstacles: Sequence[Rect] | Near,
    gap: float,
    bounds: Rect | None = None,
    reach: float = REACH,
) -> tuple[float, float]:
    """(dx, dy) moving ``block`` where it keeps ``gap`` from every obstacle:
    (0, 0) when it already does, else the shortest of the four ways.
    ``obstacles``: every one, or ``near(region)`` giving (at least) those
    meeting a region; ``bounds``: a rect holding them all (default: found
    from the list), where a way that finds no room within ``reach`` goes past
    (or whose strip ``near`` finds too crowded to list: None)."""
    if callable(obstacles):
        near: Near = obstacles
    else:
        every = list(obstacles)
        near = lambda _region: every
        if bounds is None and every:
            bounds = (
                min(r[0] for r in every),
                min(r[1] for r in every),
                max(r[2] for r in every),
                max(r[3] for r in every),
            )
    here = near(strip(block, gap, 1, 1, 0.0))  # (where it is: free, though a way's strip be crowded)
    if here is not None and not any(_meets(block, r, gap) for r in here):
        return 0.0, 0.0
    best: tuple[float, int, tuple[float, float]] | None = None
    for rank, (axis, sign) in enumerate(WAYS):
        d = _slide(block, near, gap, axis, sign, bounds, reach)
        if d == 0.0:
            return 0.0, 0.0
        key = (abs(d), rank, (d, 0.0) if axis == 0 else (0.0, d))
        if best is None or key[:2] < best[:2]:
            best = key
    assert best is not None
    return best[2]


def _meets(block: Rect, r: Rect, gap: float) -> bool:
    """True if ``r`` comes within ``gap`` of ``block``."""
    return r[0] < block[2] + gap and block[0] - gap < r[2] and r[1] < block[3] + gap and block[1] - gap < r[3]


def strip(block: Rect, gap: float, axis: int, sign: int, far: float) -> Rect:
    """The region ``block`` sweeps moving up to ``far`` along ``axis`` (``sign``), ``gap`` around it."""
    lo, hi = [block[0] - gap, block[1] - gap], [block[2] + gap, block[3] + gap]
    if sign > 0:
        hi[axis] += far
    else:
        lo[axis] -= far
    return lo[0], lo[1], hi[0], hi[1]


def _slide(
    block: Rect, near: Near, gap: float, axis: int, sign: int, bounds: Rect | None, reach: float
) -> float:
    """How far ``block`` moves along ``axis`` (``sign``: + right/down) until it
    keeps ``gap`` from every obstacle (0.0 when it already does)."""
    far = reach + block[axis + 2] - block[axis]
    found = near(strip(block, gap, axis, sign, far))
    if found is None:  # too crowded to sweep: just past the graph (past the strip, if no bounds)
        d = 0.0 if bounds is not None else (far + gap) * sign
    else:
        d, free = _swept(block, found, gap, axis, sign, far)
        if free:
            return d
    start, end = block[axis], block[axis + 2]
    if bounds is None:  # (no bounds: the obstacles' own extremes, as far as looked)
        return d
    if sign > 0:
        return max(d, bounds[axis + 2] + gap - start)
    return min(d, bounds[axis] - gap - end)


def _swept(
    block: Rect, found: Iterable[Rect], gap: float, axis: int, sign: int, far: float
) -> tuple[float, bool]:
    """How far ``block`` slides past the obstacles ``found`` (those it passes
    are in its way): the distance, and whether it found room there within
    ``far`` (else the distance it had reached)."""
    cross = 1 - axis
    lo, hi = block[cross] - gap, block[cross + 2] + gap  # (across the way: what the block passes)
    ahead = [r for r in found if r[cross] < hi and lo < r[cross + 2]]
    start, end = block[axis], block[axis + 2]
    d = 0.0
    if sign > 0:
        ahead.sort(key=lambda r: r[axis])
        for r in ahead:  # by leading edge: once one is past the block, so are the rest
            if r[axis] >= end + d + gap:
                return d, True
            if r[axis + 2] + gap > start + d:  # (else behind the block for good)
                d = r[axis + 2] + gap - start
                if d > far:
                    return d, False
        return d, True
    ahead.sort(key=lambda r: -r[axis + 2])
    for r in ahead:
        if r[axis + 2] <= start + d - gap:
            return d, True
        if r[axis] - gap < end + d:
            d = r[axis] - gap - end
            if -d > far:
                return d, False
    return d, True
