"""The part of a wire's curve that lies in a rectangle, to stroke only that.

A wire between cards far apart is a cubic curve thousands of units long.
Qt strokes the whole curve even when a few pixels of it are on screen (an
antialiased 2 px wire: ~65 µs, however little shows), and it paints a wire
whenever the wire's bounding rectangle meets the area being repainted, so
with many long wires every repaint, even of one moved card, strokes them all.

A wire that runs forward (its target right of its source) has control points
in order in x and in y, so its curve runs monotonically in both, and each
stretch of it lies in the box of the stretch's two ends. :class:`Span` keeps
points along such a curve; a rectangle finds the stretch it may meet with
two binary searches, and that stretch is cut out exactly (de Casteljau), so
a wire that does not pass through costs a lookup and one that does strokes a
short piece. Any other curve is halved until the pieces near the rectangle
are small (:func:`pieces_in`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from gui.canvas.painting import wire_cubic_at

#: No piece is cut finer than this many levels (2^12 pieces of a curve).
MAX_DEPTH = 12
#: Points kept along a monotonic curve (stretches of 1/STEPS of t).
STEPS = 32

Cubic = tuple[float, float, float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom
K = TypeVar("K")
#: A wire as gui/canvas/wires/lazy_wires.py files it: its curve box, padded, and :func:`run_of`.
Filed = tuple[float, float, float, float, int]


#: A wire whose end is at least this far right of its start is "forward":
#: its part in a view is one stretch found on the shared points (what a wire
#: item draws and the layer of wires through a view precomputes must agree).
FORWARD = 80.0


def needs_clip(bounds: QRectF, visible: QRectF) -> bool:
    """True when a curve with these bounds is much bigger than what is
    repainted (cutting it pays only then)."""
    return bounds.width() > 2 * visible.width() or bounds.height() > 2 * visible.height()


def _point(c: Cubic, t: float) -> tuple[float, float]:
    x0, y0, x1, y1, x2, y2, x3, y3 = c
    u = 1.0 - t
    a, b, d, e = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return a * x0 + b * x1 + d * x2 + e * x3, a * y0 + b * y1 + d * y2 + e * y3


def _split(c: Cubic, t: float) -> tuple[Cubic, Cubic]:
    """``c`` cut at ``t`` into its two parts (de Casteljau)."""
    x0, y0, x1, y1, x2, y2, x3, y3 = c
    ax, ay = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
    bx, by = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
    cx, cy = x2 + (x3 - x2) * t, y2 + (y3 - y2) * t
    dx, dy = ax + (bx - ax) * t, ay + (by - ay) * t
    ex, ey = bx + (cx - bx) * t, by + (cy - by) * t
    mx, my = dx + (ex - dx) * t, dy + (ey - dy) * t
    return (x0, y0, ax, ay, dx, dy, mx, my), (mx, my, ex, ey, cx, cy, x3, y3)


def _stretch(c: Cubic, t0: float, t1: float) -> Cubic:
    """The part of ``c`` from ``t0`` to ``t1``."""
    if t1 < 1.0:
        c = _split(c, t1)[0]
    if t0 > 0.0:
        c = _split(c, t0 / t1)[1]
    return c


#: The Bernstein weights of the four points at t = k / STEPS, k = 0..STEPS.
_BASIS = [
    ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3)
    for t in (k / STEPS for k in range(STEPS + 1))
]


class Span:
    """Points along a curve that is monotonic in x and y, for finding the
    stretch of it a rectangle may meet."""

    __slots__ = ("cubic", "xs", "ys", "down")

    def __init__(self, cubic: Cubic) -> None:
        self.cubic = cubic
        x0, y0, x1, y1, x2, y2, x3, y3 = cubic
        # the points at t = k / STEPS (made for every wire a view first shows: one pass each way)
        self.xs = [a * x0 + b * x1 + c * x2 + d * x3 for a, b, c, d in _BASIS]
        self.down = y3 < y0  # y falls along the curve: kept negated, so it rises
        if self.down:
            y0, y1, y2, y3 = -y0, -y1, -y2, -y3
        self.ys = [a * y0 + b * y1 + c * y2 + d * y3 for a, b, c, d in _BASIS]

    @staticmethod
    def of(cubic: Cubic) -> Span | None:
        """A span of ``cubic``, or None if its control points are not in order."""
        x0, y0, x1, y1, x2, y2, x3, y3 = cubic
        e = 1e-9 * (abs(x3 - x0) + abs(y3 - y0))  # a forward wire's middle points meet (give or take an ulp)
        if x0 <= x1 + e and x1 <= x2 + e and x2 <= x3 + e:
            if (y0 <= y1 + e and y1 <= y2 + e and y2 <= y3 + e) or (
                y0 + e >= y1 and y1 + e >= y2 and y2 + e >= y3
            ):
                return Span(cubic)
        return None

    def piece_in(self, box: Box) -> Cubic | None:
        """The stretch of the curve that may meet ``box`` (a little more, never
        less), or None if the curve passes by."""
        left, top, right, bottom = box
        if self.down:
            top, bottom = -bottom, -top
        # stretch k (from point k to k + 1) may meet the box when it overlaps
        # it in x and in y: i..j-1 for both, each found by binary search
        xs, ys = self.xs, self.ys
        i = max(bisect_left(xs, left) - 1, bisect_left(ys, top) - 1, 0)
        j = min(bisect_right(xs, right), bisect_right(ys, bottom), STEPS)
        if i >= j:
            return None
        return _stretch(self.cubic, i / STEPS, j / STEPS)


#: Where the points at t = k / STEPS lie along a forward wire (``painting.
#: wire_cubic_at`` with its ends 80 or more apart across: both control points
#: halfway across), as shares of its width and of its height.
_ACROSS = [b * 0.5 + c * 0.5 + d for _a, b, c, d in _BASIS]
_DOWN = [c + d for _a, _b, c, d in _BASIS]
ACROSS, DOWN = _ACROSS, _DOWN  # (read by gui/canvas/wires/through_wires.py's inlined forward_stretches)


def forward_stretches(x1: float, y1: float, x2: float, y2: float, box: Box) -> tuple[int, int] | None:
    """For the wire from (x1, y1) to (x2, y2), ``x2 - x1 >= 80``: the
    stretches ``i..j-1`` (of STEPS) that :meth:`Span.piece_in` cuts for
    ``box``, or None, found on the shared points of every forward wire
    (no points made per wire: a view crossed by thousands of long wires
    asks this of each, every time it moves)."""
    left, top, right, bottom = box
    w, h = x2 - x1, y2 - y1
    i = bisect_left(_ACROSS, (left - x1) / w) - 1
    j = bisect_right(_ACROSS, (right - x1) / w)
    if h > 0.0:
        i = max(i, bisect_left(_DOWN, (top - y1) / h) - 1)
        j = min(j, bisect_right(_DOWN, (bottom - y1) / h))
    elif h < 0.0:  # y falls along it (Span negates y: it rises)
        i = max(i, bisect_left(_DOWN, (y1 - bottom) / -h) - 1)
        j = min(j, bisect_right(_DOWN, (y1 - top) / -h))
    elif not top <= y1 <= bottom:
        return None
    i, j = max(i, 0), min(j, STEPS)
    return (i, j) if i < j else None


#: Shares of a forward wire's width, in this many buckets (:func:`may_meet`).
BUCKETS = 256
# A box's left edge at a share of the width in bucket m: the first stretch
# forward_stretches keeps starts no lower than _LOW[m] (a share of the
# height); its right edge there: the last ends no higher than _HIGH[m].
_LOW = [_DOWN[max(bisect_left(_ACROSS, m / BUCKETS) - 1, 0)] for m in range(BUCKETS)]
_HIGH = [_DOWN[min(bisect_right(_ACROSS, (m + 1) / BUCKETS), STEPS)] for m in range(BUCKETS)]
#: may_meet widens the box this much (scene units): the ends read back from
#: a filed box may be a rounding off.
_SLACK = 1.0


def run_of(x1: float, y1: float, x2: float, y2: float) -> int:
    """How the wire from (x1, y1) to (x2, y2) runs, as gui/canvas/wires/lazy_wires.py
    files it with its box: 1 forward and down (or level), -1 forward and up,
    0 any other (its ends cannot be read back from its box)."""
    return (1 if y2 >= y1 else -1) if x2 - x1 >= FORWARD else 0


def may_meet(filed: Iterable[dict[K, Filed]], box: Box, long: tuple[float, float], pad: float) -> list[K]:
    """Of the wires ``filed`` (key -> the curve box padded by ``pad`` and
    :func:`run_of`), the keys of those whose box meets ``box``, is wider or
    taller than ``long``, and, for a forward wire, whose stretches
    :func:`forward_stretches` may find in ``box``: its ends are read back
    from its box and the stretches over the box's columns bounded by two
    table lookups (never fewer than forward_stretches keeps: a quick test
    before it, not instead of it). One loop, nothing made per wire."""
    left, top, right, bottom = box
    bw, bh = long
    sl, st, sr, sb = left - _SLACK, top - _SLACK, right + _SLACK, bottom + _SLACK
    low, high, n, last = _LOW, _HIGH, BUCKETS, BUCKETS - 1
    pad2 = 2 * pad
    out: list[K] = []
    for d in filed:
        for key, (x1, y1, x2, y2, run) in d.items():
            if x1 > right or x2 < left or y1 > bottom or y2 < top or (x2 - x1 <= bw and y2 - y1 <= bh):
                continue
            if not run:
                out.append(key)
                continue
            w = x2 - x1 - pad2
            x1 += pad
            ma = int((sl - x1) / w * n)
            ma = 0 if ma < 0 else last if ma > last else ma
            mb = int((sr - x1) / w * n)
            mb = 0 if mb < 0 else last if mb > last else mb
            h = y2 - y1 - pad2
            if run > 0:  # from its top down
                y1 += pad
                if y1 + h * low[ma] <= sb and y1 + h * high[mb] >= st:
                    out.append(key)
            else:  # from its bottom up
                y2 -= pad
                if y2 - h * low[ma] >= st and y2 - h * high[mb] <= sb:
                    out.append(key)
    return out


def stretch(c: Cubic, i: int, j: int) -> Cubic:
    """Stretches ``i..j-1`` (of STEPS) of ``c``, as :meth:`Span.piece_in` cuts them."""
    return _stretch(c, i / STEPS, j / STEPS)


#: Stretches i..j-1 of the forward wire from (0, 0) to (1, 1) (its control
#: points halfway across), cut once: a forward wire's are these, scaled.
_UNIT = [
    [stretch((0.0, 0.0, 0.5, 0.0, 0.5, 1.0, 1.0, 1.0), i, j) if i < j else None for j in range(STEPS + 1)]
    for i in range(STEPS + 1)
]


UNIT = _UNIT  # (read by gui/canvas/wires/through_wires.py's inlined forward_stretch)


def forward_stretch(x1: float, y1: float, x2: float, y2: float, i: int, j: int) -> Cubic:
    """Stretches ``i..j-1`` of the forward wire from (x1, y1) to (x2, y2)
    (``x2 - x1 >= FORWARD``): :func:`stretch` of its curve, as the unit
    wire's stretch scaled (no cut per wire; the same to a rounding)."""
    ax, ay, bx, by, cx, cy, dx, dy = _UNIT[i][j]  # type: ignore[misc]
    w, h = x2 - x1, y2 - y1
    return (
        x1 + w * ax,
        y1 + h * ay,
        x1 + w * bx,
        y1 + h * by,
        x1 + w * cx,
        y1 + h * cy,
        x1 + w * dx,
        y1 + h * dy,
    )


