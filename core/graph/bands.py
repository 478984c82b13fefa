"""A wide layout cut into bands, one under another (core/graph/scope_columns.py)."""

from __future__ import annotations

import math

from core.graph.layout import COLUMN, NODE_W

GAP_BAND = 160.0  # between bands of columns (``cut_bands``)
GAP_X = COLUMN - NODE_W  # between the widest block of a column and the next column (as scope_columns')
ASPECT = 1.6  # a window's width over its height, which a wide layout's bands come near
BAND_W = 3000.0  # narrower than this, one band fits a window's canvas (~1100 px) at ~37 %, where cards read
MAX_BANDS = 64


def cut_bands(
    cols: list[tuple[float, float, list]], succ: dict[str, dict[str, None]] | None = None
) -> list[list[tuple[float, float, list]]]:
    """The columns in bands, one under another, when one band would be far
    wider than a window (a chain of folded layers: one line, fitted at a
    zoom where nothing reads): as many bands as bring the whole nearest to
    a window's shape, each band's columns taken in order. Only a chain reads
    like text: where more than two wires a cut run from a band back to the
    start of a later one (imported code's web of statements), one band."""
    width = sum(w for w, _h, _p in cols) + GAP_X * (len(cols) - 1)
    height = max(h for _w, h, _p in cols)
    if len(cols) < 4 or width < max(BAND_W, 2 * ASPECT * height):
        return [cols]  # (cut any narrower, the wires between bands cost more than the zoom gained)
    best, best_off = [cols], abs(math.log(width / height / ASPECT))
    for n in range(2, min(len(cols) // 2, MAX_BANDS) + 1):
        bands = _pack(cols, width / n, n)
        w = max(sum(c[0] for c in b) + GAP_X * (len(b) - 1) for b in bands)
        h = sum(max(c[1] for c in b) for b in bands) + GAP_BAND * (len(bands) - 1)
        off = abs(math.log(w / h / ASPECT))
        if off < best_off:
            best, best_off = bands, off
    if len(best) > 1:  # as even as they can be: the narrowest widest band for that many bands
        lo, hi = max(c[0] for c in cols), width
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if len(_pack(cols, mid)) <= len(best) else (mid, hi)
        best = _pack(cols, hi)
    if len(best) > 1 and succ is not None:
        band_of = {u: i for i, b in enumerate(best) for _w, _h, placed in b for u, _y in placed}
        back = sum(band_of.get(t, i) != i for u, i in band_of.items() for t in succ.get(u, ()))
        if back > 2 * (len(best) - 1):
            return [cols]
    return best


def _pack(cols: list, limit: float, most: int | None = None) -> list[list]:
    """The columns in order, a new band where the next would make this one
    wider than ``limit`` (at most ``most`` bands: the rest in the last)."""
    bands: list[list] = [[]]
    run = 0.0
    for c in cols:
        if bands[-1] and run + c[0] > limit and (most is None or len(bands) < most):
            bands.append([])
            run = 0.0
        bands[-1].append(c)
        run += c[0] + GAP_X
    return bands
