"""Where the nodes a code edit adds go: next to the nodes they are wired to.

A new operator goes one column right of its inputs already on the canvas; a
new input one column left of the operator it feeds, in the row of its port;
a spot already taken moves down a row. What has no placed neighbour is laid
out by :func:`core.graph.layout.layered_positions`, right of everything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.autograd import ops
from core.graph.layout import COLUMN, ROW, layered_positions
from core.graph.model import GraphModel


class _Spots:
    """Taken positions, in buckets of a column by a row."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def add(self, x: float, y: float) -> None:
        self._buckets.setdefault(self._key(x, y), []).append((x, y))

    def taken(self, x: float, y: float) -> bool:
        kx, ky = self._key(x, y)
        for bx in (kx - 1, kx, kx + 1):
            for by in (ky - 1, ky, ky + 1):
                for px, py in self._buckets.get((bx, by), ()):
                    if abs(px - x) < 0.6 * COLUMN and abs(py - y) < 0.8 * ROW:
                        return True
        return False

    def free(self, x: float, y: float) -> tuple[float, float]:
        """``(x, y)``, or the first free spot below it."""
        for _ in range(10_000):
            if not self.taken(x, y):
                break
            y += ROW
        self.add(x, y)
        return x, y

    @staticmethod
    def _key(x: float, y: float) -> tuple[int, int]:
        return math.floor(x / COLUMN), math.floor(y / ROW)


def place_new(
    model: GraphModel, added: Sequence[str], inputs: dict[str, list], op_of: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Positions for the ``added`` ids (inputs before consumers), given every
    described node's inputs after the edit (``inputs``) and the new nodes' ops."""
    new = set(added)
    pos: dict[str, tuple[float, float]] = {}
    spots = _Spots()
    for n in model.nodes():
        spots.add(*model.position(n))

    def where(n: str | None) -> tuple[float, float] | None:
        if n is None:
            return None
        if n in pos:
            return pos[n]
        return model.position(n) if n in model and n not in new else None

    users: dict[str, list[tuple[str, int]]] = {}
    for t, ins in inputs.items():
        for p, s in enumerate(ins):
            if s in new:
                users.setdefault(s, []).append((t, p))

    def forward() -> None:
        for n in added:
            if n in pos:
                continue
            known = [q for q in map(where, inputs.get(n, [])) if q is not None]
            if known:
                pos[n] = spots.free(max(x for x, _ in known) + COLUMN, sum(y for _, y in known) / len(known))

    forward()
    for n in reversed(added):
        if n in pos:
            continue
        for t, p in users.get(n, []):
            q = where(t)
            if q is not None:
                k = ops.arity(op_of.get(t) or model.op(t))
                pos[n] = spots.free(q[0] - COLUMN, q[1] + (p - (k - 1) / 2) * ROW)
                break
    forward()
    rest = [n for n in added if n not in pos]
    if rest:
        sub = GraphModel.from_records(
            {},
            [(n, {"op": op_of[n], "value": 0.0, "exponent": 2.0}) for n in rest],
            [(s, t, p) for t in rest for p, s in enumerate(inputs.get(t, [])) if s in rest and s is not None],
        )
        lay = layered_positions(sub)
        placed = [model.position(n) for n in model.nodes() if n not in new] + list(pos.values())
        dx = dy = 0.0
        if placed:
            dx = max(x for x, _ in placed) + COLUMN
            dy = min(y for _, y in placed) - min(y for _, y in lay.values())
        for n in rest:
            x, y = lay[n]
            pos[n] = (x + dx, y + dy)
    return pos