def pieces_in(c: Cubic, box: Box) -> list[Cubic]:
    """The pieces of ``c`` that may meet ``box``, in order along the curve
    (none for a curve wholly outside); each is cut no smaller than the box,
    so there are a few for a box the curve crosses.

    The halving is written out (a piece's box by comparisons, as ``min`` and
    ``max`` compare, its halves as ``_split(q, 0.5)`` computes them): a long
    wire that loops back through a readable view is halved a dozen times
    or so, and the layer of wires through the view (gui/canvas/wires/through_wires.py)
    cuts a thousand of them at each scroll; calls were half of it."""
    left, top, right, bottom = box
    size = max(right - left, bottom - top)
    out: list[Cubic] = []
    keep = out.append
    stack: list[tuple[Cubic, int]] = [(c, 0)]
    push, pop = stack.append, stack.pop
    while stack:
        q, depth = pop()
        x0, y0, x1, y1, x2, y2, x3, y3 = q
        lo_x = hi_x = x0
        if x1 < lo_x:
            lo_x = x1
        if x1 > hi_x:
            hi_x = x1
        if x2 < lo_x:
            lo_x = x2
        if x2 > hi_x:
            hi_x = x2
        if x3 < lo_x:
            lo_x = x3
        if x3 > hi_x:
            hi_x = x3
        if hi_x < left or lo_x > right:
            continue  # a piece lies within its control points' box: not here
        lo_y = hi_y = y0
        if y1 < lo_y:
            lo_y = y1
        if y1 > hi_y:
            hi_y = y1
        if y2 < lo_y:
            lo_y = y2
        if y2 > hi_y:
            hi_y = y2
        if y3 < lo_y:
            lo_y = y3
        if y3 > hi_y:
            hi_y = y3
        if hi_y < top or lo_y > bottom:
            continue
        if (
            (lo_x >= left and hi_x <= right and lo_y >= top and hi_y <= bottom)  # inside
            or depth >= MAX_DEPTH
            or (hi_y - lo_y if hi_y - lo_y > hi_x - lo_x else hi_x - lo_x) <= size  # max(), as it picks
        ):
            keep(q)
            continue
        ax, ay = x0 + (x1 - x0) * 0.5, y0 + (y1 - y0) * 0.5  # _split(q, 0.5), written out
        bx, by = x1 + (x2 - x1) * 0.5, y1 + (y2 - y1) * 0.5
        cx, cy = x2 + (x3 - x2) * 0.5, y2 + (y3 - y2) * 0.5
        dx, dy = ax + (bx - ax) * 0.5, ay + (by - ay) * 0.5
        ex, ey = bx + (cx - bx) * 0.5, by + (cy - by) * 0.5
        mx, my = dx + (ex - dx) * 0.5, dy + (ey - dy) * 0.5
        depth += 1
        push(((mx, my, ex, ey, cx, cy, x3, y3), depth))  # popped after the first: the pieces stay in order
        push(((x0, y0, ax, ay, dx, dy, mx, my), depth))
    return out


