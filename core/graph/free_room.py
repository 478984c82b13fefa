"""Free room for a block of copies (Paste, Duplicate): the nearest place,
straight below, right of, above or left of where the block is, where it
overlaps nothing drawn (a trial's duplicate landed 40 units off its
originals, covering them).

Each way slides the block past whatever it meets, one jump per obstacle
met, so it costs a pass over the obstacles per jump and never loops."""

from __future__ import annotations

from collections.abc import Sequence

from core.graph.make_room import Rect

#: The ways tried, in the order a tie is settled: below first (a copy of a
#: row of cards reads as the next row), then right, above, left.
WAYS = ((1, 1), (0, 1), (1, -1), (0, -1))  # (axis, sign)


def free_offset(block: Rect, obstacles: Sequence[Rect], gap: float) -> tuple[float, float]:
    """(dx, dy) moving ``block`` where it keeps ``gap`` from every one of
    ``obstacles``: (0, 0) when it already does, else the shortest of the four ways."""
    best: tuple[float, int, tuple[float, float]] | None = None
    for rank, (axis, sign) in enumerate(WAYS):
        d = _slide(block, obstacles, gap, axis, sign)
        if d == 0.0:
            return 0.0, 0.0
        key = (abs(d), rank, (d, 0.0) if axis == 0 else (0.0, d))
        if best is None or key[:2] < best[:2]:
            best = key
    assert best is not None
    return best[2]


def _slide(block: Rect, obstacles: Sequence[Rect], gap: float, axis: int, sign: int) -> float:
    """How far ``block`` moves along ``axis`` (``sign``: + right/down) until it
    keeps ``gap`` from every obstacle (0.0 when it already does)."""
    d = 0.0
    for _ in range(len(obstacles) + 1):
        b = _moved(block, d, axis)
        hits = [r for r in obstacles if _near(b, r, gap)]
        if not hits:
            return d
        if sign > 0:
            d = max(r[axis + 2] + gap - block[axis] for r in hits)
        else:
            d = min(r[axis] - gap - block[axis + 2] for r in hits)
    return d  # (not reached: each jump leaves one more obstacle behind for good)


def _moved(r: Rect, d: float, axis: int) -> Rect:
    if axis == 0:
        return r[0] + d, r[1], r[2] + d, r[3]
    return r[0], r[1] + d, r[2], r[3] + d


def _near(a: Rect, b: Rect, gap: float) -> bool:
    """True when ``a`` and ``b`` come closer than ``gap`` (or overlap)."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap
