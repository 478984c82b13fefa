"""Cards moved off the long wires of a layered layout (core/graph/layout.py).

A long wire has a lane in each column it crosses (core/graph/lanes.py),
but the canvas draws it straight from port to port, not through its
lanes: where its lane was stacked away from the height the wire crosses
that column at, it ran under the card stacked there. The f(x) bar's
``y = 3*x**2 - 4*x + 2`` put the lane of x's wire to ``4*x`` below the
constants and ``x**2``: the wire went in behind ``x**2`` and out at its
output port, read as x² feeding 4*x (trial 67). Here each column's order
is mended, one move at a time, until no such wire meets a card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from core.graph.card_sizes import COLUMN, ROW
from core.graph.gradient_geometry import Wire, card_box, curve_points, wire, wire_meets
from core.graph.lanes import Lane

#: More entries (cards and lanes) than this: left as laid out (a big graph's
#: moves are many; the f(x) bar's formulas are small).
MOST_ENTRIES = 80
#: Moves tried at most (each takes one wire off a card at least).
MOST_MOVES = 12
#: The best single moves a second is tried after, where no one move helps.
LOOK = 8
#: Moves weighed at most, about (a web of long wires that no few moves clear: left as it is by then).
MOST_TRIES = 1000

Check = tuple[str, str, int, int]  # a long wire: source, target, port, the target's arity
Score = tuple[int, int, float]  # wires under cards, wires crossed, heights the wires climb


def clear_lanes(
    columns: list[list[str]],
    lanes: Mapping[str, Lane],
    ports: Callable[[str, str], list[int]],
    arity: Callable[[str], int],
    wires: list[tuple[str, str]],
    feeds: Callable[[str], Iterable[tuple[str, int]]],
) -> bool:
    """Reorder ``columns`` (lanes among them, stacked a ``ROW`` apart and
    centred, as ``layout._placed`` puts them) so that no long wire, drawn as
    the canvas draws it, passes under or within the pen's slack of a card
    of a column it crosses: each time the move of one entry in its column
    (a lane, a card it passes or one of its ends; two moves where no one
    alone helps) that takes most wires off cards, then crosses fewest
    wires between neighbouring columns (``feeds``: an entry's wires into
    the next column, to a node and its port or to a lane), then climbs
    least (``wires``: every wire's ends). ``ports``: the ports a source
    feeds of a target; ``arity``: a target's inputs. Whether any column
    changed."""
    col_of = {n: c for c, col in enumerate(columns) for n in col}
    checks: dict[int, list[Check]] = {}
    for d, (s, ts) in lanes.items():
        if d in col_of and s in col_of:
            for t in ts:
                if t in col_of:
                    checks.setdefault(col_of[d], []).extend((s, t, p, arity(t)) for p in ports(s, t))
    if not checks or len(col_of) > MOST_ENTRIES:
        return False
    m = _Mend(columns, col_of, lanes, checks, wires, feeds)
    changed = False
    for _ in range(MOST_MOVES):
        if not m.score[0] or m.tries > MOST_TRIES:
            break
        ranked = sorted((m.tried(c, order), k, c, order) for k, (c, order) in enumerate(m.moves()))
        if ranked and ranked[0][0][0] < m.score[0]:
            m.apply(ranked[0][2], ranked[0][3])
            changed = True
            continue
        best: tuple[Score, list[tuple[int, list[str]]]] | None = None  # no one move helps: two
        for _got, _k, c1, o1 in ranked[:LOOK]:
            if m.tries > MOST_TRIES:
                break
            was = m.apply(c1, o1)
            for c2, o2 in list(m.moves()):
                got = m.tried(c2, o2)
                if got[0] < m.score[0] and (best is None or got < best[0]):
                    best = (got, [(c1, o1), (c2, o2)])
            m.apply(c1, was)
        if best is None:
            break
        for c, order in best[1]:
            m.apply(c, order)
        changed = True
    return changed


class _Mend:
    """The columns as they are being mended, and their score kept up to
    date column by column (a move changes the heights of one column: the
    wires past it or ending in it, and its crossings either side)."""

    def __init__(
        self,
        columns: list[list[str]],
        col_of: dict[str, int],
        lanes: Mapping[str, Lane],
        checks: dict[int, list[Check]],
        wires: list[tuple[str, str]],
        feeds: Callable[[str], Iterable[tuple[str, int]]],
    ) -> None:
        self.columns, self.col_of, self.lanes, self.checks, self.feeds = columns, col_of, lanes, checks, feeds
        self.y: dict[str, float] = {}
        self.met: dict[tuple[float, ...], bool] = {}
        self.curves: dict[Wire, list[tuple[float, float]]] = {}
        self.tries = 0
        for col in columns:
            _stack(col, self.y)
        self.dep: dict[int, set[int]] = {}  # a column: the columns whose checks its heights change
        for lc, cs in checks.items():
            for s, t, _p, _a in cs:
                for c in (lc, col_of[s], col_of[t]):
                    self.dep.setdefault(c, set()).add(lc)
        self.ends: dict[int, list[tuple[str, str]]] = {}
        for s, t in wires:
            self.ends.setdefault(col_of[s], []).append((s, t))
            self.ends.setdefault(col_of[t], []).append((s, t))
        self.bad = {lc: self._hits(lc) for lc in checks}
        self.cross = [self._crossed(c) for c in range(len(columns))]
        climb = sum(abs(self.y[s] - self.y[t]) for s, t in wires)
        self.score: Score = (sum(len(b) for b in self.bad.values()), sum(self.cross), climb)

    def _hits(self, lc: int) -> list[tuple[Check, str]]:
        """The wires past column ``lc`` and the cards there each passes."""
        y, col_of = self.y, self.col_of
        cards = [n for n in self.columns[lc] if n not in self.lanes]
        x = lc * COLUMN
        out = []
        for s, t, p, a in self.checks[lc]:
            w = wire((col_of[s] * COLUMN, y[s]), (col_of[t] * COLUMN, y[t]), p, a)
            out += [((s, t, p, a), n) for n in cards if self._meets(w, x, y[n])]
        return out

    def _meets(self, w: Wire, x: float, y: float) -> bool:
        """Whether the wire ``w`` passes the card at (x, y) (heights come in rows: asked again and again)."""
        key = (*w, x, y)
        got = self.met.get(key)
        if got is None:
            got = self.met[key] = wire_meets(
                w, card_box(x, y), self.curves.get(w) or self._curve(w), chord=False
            )
        return got

    def _curve(self, w: Wire) -> list[tuple[float, float]]:
        pts = self.curves[w] = list(curve_points(w))
        return pts

    def _crossed(self, c: int) -> int:
        return _crossings(self.columns[c], self.y, self.feeds) if c < len(self.columns) - 1 else 0

    def _climb(self, c: int) -> float:
        y = self.y
        return sum(abs(y[s] - y[t]) for s, t in self.ends.get(c, ()))

    def moves(self) -> Iterator[tuple[int, list[str]]]:
        """Each column with one of its entries moved, of those of the wires
        under cards: every lane and card of a column where one passes a
        card, and its ends (the f(x) bar's 4 moved below the lane of x's
        wire to 4*x read better than x**2 moved below it, crossing both)."""
        movers: dict[str, None] = {}
        for lc, bad in self.bad.items():
            if bad:
                movers.update(dict.fromkeys(self.columns[lc]))
            for (s, t, _p, _a), _n in bad:
                movers.update(dict.fromkeys((s, t)))
        for u in movers:
            c = self.col_of[u]
            col = self.columns[c]
            i = col.index(u)
            rest = col[:i] + col[i + 1 :]
            for j in range(len(col)):
                if j != i:
                    yield c, [*rest[:j], u, *rest[j:]]

    def tried(self, c: int, order: list[str]) -> Score:
        """The score with column ``c`` in ``order``."""
        self.tries += 1
        was = self.apply(c, order)
        got = self.score
        self.apply(c, was)
        return got

    def apply(self, c: int, order: list[str]) -> list[str]:
        """Column ``c`` in ``order``, the score kept; the order it had."""
        was = self.columns[c]
        before = self._climb(c)
        self.columns[c] = order
        _stack(order, self.y)
        hits, crossed, climb = self.score
        for lc in self.dep.get(c, ()):
            new = self._hits(lc)
            hits += len(new) - len(self.bad[lc])
            self.bad[lc] = new
        for k in (c - 1, c):
            if k >= 0:
                new_x = self._crossed(k)
                crossed += new_x - self.cross[k]
                self.cross[k] = new_x
        self.score = (hits, crossed, climb + self._climb(c) - before)
        return was


def _stack(col: list[str], y: dict[str, float]) -> None:
    """The heights of a column's entries, as ``layout._placed`` stacks them."""
    mid = (len(col) - 1) / 2
    for i, n in enumerate(col):
        y[n] = (i - mid) * ROW


def _crossings(
    col: list[str], y: Mapping[str, float], feeds: Callable[[str], Iterable[tuple[str, int]]]
) -> int:
    """How many pairs of the wires from ``col`` into the next column cross
    (two into one node: by their ports)."""
    ends = sorted((y[u], y[v], p) for u in col for v, p in feeds(u))
    return sum(
        1
        for i, (_u, v, p) in enumerate(ends)
        for _u2, v2, p2 in ends[i + 1 :]
        if _u2 > _u and (v2, p2) < (v, p)
    )