def path_of(pieces: list[Cubic], path: QPainterPath | None = None) -> QPainterPath:
    """Pieces of a curve as one path (joined where they meet), begun anew
    in ``path`` if given (the layer of wires through a view draws all of a
    colour's wires as one path)."""
    path = QPainterPath() if path is None else path
    end: tuple[float, float] | None = None
    move, cubic = path.moveTo, path.cubicTo
    for x0, y0, x1, y1, x2, y2, x3, y3 in pieces:
        if end != (x0, y0):
            move(x0, y0)
        cubic(x1, y1, x2, y2, x3, y3)
        end = (x3, y3)
    return path


def path_of_one(piece: Cubic) -> QPainterPath:
    """One piece of a curve as a path (:func:`path_of` of ``[piece]``, the common case)."""
    x0, y0, x1, y1, x2, y2, x3, y3 = piece
    path = QPainterPath(QPointF(x0, y0))
    path.cubicTo(x1, y1, x2, y2, x3, y3)
    return path


def pieces_of_wire(x1: float, y1: float, x2: float, y2: float, box: Box) -> list[Cubic]:
    """The pieces of the wire from (x1, y1) to (x2, y2) (``painting.wire_cubic_at``)
    that may meet ``box`` (none if it passes by): what a wire item and the
    layer of wires passing through a view (gui/canvas/wires/through_wires.py) stroke."""
    if x2 - x1 >= FORWARD:  # a forward wire: one stretch, found on the shared points
        at = forward_stretches(x1, y1, x2, y2, box)
        return [] if at is None else [forward_stretch(x1, y1, x2, y2, *at)]
    return pieces_in(wire_cubic_at(x1, y1, x2, y2), box)


def part_in(x1: float, y1: float, x2: float, y2: float, box: Box) -> QPainterPath | None:
    """:func:`pieces_of_wire` as a path, or None."""
    found = pieces_of_wire(x1, y1, x2, y2, box)
    return path_of(found) if found else None
