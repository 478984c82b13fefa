"""The box a wire's curve stays in, from its ends alone (no curve made).

A wire is a cubic Bezier curve (``painting.wire_curve``), which lies in the
hull of its control points; padded for the pen, that hull tells where a
wire may be drawn before (or without) making its curve: the lazy wires
(gui/canvas/wires/lazy_wires.py) and the cells that hold wire items
(gui/canvas/wires/wire_cells.py) file wires by it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from gui.canvas.painting import BACK_TURN

Box = tuple[float, float, float, float]  # left, top, right, bottom

#: Slack around a curve's control points (the pen, antialiasing).
PAD = 8.0


def curve_box(x1: float, y1: float, x2: float, y2: float) -> Box:
    """A box holding the wire drawn from (x1, y1) to (x2, y2): the control
    points of ``painting.wire_curve``'s cubic (a Bezier curve lies in their
    hull), padded for the pen."""
    dx = max(40.0, abs(x2 - x1) * 0.5)
    return (min(x1, x2 - dx) - PAD, min(y1, y2) - PAD, max(x1 + dx, x2) + PAD, max(y1, y2) + PAD)


def _f(t: float) -> float:
    """x along a forward wire's curve, as a share of its width (both control
    points halfway across: ``1.5 t - 1.5 t^2 + t^3``, rising, slope 0.75..1.5)."""
    return t * (1.5 - 1.5 * t + t * t)


def _f_inverse(u: float) -> float:
    """The t at which ``_f(t) == u`` (u in 0..1), by Newton's method from t = u."""
    t = u
    for _ in range(4):
        t -= (_f(t) - u) / (1.5 - 3.0 * t + 3.0 * t * t)
    return min(1.0, max(0.0, t))


