"""Lanes for long wires in a layered layout (core/graph/layout.py, scope_columns.py).

A wire is drawn from its source's output port to its target's input port
(gui/canvas/painting.py wire_cubic_at). Between columns that are not
neighbours it crosses every column on the way, and a card there at its
height hid it: imported code's c += 1 + c drew the wire from c to the sum
under the card 1, so that 1 + c seemed to read 1 twice (trial 42). Each
column a wire crosses gets a lane, a place no card takes (the classic
layered layout's dummy nodes): the columns are stacked around it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

#: More lanes than this in one scope: a web of long wires (a benchmark's random groups), left as it is
#: (its lanes cannot all be kept clear, and they cost time: Auto Layout of 500 such groups, 2.5 times).
MOST_LANES = 16
#: Sources left of a scope whose wires into its second column, each beside a card feeding the same node,
#: get lanes (``with_lanes``): a layer's two inputs, h1 and h2 (trial 62). The MLP's loss over four data
#: points, fed from far apart, stacked four lanes where no wire came in and put y[2] far below its sum.
MOST_BESIDE = 2
Lane = tuple[str, list[str]]  # the wires through a lane: their source and targets (``with_lanes``)
#: The name of a wire's lane through a column (``with_lanes``), then a number. A node's or a group's id
#: may be any non-empty string (a file's "\0lane0" too): where one starts with it, NULs are added to it.
LANE = "\0lane"


def with_lanes(
    columns: list[list[str]],
    succ: Mapping[str, Collection[str]],
    preds: Mapping[str, Collection[str]],
    budget: int | None = None,
    entries: Mapping[str, Collection[str]] | None = None,
    exits: Collection[str] = (),
    copied: Collection[str] = (),
) -> tuple[Mapping[str, Collection[str]], Mapping[str, Collection[str]], dict[str, Lane]]:
    """A lane (a place that holds no card, ``LANE`` and a number) in each
    column a wire passes between its ends, put into ``columns`` (the classic
    layered layout's dummy nodes): the columns' cards are stacked around it,
    so the wire runs in it, not under a card it does not join (imported
    code's c += 1 + c: the wire from c to the sum ran under the card 1, and
    1 + c seemed to read 1 twice); the long wires of one source share
    them. ``entries`` are fed from left of the columns (each by its
    sources there) and ``exits`` feed right of them (a group's units, wired
    outside it): their lanes run to the first column or from the last (from
    the left only where one source feeds them: the block is put level with
    it, and cannot be with several);
    ``copied`` sources have none (their wires are drawn as copies). The
    wires with their lanes in place of each long one, and the lanes (each
    with the wires through it: their source, one left of the columns for
    ``entries``, and targets, none right of the columns); none
    (the columns as they were) where more than ``budget`` lanes would be
    needed (a web of long wires: as many lanes as it takes cannot all be
    kept clear, and they cost time)."""
    col = {n: c for c, nodes in enumerate(columns) for n in nodes}
    last = len(columns) - 1
    entries = entries or {}
    runs: list[tuple[str, list[str], int, int]] = []  # source, long wires' targets, lanes' columns
    count = 0
    for s, out in succ.items():
        if s in copied:
            continue
        c = col[s]
        far = [t for t in out if col.get(t, c) > c + 1]
        end = last if s in exits else max((col[t] - 1 for t in far), default=c)
        if end > c:  # one run of lanes for all its long wires (they leave one port: one wire until they part)
            runs.append((s, far, c + 1, end))
            count += end - c
            if budget is not None and count > budget:  # (a web: the rest need not be counted)
                return succ, preds, {}
    fed: dict[str, list[str]] = {}  # a source left of the columns: what it feeds past the first column
    for t, sources in entries.items():
        for s in sources:
            if col[t] > 0 and s not in copied:
                fed.setdefault(s, []).append(t)
    for src, ts in fed.items():
        end = max(col[t] for t in ts) - 1
        # one wire into the second column beside a card of the first that feeds its target too:
        # levelled with that target, the card sat on the wire (trial 62: y in out - y, v1 in h1*v1)
        beside = end == 0 and len(ts) == 1 and _beside(ts[0], columns[0], preds, copied)
        if len(fed) > 1 and not (beside and len(fed) <= MOST_BESIDE):  # (from several: one height cannot
            continue  # suit them all; from two, a neuron's inputs side by side, each its own lane)
        if end == 0 and len(ts) == 1 and not beside:  # one wire into the second column: left as it was
            continue  # (a lane there made each layer of the vanishing example taller, its bands uneven)
        runs.append((src, ts, 0, end))
        count += end + 1
    if not runs or (budget is not None and count > budget):
        return succ, preds, {}
    succ2 = {n: list(out) for n, out in succ.items()}
    preds2 = {n: list(ins) for n, ins in preds.items()}
    lanes: dict[str, Lane] = {}
    mark = LANE  # (a unit named as a lane lost its place to it, and its wires; a source left of them too)
    while any(n.startswith(mark) for n in (*col, *fed)):
        mark += "\0"
    for s, ts, a, b in runs:
        prev = s if s in succ else None
        lane_at: dict[int, str] = {}
        for c in range(a, b + 1):
            d = f"{mark}{len(lanes)}"
            lanes[d] = (s, [t for t in ts if col[t] > c])
            columns[c].append(d)
            lane_at[c] = d
            succ2[d], preds2[d] = [], ([prev] if prev is not None else [])
            if prev is not None:
                succ2[prev].append(d)
            prev = d
        for t in ts:
            if s in succ2 and t in succ2[s]:  # (from inside the columns)
                succ2[s].remove(t)
                preds2[t].remove(s)
            d = lane_at[col[t] - 1]
            succ2[d].append(t)
            preds2[t].append(d)
    return succ2, preds2, lanes


def _beside(t: str, first: list[str], preds: Mapping[str, Collection[str]], copied: Collection[str]) -> bool:
    """Whether a unit of the first column (not a leaf drawn as copies) feeds ``t`` too."""
    return any(p in first and p not in copied for p in preds.get(t, ()))


def wire_y(x1: float, y1: float, x2: float, y2: float, x: float) -> float:
    """The height at ``x`` of the wire from (x1, y1) to (x2, y2), left to
    right, as the canvas draws it (gui/canvas/painting.py wire_cubic_at:
    level out of a port for half the way or 40 units, level into the next):
    its curve's parameter at ``x`` found by Newton's method."""
    d = x2 - x1
    if d <= 0.0:
        return y1 if x <= x1 else y2
    a = max(40.0, d * 0.5) / d  # the control points' reach, as a share of the way
    t = min(max((x - x1) / d, 0.0), 1.0)
    u = t
    for _ in range(6):
        f = 3 * a * u * (1 - u) ** 2 + 3 * (1 - a) * u * u * (1 - u) + u**3 - t
        df = 3 * a * (1 - u) * (1 - 3 * u) + 3 * (1 - a) * u * (2 - 3 * u) + 3 * u * u
        if df <= 1e-9:
            break
        u = min(max(u - f / df, 0.0), 1.0)
    return y1 + (y2 - y1) * (3 * u * u - 2 * u**3)


def wire_band(
    x1: float, y1: float, ends: list[tuple[float, float]], left: float, right: float, at: float | None = None
) -> tuple[float, float]:
    """Where the wires from (x1, y1) to ``ends`` cross the column from
    ``left`` to ``right``: their middle there (or ``at``) and how far from
    it they reach, up or down."""
    ys = [[wire_y(x1, y1, x2, y2, x) for x in (left, (left + right) / 2, right)] for x2, y2 in ends]
    mid = sum(y[1] for y in ys) / len(ys) if at is None else at
    return mid, max(abs(y - mid) for y3 in ys for y in y3)


def lane_wires(lanes: Mapping[str, Lane], succ: Mapping[str, Collection[str]], wires: Mapping) -> Mapping:
    """``wires`` (each source's targets and their wires' data, as the
    graph's adjacency) with each lane's last step: the wire it carries on
    into a node, with its port there (for ``untangle``)."""
    if not lanes:
        return wires
    steps = {d: {t: wires[s][t] for t in succ[d] if t in wires.get(s, ())} for d, (s, _ts) in lanes.items()}
    return _Wires(steps, wires)  # type: ignore[return-value]


class _Wires:
    """The graph's wires and the lanes' last steps, read with ``get`` (as
    ``untangle`` and ``leaves_by_consumers`` read them; a ChainMap's get
    cost a third of the grouped benchmark's layout)."""

    __slots__ = ("steps", "wires")

    def __init__(self, steps: dict, wires: Mapping) -> None:
        self.steps, self.wires = steps, wires

    def get(self, key: str, default: Any = None) -> Any:
        got = self.steps.get(key)
        return got if got is not None else self.wires.get(key, default)


def pin_lanes(
    units: list[str],
    wish: dict[str, float],
    mid: dict[str, float],
    size: dict[str, tuple[float, float]],
    gap: Callable[[str, str], float],
) -> None:
    """The lanes ``wish`` of one column's ``units`` where their wires pass,
    and the column's other units (in ``mid``) pushed off them as little as
    keeps every gap (``gap``: between two units): from the first lane
    down, and up from it."""
    want = {u: wish.get(u, mid[u]) for u in units}
    units.sort(key=want.__getitem__)
    first = next(i for i, u in enumerate(units) if u in wish)

    def apart(a: str, b: str) -> float:
        return size[a][1] / 2 + gap(a, b) + size[b][1] / 2

    for i in range(first, len(units)):
        u = units[i]
        mid[u] = want[u] if i == first else max(want[u], mid[units[i - 1]] + apart(units[i - 1], u))
    for i in range(first - 1, -1, -1):
        u = units[i]
        mid[u] = min(want[u], mid[units[i + 1]] - apart(u, units[i + 1]))
