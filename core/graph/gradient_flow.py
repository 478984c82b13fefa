"""How much gradient flows where, from one backward pass: along each wire
and, on average, through each group, with the scales that turn those sizes
into widths and bar lengths (View › Gradient Flow draws them): linear when
the wires' gradients are of one size, log when they span decades.

The gradient a wire carries back is the contribution its consumer's chain
rule step added to its source's gradient (``local × upstream``, what
``+=`` adds); a node's gradient is the sum over the wires it feeds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.graph.backward import BackwardResult, GraphStep, PassSteps
from core.graph.model import GraphModel

Wire = tuple[str, str, int]  # source, target, input port


def carried(step: GraphStep, port: int) -> float:
    """What the wire into ``step``'s input ``port`` carries back: the one
    place the number is read, whether the wires' tooltips, their widths, a
    linked copy or a folded card's row shows it."""
    return float(step.contributions[port])


def wire_gradients(result: BackwardResult, upto: int | None = None) -> dict[Wire, float]:
    """The gradient each wire of the pass carries back, by (source, target,
    port); of its first ``upto`` steps only, when given."""
    out: dict[Wire, float] = {}
    for st in result.steps[:upto]:
        for port, src in enumerate(st.inputs):
            if src is not None:
                out[(src, st.node, port)] = carried(st, port)
    return out


def carried_back(
    steps: PassSteps, rank: Mapping[str, int], key: Wire, done: int | None = None
) -> float | None:
    """What the wire ``key`` carries back (:func:`carried`) once the first
    ``done`` steps of the pass ran (all of them: None); None while its
    consumer's step has not run, or if the pass never runs it. ``rank``:
    each node's step (``Replay.rank``)."""
    k = rank.get(key[1])
    if k is None or (done is not None and k >= done) or steps.is_leaf(k):
        return None
    st = steps[k]
    if key[2] >= len(st.inputs) or st.inputs[key[2]] != key[0]:
        return None
    return carried(st, key[2])


def sent_back(
    steps: PassSteps, rank: Mapping[str, int], keys: Iterable[Wire], done: int | None = None
) -> float | None:
    """The sum of what the wires ``keys`` carried back once ``done`` steps
    ran (:func:`carried_back`), added from -0.0 in the order the pass added
    them, so a node all of whose uses are among ``keys`` gets its gradient
    bit for bit; None while none has carried anything back. (A folded
    card's row: what its group sends back to an input across its boundary.)"""
    got = []
    for key in keys:
        c = carried_back(steps, rank, key, done)
        if c is not None:
            got.append((rank[key[1]], key[2], c))
    if not got:
        return None
    total = -0.0
    for _k, _p, c in sorted(got):
        total += c
    return total


def grads_upto(result: BackwardResult, upto: int) -> dict[str, float]:
    """The gradients as the pass's first ``upto`` steps leave them: the
    root's 1 and each step's contributions added (+=) in the pass's order,
    so a node whose gradient is complete has its final value bit for bit;
    a node no step has reached yet is absent."""
    grads = {result.root: 1.0}
    for st in result.steps[:upto]:
        for src, c in zip(st.inputs, st.contributions):
            if src is not None:
                grads[src] = grads.get(src, 0.0) + c
    return grads


class RunningMeans:
    """Each group's mean |grad| part of the way through a pass, moved along
    with it: the gradients so far and each group's sum of |grad| and count,
    a step touching only its inputs' groups (worked out again from the start
    each step, stepping through 19,000 steps at 50,000 nodes grew with the
    square of the pass); a step back starts again from the beginning."""

    def __init__(self, model: GraphModel, result: BackwardResult) -> None:
        self._result = result
        of: dict[str, list[str]] = {}
        for g in model.groups:
            for n in model.groups.nodes_in(g.id):
                of.setdefault(n, []).append(g.id)
        self._of = of
        # how many nodes each group averages over: those with a final gradient
        self._whole: dict[str, int] = {}
        for n in result.grads:
            for gid in of.get(n, ()):
                self._whole[gid] = self._whole.get(gid, 0) + 1
        self._from(0)

    def _from(self, pos: int) -> None:
        self.pos = pos
        self._grads = grads_upto(self._result, pos)
        self._sums: dict[str, float] = {}
        self._counts: dict[str, int] = {}
        for n, v in self._grads.items():
            for g in self._of.get(n, ()):
                self._sums[g] = self._sums.get(g, 0.0) + abs(v)
                self._counts[g] = self._counts.get(g, 0) + 1

    def at(self, pos: int) -> None:
        """Move to ``pos`` steps done."""
        if pos < self.pos:
            self._from(pos)
            return
        grads, sums, counts, of = self._grads, self._sums, self._counts, self._of
        for st in self._result.steps[self.pos : pos]:
            for src, c in zip(st.inputs, st.contributions):
                if src is None:
                    continue
                old = grads.get(src)
                new = (0.0 if old is None else old) + c
                grads[src] = new
                for g in of.get(src, ()):
                    sums[g] = sums.get(g, 0.0) + abs(new) - (0.0 if old is None else abs(old))
                    if old is None:
                        counts[g] = counts.get(g, 0) + 1
        self.pos = pos

    def means(self) -> dict[str, float]:
        """Each reached group's mean |grad| over the whole group, the nodes
        not reached yet counted as 0 (as :func:`group_magnitudes` of
        :func:`grads_upto`, but for rounding in the running sums)."""
        return {g: self._sums[g] / self._whole[g] for g, k in self._counts.items() if k}