def curve_meets(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """May the wire drawn from (x1, y1) to (x2, y2) meet ``box`` (left, top,
    right, bottom)? Exact for a wire that runs forward at least 80 units
    (its control points halfway across: x and y then both rise or fall
    along the curve, so the part over the box's columns spans the rows from
    its two ends), padded for the pen; True for any other (its curve box
    may meet the box: not worth more)."""
    left, top, right, bottom = box
    w = x2 - x1
    if w < 80.0:
        b = curve_box(x1, y1, x2, y2)
        return b[0] <= right and b[2] >= left and b[1] <= bottom and b[3] >= top
    lo, hi = (left - PAD - x1) / w, (right + PAD - x1) / w
    if lo > 1.0 or hi < 0.0:
        return False
    h = y2 - y1
    t0 = _f_inverse(max(0.0, lo)) - 1e-6
    t1 = _f_inverse(min(1.0, hi)) + 1e-6
    ya = y1 + h * t0 * t0 * (3.0 - 2.0 * t0)  # y rises (or falls) as smoothstep
    yb = y1 + h * t1 * t1 * (3.0 - 2.0 * t1)
    if ya > yb:
        ya, yb = yb, ya
    return ya - PAD <= bottom and yb + PAD >= top


#: Where ``g(t) = t (1 - t) (1 - 2 t)`` (the control points' pull on a
#: wire's x, :func:`curve_misses`) has its least and greatest values.
_G_TURNS = ((3.0 + 3.0**0.5) / 6.0, (3.0 - 3.0**0.5) / 6.0)


def _g(t: float) -> float:
    return t * (1.0 - t) * (1.0 - 2.0 * t)


def _smooth_inverse(u: float) -> float:
    """The t in 0..1 at which ``3 t^2 - 2 t^3 == u`` (u in 0..1)."""
    return 0.5 - math.sin(math.asin(1.0 - 2.0 * u) / 3.0)


def _back(t: float) -> float:
    """y along a wire running back, as a share of its height (both control
    points ``BACK_TURN`` of the way down: ``3 k t (1 - t) + t^3``, rising,
    slope at least ``3 k (1 - k)``)."""
    return 3.0 * BACK_TURN * t * (1.0 - t) + t * t * t


def _back_inverse(u: float) -> float:
    """The t at which ``_back(t) == u`` (u in 0..1), by halving (exact to 1e-9:
    ``curve_misses`` pads what it finds by 1e-6)."""
    lo, hi = 0.0, 1.0
    for _ in range(32):
        mid = (lo + hi) * 0.5
        if _back(mid) < u:
            lo = mid
        else:
            hi = mid
    return (lo + hi) * 0.5


def curve_misses(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """Does the wire drawn from (x1, y1) to (x2, y2) pass by ``box`` (left,
    top, right, bottom) by more than ``PAD``? For any wire, forward or not
    (:func:`curve_meets` judges a wire running back by its box alone): along
    the curve y is ``y1 + (y2 - y1) s(t)``, ``s`` the smoothstep (``_back``
    for a wire running back), so the
    curve is over the box's rows for one stretch of t, found in closed form,
    and x there is ``x1 + (x2 - x1) s(t) + 3 dx g(t)`` (``dx`` the control
    points' reach), bounded by bounding each term. False whenever the curve
    may come within ``PAD`` of the box (never True for one that draws there)."""
    left, top, right, bottom = box
    h = y2 - y1
    if h == 0.0:
        if y1 < top - PAD or y1 > bottom + PAD:
            return True
        ta, tb = 0.0, 1.0
    else:
        ua, ub = (top - PAD - y1) / h, (bottom + PAD - y1) / h
        if ua > ub:
            ua, ub = ub, ua
        if ua > 1.0 or ub < 0.0:
            return True
        inverse = _back_inverse if x2 < x1 else _smooth_inverse  # (back: control points part way down)
        ta = max(0.0, inverse(max(0.0, ua)) - 1e-6)
        tb = min(1.0, inverse(min(1.0, ub)) + 1e-6)
    w = x2 - x1
    sa, sb = ta * ta * (3.0 - 2.0 * ta), tb * tb * (3.0 - 2.0 * tb)
    a_lo, a_hi = (w * sa, w * sb) if w >= 0.0 else (w * sb, w * sa)
    gs = [_g(ta), _g(tb)] + [_g(t) for t in _G_TURNS if ta < t < tb]
    reach = 3.0 * max(40.0, abs(w) * 0.5)
    lo = x1 + a_lo + reach * min(gs)
    hi = x1 + a_hi + reach * max(gs)
    return hi < left - PAD or lo > right + PAD


def curve_span(x1: float, x2: float) -> tuple[float, float]:
    """The least and greatest x the wire from x1 to x2 draws at (its
    curve, not its control points: a wire running back bulges out past
    both ends by about a third of its length). x is ``x1 + w s(t) + 3 dx
    g(t)`` (:func:`curve_misses`), whose turns solve ``A t^2 - A t + 3 dx
    = 0`` with ``A = 18 dx - 6 w``."""
    w = x2 - x1
    dx = max(40.0, abs(w) * 0.5)
    lo, hi = min(x1, x2), max(x1, x2)
    a = 18.0 * dx - 6.0 * w
    d = 0.25 - 3.0 * dx / a if a > 0.0 else -1.0
    if d > 0.0:
        r = math.sqrt(d)
        for t in (0.5 - r, 0.5 + r):
            x = x1 + w * t * t * (3.0 - 2.0 * t) + 3.0 * dx * _g(t)
            lo, hi = min(lo, x), max(hi, x)
    return lo, hi


def wires_reach(ends: Iterable[tuple[float, float, float, float]]) -> Box | None:
    """The box the curves of the wires drawn between ``ends`` (x1, y1, x2,
    y2 each) reach, padded for the pen (None: no wire). Fit takes it with
    the cards', so a wire running back to the next row is not cut."""
    box: Box | None = None
    for x1, y1, x2, y2 in ends:
        lo, hi = curve_span(x1, x2)
        b = (lo - PAD, min(y1, y2) - PAD, hi + PAD, max(y1, y2) + PAD)
        if box is not None:
            b = (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
        box = b
    return box
