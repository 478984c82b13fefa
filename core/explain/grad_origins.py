"""Where an inf/nan gradient of a backward pass came from, in words.

A walk from a node's non-finite gradient back along the contributions that
carried it, to the step that made it: an inf/nan local derivative, a finite
product that overflowed, or a sum of finite parts that did. Kept apart from
:class:`~core.explain.replay.Replay`, which holds one (``Replay.origins``)
and asks it for the captions, the banner and the Order list's notes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Protocol

from core.autograd.ops import OVERFLOWED
from core.explain.equation import said
from core.explain.received import Received
from core.graph.backward import PassSteps

#: Positions whose inf/nan origins are kept (:meth:`GradOrigins.origin`).
_ORIGIN_MEMOS = 4


class PassShown(Protocol):
    """What the walk reads of the pass shown (a :class:`~core.explain.replay.Replay`)."""

    steps: PassSteps
    received: Mapping[str, list[Received]]
    value_reason: Callable[[str], str | None] | None

    @property
    def rank(self) -> dict[str, int]: ...
    def label(self, node: str) -> str: ...
    def grad(self, node: str, pos: int) -> float | None: ...
    def received_before(self, node: str, pos: int) -> list[Received]: ...
    def step_of(self, node: str) -> int: ...
    def gname(self, name: str) -> str: ...


class GradOrigins:
    """The inf/nan origins of one pass's gradients, memoized."""

    def __init__(self, replay: PassShown, label: Callable[[str], str]) -> None:
        self._rp = replay
        self._label = label  # a node's label as it is (the sentences quote it)
        #: pos -> (node -> origin's answer at pos), for the last few positions
        #: asked about (the canvas asks at the position shown and, for cards
        #: coming into view, at the one of the last jump: gui/canvas/pass_board.py)
        self._origins: dict[int, dict[str, tuple]] = {}
        #: node -> origin's answer, for the nodes every contribution has
        #: reached (their step is shown): the same at every later position,
        #: so a walk through them is made once per pass, not once per step
        self._settled: dict[str, tuple] = {}
        self.walks = 0  # nodes origin has walked (tests check it stays linear)

    def origin(self, node: str, pos: int) -> tuple | None:
        """(record, kind) of the first non-finite contribution behind ``node``'s
        gradient at ``pos``: kind "local" (an inf/nan local derivative),
        "product" (finite × finite overflowed), "zero" (a local derivative 0
        times an infinite gradient: the nan made there) or "sum" (record None:
        the contributions were finite but their sum overflowed)."""
        rp = self._rp
        g = rp.grad(node, pos)
        if g is None or math.isfinite(g):
            return None
        # Memoized per position: the walk from a node goes on exactly as the
        # walk from the consumer it reaches, so each node is walked once
        # (Skip to End on a graph full of inf/nan asks for every node); and
        # for good once its step is shown (a step asks again for a few).
        memo = self._origins.get(pos)
        if memo is None:
            if len(self._origins) >= _ORIGIN_MEMOS:
                del self._origins[next(iter(self._origins))]  # the oldest
            memo = self._origins[pos] = {}
        path: list[str] = []
        seen: set[str] = set()
        found: tuple | None = None
        settled, rank = self._settled, rp.rank
        while node not in memo:
            # kept for good once its step was shown: only where it is shown here too
            found = settled.get(node) if rank[node] < pos else None
            if found is not None:
                break
            if node in seen:  # pragma: no cover - the graph is acyclic
                return None
            seen.add(node)
            path.append(node)
            if pos >= len(rp.steps):  # the finished pass: read the pass's records, make none
                hit = rp.steps.first_nonfinite(node)
                if hit is None:
                    found = (None, node)
                    break
                k, p, amount, up = hit
                if math.isfinite(up) or (amount != amount and up == up):
                    r = next(r for r in rp.received[node] if r.step == k and r.port == p)
                    found = _kind(r)
                    if found is not None:
                        break
                node = rp.steps.node(k)  # its gradient is ``up``: not finite
                continue
            for r in rp.received_before(node, pos):
                if math.isfinite(r.amount):
                    continue
                found = _kind(r)
                if found is None:
                    node = r.source  # its gradient is r.upstream: not finite, and it made this one
                break
            else:
                found = (None, node)
            if found is not None:
                break
        if found is None:
            found = memo[node]
        for n in path:
            memo[n] = found
            if rank[n] < pos:  # its step is shown: every contribution it gets is in
                settled[n] = found
        self.walks += len(path)
        return found

    def text(self, node: str, pos: int) -> str | None:
        """Where a non-finite gradient shown at ``pos`` came from, in words."""
        rp = self._rp
        o = self.origin(node, pos)
        if o is None:
            return None
        r, kind = o
        if r is None:
            return f"the sum of {rp.label(kind)}'s contributions {OVERFLOWED}"
        src = rp.label(r.source)
        text = (
            f"{said(r.amount)} came from {self._label(r.source)!r}: local derivative "
            f"{said(r.local)} × {rp.gname(src)} {said(r.upstream)}"
        )
        if kind == "product":
            return f"{text} {OVERFLOWED}"
        why = self.cause(r.source, pos) if kind == "zero" else self._local_why(r)
        return text + (f" ({why})" if why else "")

    def source(self, node: str, pos: int) -> str | None:
        """The node whose local derivative (or product) made ``node``'s
        gradient inf/nan at ``pos``; None where there is none, or a sum overflowed."""
        o = self.origin(node, pos)
        return o[0].source if o is not None and o[0] is not None else None

    def _local_why(self, r: Received) -> str | None:
        """Why the local derivative ``r`` was sent with is inf/nan: its
        node's value's reason ("log of zero at 'y'"), else its rule's at a
        finite point ("vertical slope (0.5·0^−0.5) at 'y'": x**0.5 at 0,
        trial 69 #11: "inf/nan from 'y'" named no cause)."""
        rp = self._rp
        step = rp.steps[rp.step_of(r.source)]
        reason = rp.value_reason
        v = step.value
        if reason and v is not None and v != v and r.local == r.local:
            # an infinite local derivative of a node whose value is nan: the infinity is an
            # input's (∂(a·b)/∂b = a), the node's reason tells its nan ("(−inf) × 0 at 'p'")
            why = next((w for i in step.inputs if (w := reason(i))), None)
            if why:
                return why
        why = reason(r.source) if reason else None
        if why:
            return why
        local = step.local_why(r.port)
        return f"{local} at {self._label(r.source)!r}" if local else None

    def cause(self, node: str, pos: int) -> str | None:
        """The same, short enough for a caption under a card."""
        o = self.origin(node, pos)
        if o is None:
            return None
        r, kind = o
        if r is None:
            return f"sum overflowed at {self._label(kind)!r}"
        if kind == "zero":
            return self._zero_why(r, pos)
        if kind == "local":
            why = self._local_why(r)
            if why and r.amount != r.amount and r.upstream == 0:  # inf × 0: the nan made here
                return f"{said(r.local)} × 0 at {self._label(r.source)!r}: {why}"
            if why:
                return why
        return f"{'overflow' if kind == 'product' else 'inf/nan'} from {self._label(r.source)!r}"

    def _zero_why(self, r: Received, pos: int) -> str:
        """A local derivative 0 times an infinite gradient: the nan made at
        ``r.source``, and where that gradient's infinity came from ("0 × inf
        at 'p': log of zero at 'q'"; the infinity's cause alone read as if the
        gradient were infinite, trial 69)."""
        up = self.cause(r.source, pos)
        return f"0 × {said(r.upstream)} at {self._label(r.source)!r}" + (f": {up}" if up else "")


def _kind(r: Received) -> tuple | None:
    """(r, its kind) where the non-finite contribution ``r`` began its
    gradient's inf/nan; None where it only passed on its source's."""
    if math.isfinite(r.upstream):
        return (r, "product" if math.isfinite(r.local) else "local")
    if r.amount != r.amount and r.upstream == r.upstream and r.local == 0:
        return (r, "zero")  # 0 × inf: the nan is made here, from the source's infinity
    return None
