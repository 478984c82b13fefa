"""Cards moved off the long wires of a layered layout (core/graph/layout.py).

A long wire has a lane in each column it crosses (core/graph/lanes.py),
but the canvas draws it straight from port to port, not through its
lanes: where its lane was stacked away from the height the wire crosses
that column at, it ran under the card stacked there. The f(x) bar's
``y = 3*x**2 - 4*x + 2`` put the lane of x's wire to ``4*x`` below the
constants and ``x**2``: the wire went in behind ``x**2`` and out at its
output port, read as x² feeding 4*x (trial 67). Here each column's order
is mended, one move at a time, until no such wire meets a card. A column
may also be stacked half a row off centre: ``y = 4*x**4 + 3*x**3 + 2*x**2 + x``
had x and y both level with the middle of every column between them, and no
order of those columns kept x's wires to x**2 and y off the cards there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice

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
Move = tuple[int, list[str], float]  # a column, its order, how far off centre it is stacked
#: How far off centre a column may be stacked (each way).
SHIFT = ROW / 2


def clear_lanes(
    columns: list[list[str]],
    lanes: Mapping[str, Lane],
    ports: Callable[[str, str], list[int]],
    arity: Callable[[str], int],
    wires: list[tuple[str, str]],
    feeds: Callable[[str], Iterable[tuple[str, int]]],
) -> dict[int, float] | None:
    """Reorder ``columns`` (lanes among them, stacked a ``ROW`` apart and
    centred, as ``layout._placed`` puts them) so that no long wire, drawn as
    the canvas draws it, passes under or within the pen's slack of a card
    of a column it crosses: each time the move of one entry in its column
    (a lane, a card it passes or one of its ends; two moves where no one
    alone helps) that takes most wires off cards, then crosses fewest
    wires between neighbouring columns (``feeds``: an entry's wires into
    the next column, to a node and its port or to a lane), then climbs
    least (``wires``: every wire's ends); a move may stack a column half
    a row off centre too. ``ports``: the ports a source feeds of a target;
    ``arity``: a target's inputs. How far off centre each column is
    stacked (0 for most), or None where no column changed."""
    col_of = {n: c for c, col in enumerate(columns) for n in col}
    checks: dict[int, list[Check]] = {}
    for d, (s, ts) in lanes.items():
        if d in col_of and s in col_of:
            for t in ts:
                if t in col_of:
                    checks.setdefault(col_of[d], []).extend((s, t, p, arity(t)) for p in ports(s, t))
    if not checks or len(col_of) > MOST_ENTRIES:
        return None
    m = _Mend(columns, col_of, lanes, checks, wires, feeds)
    before, changed = [list(col) for col in columns], False
    for _ in range(MOST_MOVES):
        if not m.score[0] or m.tries > MOST_TRIES:
            break
        ranked = sorted((m.tried(mv), k, mv) for k, mv in enumerate(m.moves()))
        if ranked and ranked[0][0][0] < m.score[0]:
            m.apply(ranked[0][2])
            changed = True
            continue
        best: tuple[Score, list[Move]] | None = None  # no one move helps: two
        for _got, _k, mv1 in ranked[:LOOK]:
            if m.tries > MOST_TRIES:
                break
            was = m.apply(mv1)
            for mv2 in list(m.moves()):
                got = m.tried(mv2)
                if got[0] < m.score[0] and (best is None or got < best[0]):
                    best = (got, [mv1, mv2])
            m.apply(was)
        if best is None:
            break
        for mv in best[1]:
            m.apply(mv)
        changed = True
    if changed and not m.score[0]:
        moved = {c for c, col in enumerate(columns) if col != before[c] or m.shift.get(c)}
        _polish(m, sorted({k for c in moved for k in (c - 1, c, c + 1) if 0 <= k < len(columns)}))
    return {c: m.shift.get(c, 0.0) for c in range(len(columns))} if changed else None


def _polish(m: _Mend, moved: list[int]) -> None:
    """With no wire under a card, the columns ``moved`` reordered while that
    crosses fewer wires (or climbs less) and puts none under a card: once x's
    wires to x**2 and y were clear, the constant 2 sat at the top of its
    column, its wire down to 2*x**2 across two others; level with 2*x**2 it
    crosses none."""
    for _ in range(MOST_MOVES):
        if m.tries > MOST_TRIES:
            break
        moves = islice(m.reorders(moved), MOST_TRIES - m.tries)  # (the cap on tries, as the mending's)
        ranked = sorted((m.tried(mv), k, mv) for k, mv in enumerate(moves))
        if not ranked or ranked[0][0] >= m.score:
            break
        m.apply(ranked[0][2])


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
        self.shift: dict[int, float] = {}  # a column stacked off centre: by how much
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

    def moves(self) -> Iterator[Move]:
        """Each column with one of its entries moved, of those of the wires
        under cards: every lane and card of a column where one passes a
        card, and its ends (the f(x) bar's 4 moved below the lane of x's
        wire to 4*x read better than x**2 moved below it, crossing both);
        then each such column stacked half a row up or down (or back)."""
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
                    yield c, [*rest[:j], u, *rest[j:]], self.shift.get(c, 0.0)
        for c in dict.fromkeys(self.col_of[u] for u in movers):
            for shift in (-SHIFT, 0.0, SHIFT):
                if shift != self.shift.get(c, 0.0):
                    yield c, self.columns[c], shift

    def reorders(self, cols: Iterable[int]) -> Iterator[Move]:
        """Each of ``cols`` with one of its entries moved (stacked as it is)."""
        for c in cols:
            col = self.columns[c]
            for i, u in enumerate(col):
                rest = col[:i] + col[i + 1 :]
                for j in range(len(col)):
                    if j != i:
                        yield c, [*rest[:j], u, *rest[j:]], self.shift.get(c, 0.0)

    def tried(self, move: Move) -> Score:
        """The score after ``move``."""
        self.tries += 1
        was = self.apply(move)
        got = self.score
        self.apply(was)
        return got

    def apply(self, move: Move) -> Move:
        """Column ``c`` in ``order``, stacked ``shift`` off centre, the score kept; the move back."""
        c, order, shift = move
        was = (c, self.columns[c], self.shift.get(c, 0.0))
        before = self._climb(c)
        self.columns[c] = order
        self.shift[c] = shift
        _stack(order, self.y, shift)
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


def _stack(col: list[str], y: dict[str, float], shift: float = 0.0) -> None:
    """The heights of a column's entries, as ``layout._placed`` stacks them (``shift`` off centre)."""
    mid = (len(col) - 1) / 2
    for i, n in enumerate(col):
        y[n] = (i - mid) * ROW + shift


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
