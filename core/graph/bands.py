"""A wide layout cut into bands, one under another (core/graph/scope_columns.py)."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from core.graph.layout import COLUMN, NODE_H, NODE_W

GAP_BAND = 160.0  # between bands of columns (``cut_bands``)
GAP_X = COLUMN - NODE_W  # between the widest block of a column and the next column (as scope_columns')
ASPECT = 1.6  # a window's width over its height, which a wide layout's bands come near
BAND_W = 3000.0  # narrower than this, one band fits a window's canvas (~1100 px) at ~37 %, where cards read
MAX_BANDS = 64  # tried one by one; a longer chain's count is guessed (``cut_bands``)


def cut_bands(
    cols: list[tuple[float, float, list]],
    succ: Mapping[str, Collection[str]] | None = None,
    framed: Collection[str] = (),
) -> list[list[tuple[float, float, list]]]:
    """The columns in bands, one under another, when one band would be far
    wider than a window (a chain of folded layers: one line, fitted at a
    zoom where nothing reads): as many bands as bring the whole nearest to
    a window's shape, each band's columns taken in order. Only a chain reads
    like text: where more than two wires a cut run from a band back to the
    start of a later one (imported code's web of statements), one band; and
    where a band would end in an open frame (``framed``: its wires back
    leave from inside it and cross its cards below them, as the imported
    MLP's h1 ran back through neuron 1.2, trial 62), one band unless that is
    more than ``2 * BAND_W`` wide (fitted, far below where cards read)."""
    width = sum(w for w, _h, _p in cols) + GAP_X * (len(cols) - 1)
    height = max(h for _w, h, _p in cols)
    if len(cols) < 4 or width < max(BAND_W, 2 * ASPECT * height):
        return [cols]  # (cut any narrower, the wires between bands cost more than the zoom gained)
    best, best_off = [cols], abs(math.log(width / height / ASPECT))
    most = min(len(cols) // 2, MAX_BANDS)
    # a long chain (thousands of columns, one card high): near the count that gives the whole a
    # window's shape, n² ≈ width / (ASPECT · band's height), past MAX_BANDS (64 bands of a
    # 20,000-deep chain were each 75,000 wide); each try one pass over the columns
    guess = round(math.sqrt(width / (ASPECT * (height + GAP_BAND))))
    tries = range(2, most + 1) if guess <= most else range(guess - 1, min(guess + 1, len(cols) // 2) + 1)
    for n in tries:
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
        best = _even(cols, len(best), hi) or _pack(cols, hi)
    if len(best) > 1 and width < 2 * BAND_W and framed:
        ends = {u for band in best[:-1] for u, _y in band[-1][2]}
        if not ends.isdisjoint(framed):
            return [cols]
    if len(best) > 1 and succ is not None:
        band_of = {u: i for i, b in enumerate(best) for _w, _h, placed in b for u, _y in placed}
        # (a leaf read once, cut from what reads it, is as the chain's own wire, not a web's: a
        # deep chain of x*w+b, its w and b cut from their product, counted three a cut and stayed
        # one line; a leaf read by many, as imported code's a and b, counts)
        fed = {t for u in band_of for t in succ.get(u, ())}
        back = sum(
            band_of.get(t, i) != i
            for u, i in band_of.items()
            if u in fed or len(succ.get(u, ())) > 1
            for t in succ.get(u, ())
        )
        if back > 2 * (len(best) - 1):
            return [cols]
    return best


#: Up to this many columns, the bands' widths are evened out (``_even``); a longer chain is packed greedily.
EVEN_COLS = 64


def _even(cols: list, n: int, limit: float) -> list[list] | None:
    """The columns in ``n`` bands, each at most ``limit`` wide, as even as
    they can be (least sum of squared widths): packed greedily, the first
    bands filled, the vanishing example's inputs and twelve open layers came
    out 2, 3, 3, 3 and 1 layers a band. None for a long chain (greedy, then)."""
    k = len(cols)
    if k > EVEN_COLS or n > k:
        return None
    ends = [0.0]
    for c in cols:
        ends.append(ends[-1] + c[0])

    def wide(i: int, j: int) -> float:  # columns i..j-1 side by side
        return ends[j] - ends[i] + GAP_X * (j - i - 1)

    inf = float("inf")
    cost = [[inf] * (k + 1) for _ in range(n + 1)]
    cut = [[0] * (k + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for b in range(1, n + 1):
        for j in range(b, k + 1):
            for i in range(b - 1, j):
                w = wide(i, j)
                if w > limit * (1 + 1e-9) or cost[b - 1][i] == inf:
                    continue
                c = cost[b - 1][i] + w * w
                if c < cost[b][j]:
                    cost[b][j], cut[b][j] = c, i
    if cost[n][k] == inf:
        return None
    bands, j = [], k
    for b in range(n, 0, -1):
        i = cut[b][j]
        bands.append(cols[i:j])
        j = i
    return bands[::-1]


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


def in_bands(
    pos: dict[str, tuple[float, float]], succ: Mapping[str, Collection[str]]
) -> dict[str, tuple[float, float]]:
    """A layout in columns (``layered_positions``: one x a column) far wider
    than a window cut into bands (``cut_bands``), one under another, each
    band's columns as they were side by side, from the layout's left edge:
    a deep chain (x0 -> tanh -> tanh ..., or x*w+b again and again) was one
    row millions of pixels wide, fitted where nothing shows. Wires run left
    to right within a band, and from a band's end to the next band's start.
    Anything that fits stays as it is."""
    by_x: dict[float, list[tuple[str, float]]] = {}
    for n, (x, y) in pos.items():
        by_x.setdefault(x, []).append((n, y))
    xs = sorted(by_x)
    if len(xs) < 4:
        return pos
    cols = []
    for i, x in enumerate(xs):
        ys = [y for _n, y in by_x[x]]
        width = xs[i + 1] - x - GAP_X if i + 1 < len(xs) else NODE_W
        cols.append((width, max(ys) - min(ys) + NODE_H, by_x[x]))
    bands = cut_bands(cols, succ)
    if len(bands) == 1:
        return pos
    out: dict[str, tuple[float, float]] = {}
    left, top = xs[0], 0.0
    for band in bands:
        first = band[0][2][0][0]
        dx = left - pos[first][0]
        ys = [y for _w, _h, placed in band for _n, y in placed]
        dy = top - (min(ys) - NODE_H / 2)
        for _w, _h, placed in band:
            for n, y in placed:
                out[n] = (pos[n][0] + dx, y + dy)
        top += max(ys) - min(ys) + NODE_H + GAP_BAND
    shift = (top - GAP_BAND) / 2  # (the whole centred on y = 0, as layered_positions centres it)
    return {n: (x, y - shift) for n, (x, y) in out.items()}