def group_magnitudes(
    model: GraphModel, result: BackwardResult, grads: dict[str, float] | None = None
) -> dict[str, float]:
    """Each group's mean |gradient| over the nodes in it (nested groups'
    too) that the pass gives one: its final gradients, or ``grads`` (part
    of the way through it, :func:`grads_upto`), the nodes not reached yet
    counted as 0 (so a group's mean grows towards its final value as the
    pass runs into it, never starting above it: a trial saw layer 12's bar
    shrink from 1 to 0.334, a mean over the nodes reached so far). Groups
    no step has reached yet are left out."""
    have = result.grads if grads is None else grads
    out = {}
    for g in model.groups:
        nodes = [n for n in model.groups.nodes_in(g.id) if n in result.grads]
        reached = [n for n in nodes if n in have]
        if reached:
            out[g.id] = sum(abs(have[n]) for n in reached) / len(nodes)
    return out


@dataclass(frozen=True)
class LogScale:
    """Sizes |g| on a log scale: the largest finite one maps to 1, one
    ``span`` decades smaller (or less) to 0; zero to 0, inf/nan to 1."""

    top: float  # log10 of the largest finite |g|
    span: float  # decades from 0 to 1

    MIN_SPAN = 3.0
    MAX_SPAN = 8.0

    @classmethod
    def of(cls, values: Iterable[float], below: float = 0.0) -> LogScale:
        """The scale that spreads ``values`` (their decades, 3 to 8 of them),
        from the smallest, or from the one with the share ``below`` of them
        smaller (those few at 0: a handful of tiny gradients spread the MLP's
        scale over five decades, most of its wires in the top one and a half)."""
        logs = [math.log10(abs(v)) for v in values if v != 0 and math.isfinite(v)]
        if not logs:
            return cls(0.0, cls.MIN_SPAN)
        top, low = max(logs), (sorted(logs)[int(len(logs) * below)] if below else min(logs))
        return cls(top, min(cls.MAX_SPAN, max(cls.MIN_SPAN, top - low)))

    def fraction(self, v: float) -> float:
        """0..1: where |v| sits on the scale."""
        if not math.isfinite(v):
            return 1.0
        if v == 0:
            return 0.0
        return min(1.0, max(0.0, (math.log10(abs(v)) - (self.top - self.span)) / self.span))

    def value_at(self, fraction: float) -> float:
        """The |g| that sits at ``fraction`` (for a legend)."""
        return 10.0 ** (self.top - self.span * (1.0 - fraction))

    def samples(self) -> list[float]:
        """The |g| a legend shows: the top, the middle and the bottom of the scale."""
        return [self.value_at(f) for f in (1.0, 0.5, 0.0)]


@dataclass(frozen=True)
class LinearScale:
    """Sizes |g| in proportion to the largest finite one (1); zero to 0,
    inf/nan to 1. ``low`` is the smallest non-zero size (for a legend)."""

    top: float  # the largest finite |g|
    low: float  # the smallest non-zero finite |g|

    def fraction(self, v: float) -> float:
        """0..1: |v| as a share of the largest."""
        if not math.isfinite(v):
            return 1.0
        return min(1.0, abs(v) / self.top) if self.top > 0 else 0.0

    def value_at(self, fraction: float) -> float:
        return self.top * fraction

    def samples(self) -> list[float]:
        """The |g| a legend shows: the largest, the smallest and the one
        half way between (each once: all alike, one)."""
        out: list[float] = []
        for v in (self.top, (self.top + self.low) / 2, self.low):
            if v > 0 and v not in out:
                out.append(v)
        return out or [0.0]  # (nothing flows: a hairline for 0)


WidthScale = LogScale | LinearScale

#: The widest range of the wires' non-zero |gradient| (largest over
#: smallest) drawn on a linear scale; wider ranges get a log scale. (On a
#: log scale the lecture's L = (a*b + c)*f, whose wires carry 2 to 6, drew
#: them all 6 to 8 px wide: a trial saw nothing to tell them apart.)
LINEAR_RANGE = 100.0


def width_scale(values: Iterable[float], below: float = 0.0) -> WidthScale:
    """The scale fitted to ``values`` (the wires' gradients): linear when
    their non-zero sizes are within ``LINEAR_RANGE`` of each other, so a
    wire carrying three times more is three times wider; else log
    (:meth:`LogScale.of`, ``below`` as there), so a gradient that vanishes
    over decades still shows."""
    values = list(values)
    sizes = [abs(v) for v in values if v != 0 and math.isfinite(v)]
    if not sizes:
        return LinearScale(0.0, 0.0)
    top, low = max(sizes), min(sizes)
    if top <= LINEAR_RANGE * low:
        return LinearScale(top, low)
    return LogScale.of(values, below)


#: Wire widths of Gradient Flow, in screen pixels.
MIN_WIDTH = 1.0
MAX_WIDTH = 10.0


def wire_width(scale: WidthScale, g: float) -> float:
    """The width a wire carrying ``g`` back is drawn with. On a linear
    scale its extra width over a hairline is in proportion to |g|; on a log
    scale it goes by the square of its place, so the largest stand out
    (linear in the log, the MLP's gradients, 0.01 to 3.4 on a scale down to
    5.5e-5, all drew 6 to 10 px wide: a trial saw no difference)."""
    f = scale.fraction(g)
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * (f * f if isinstance(scale, LogScale) else f)
