"""What the canvas shows at each point of a forward-mode pass.

The same positions as a backward :class:`~core.explain.replay.Replay`, so
the same animator, canvas painter and Order list show it: position 0 is the
start (only the seeded leaf's tangent, 1, is known); position ``p > 0``
shows step ``p - 1`` as current, its node's tangent just made from its
inputs' tangents (``dL/da += ∂L/∂d · dd/da``); the last position is the
finished pass, still showing the last step (the root's: its inputs' parts
summed, their wires captioned) as Backward's end shows its own. Nothing
here imports Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from core.autograd.ops import OVERFLOWED, explain_nonfinite_local
from core.explain.equation import Pins, multiplied
from core.explain.format import fmt
from core.explain.received import sum_text, which_input
from core.explain.replay import CURRENT, DIM, DONE, INPUT, ModelNames, Replay, operand
from core.graph.forward_mode import ForwardResult, ForwardStep


class ForwardReplay:
    """The display state of one forward-mode pass at any position."""

    def __init__(
        self,
        result: ForwardResult,
        label: Callable[[str], str] = str,
        value_reason: Callable[[str], str | None] | None = None,
        local_why: Callable[[ForwardStep, int], str | None] | None = None,
    ) -> None:
        """``local_why(step, port)``: why a local derivative is inf/nan where its
        node's value is finite ("vertical slope (0.5·0^−0.5)": x**0.5 at 0), as
        the backward pass's texts say it."""
        self.result = result
        self.value_reason = value_reason
        self.local_why = local_why
        self.steps: list[ForwardStep] = list(result.steps)
        self.root = result.wrt  # where the pass starts (the name the painter uses)
        self.wrt = result.wrt
        self.label = lambda n: operand(label(n))
        self.named = self.label  # (the backward Replay's: forward mode's sentences name by label)
        self.plain = self.row_label = label  # (the same, where nothing follows: the Order panel's rows)
        self.wrt_name = label(result.wrt)
        #: what the cards and the Order list call the number shown
        self.quantity = f"d/d{self.wrt_name}"
        self.column = self.quantity  # (the Order list's heading)
        self.rank = {n: i for i, n in enumerate(result.order)}  # wrt 0, step k's node k + 1

    @classmethod
    def of(cls, result: ForwardResult, model: ModelNames) -> ForwardReplay:
        """``result`` in ``model``'s names (a value's reason asked of it, and a
        local derivative's at a finite point)."""
        values, attrs = result.values, model.attr_table()

        def local_why(step: ForwardStep, port: int) -> str | None:
            xs = tuple(values.get(i) for i in step.inputs)
            if any(x is None for x in xs):
                return None
            a = attrs[step.node]
            return explain_nonfinite_local(a["op"], xs, a.get("exponent"), port)

        return cls(result, model.label, model.nonfinite_reason, local_why)

    # ------------------------------------------------------------ names
    def dot(self, node: str) -> str:
        """The tangent's name, as the lecture writes a derivative: ``de/da``,
        ``dd/da``, ``d(x1*w1)/da``. (A dot over the name, ``ḋ``, was the
        first form: a trial could not see it on d or L, where the font sets it
        against the letter's stem.)"""
        return f"d{self.label(node)}/d{self.wrt_name}"

    def quantity_of(self, node: str) -> str:
        """The number a card of ``node`` shows, named as the notes name it: ``de/da``."""
        return self.dot(node)

    def partial(self, step: ForwardStep, port: int) -> str:
        return f"∂{self.label(step.node)}/∂{self.label(step.inputs[port])}"

    @property
    def start_text(self) -> str:
        w = self.label(self.wrt)
        return f"d{w}/d{w} = 1"

    # ------------------------------------------------------------ positions
    @property
    def last(self) -> int:
        return len(self.steps)

    def current(self, pos: int) -> ForwardStep | None:
        return self.steps[pos - 1] if pos > 0 else None

    def ends(self) -> list[str]:
        """The seeded leaf and the nodes the pass ends on, whose tangents no
        later step reads (the root among them): what the finished picture
        keeps in view. (Every step has inputs: asked for steps without any,
        as Backward's leaves, it kept the leaf alone, the answer off screen.)"""
        read = {n for s in self.steps for n in s.inputs}
        return [self.root, *(s.node for s in self.steps if s.node not in read)]

    def in_past(self, node: str) -> bool:
        """Does ``node`` depend on the seeded leaf (or is it the leaf)?"""
        return node in self.rank

    def step_of(self, node: str) -> ForwardStep | None:
        r = self.rank.get(node)
        return self.steps[r - 1] if r else None

    # ------------------------------------------------------------ numbers
    def grad(self, node: str, pos: int) -> float | None:
        """The tangent shown at ``pos`` (None until its step has run, and for
        nodes that do not depend on the leaf). Named as a replay's gradient,
        so one painter draws both."""
        r = self.rank.get(node)
        if r is None or r > pos:
            return None
        return 1.0 if r == 0 else self.steps[r - 1].tangent

    # ------------------------------------------------------------ looks
    def highlight(self, node: str, pos: int) -> str | None:
        r = self.rank.get(node)
        if r is None:
            return DIM
        pos = min(pos, self.last)  # the end shows the last step, its inputs lit (trial 65 #2)
        if pos == 0:
            return INPUT if r == 0 else None
        step = self.steps[pos - 1]
        if r == pos:
            return CURRENT
        if any(step.inputs[p] == node for p in step.live_ports):
            return INPUT
        return DONE if r < pos else None

    def note(self, node: str, pos: int) -> str | None:
        """The caption by a node: how its tangent was just made."""
        r = self.rank.get(node)
        if r is None:
            return None
        if r == 0:
            return self.start_text if pos == 0 or not self.steps else None
        step = self.steps[r - 1]
        live = [step.contributions[p] for p in step.live_ports]
        if pos >= self.last and node != self.steps[-1].node:
            return self.end_note(node)
        if r != min(pos, self.last):
            return None
        return f"{self.dot(node)} = {sum_text(live, step.tangent)}"

    def end_note(self, node: str) -> str | None:
        """The caption by a node once the pass is finished, the last step's
        node as any other (the finished picture's): the sum of a tangent
        made of several parts, else none."""
        r = self.rank.get(node)
        if not r:
            return None
        step = self.steps[r - 1]
        live = [step.contributions[p] for p in step.live_ports]
        return f"{self.dot(node)} = {sum_text(live, step.tangent)}" if len(live) > 1 else None

    def flow_text(self, step: ForwardStep, port: int) -> str:
        """The caption on the wire into ``step.node``'s input ``port``."""
        return (
            f"{self.dot(step.node)} += {self.partial(step, port)} · {self.dot(step.inputs[port])}"
            f" = {multiplied(step.locals[port], step.tangents_in[port], step.contributions[port])}"
            + which_input(step.inputs, port)
        )

    def pins(self, pos: int) -> Pins:
        """No places pinned: each of a step's products is checked on its own, in its banner
        and its captions alike (Replay.pins)."""
        return {}

    def flows(self, pos: int) -> list[tuple[str, str, int, str]]:
        """(source, target, port, caption) for every wire lit at ``pos`` (at
        the end the last step's: the root's sum, drawn part by part)."""
        step = self.current(min(pos, self.last))
        if step is None:
            return []
        return [(step.inputs[p], step.node, p, self.flow_text(step, p)) for p in step.live_ports]

    def _origin(self, node: str) -> tuple[ForwardStep, int] | None:
        """The step and port where ``node``'s non-finite tangent began: a
        non-finite local derivative times a finite tangent (or an overflow),
        or a local derivative 0 times an infinite tangent (the nan made there)."""
        step = self.step_of(node)
        while step is not None and not math.isfinite(step.tangent):
            for p in step.live_ports:
                c = step.contributions[p]
                if c is not None and not math.isfinite(c):
                    t = step.tangents_in[p]
                    if math.isfinite(t) or (c != c and t == t and step.locals[p] == 0):
                        return step, p
                    step = self.step_of(step.inputs[p])
                    break
            else:
                return None  # finite contributions whose sum overflowed
        return None

    def nonfinite_origin(self, node: str, pos: int) -> str | None:
        """Where a non-finite tangent shown at ``pos`` came from, in words."""
        g = self.grad(node, pos)
        if g is None or math.isfinite(g):
            return None
        o = self._origin(node)
        if o is None:
            return f"finite terms whose sum {OVERFLOWED}"
        step, p = o
        if not math.isfinite(step.tangents_in[p]):  # 0 × inf
            text = f"{self.partial(step, p)} · {self.dot(step.inputs[p])} = 0 × {fmt(step.tangents_in[p])}"
            why = self.nonfinite_cause(step.inputs[p], pos)
            return text + (f" ({why})" if why else f" at {self.label(step.node)!r}")
        why = self._why(step, p)
        text = f"{self.partial(step, p)} = {fmt(step.locals[p])}"
        return text + (f" ({why})" if why else f" at {self.label(step.node)!r}")

    def _why(self, step: ForwardStep, p: int) -> str | None:
        """Why ``step``'s local derivative at port ``p`` is inf/nan: its node's
        value's reason, else its rule's at a finite point (the backward pass's
        GradOrigins._local_why: forward mode said "inf/nan from 'y'" for x**0.5 at 0)."""
        reason = self.value_reason
        v, d = self.result.values.get(step.node), step.locals[p]
        if reason and v is not None and v != v and d == d:  # an input's infinity, not the node's nan
            why = next((w for i in step.inputs if (w := reason(i))), None)
            if why:
                return why
        why = reason(step.node) if reason else None
        if why:
            return why
        local = self.local_why(step, p) if self.local_why else None
        return f"{local} at {self.label(step.node)!r}" if local else None

    def nonfinite_cause(self, node: str, pos: int) -> str | None:
        o = self._origin(node)
        if o is None:
            return None
        step, p = o
        at = self.label(step.node)
        t = step.tangents_in[p]
        if not math.isfinite(t):  # 0 × inf: the nan made here, and where the infinity came from
            up = self.nonfinite_cause(step.inputs[p], pos)
            return f"0 × {fmt(t)} at {at!r}" + (f": {up}" if up else "")
        why = self._why(step, p)
        c = step.contributions[p]
        if why and c != c and t == 0:  # inf × 0
            return f"{fmt(step.locals[p])} × 0 at {at!r}: {why}"
        return why or f"inf/nan from {at!r}"

    # ------------------------------------------------------------ diffs
    def touched(self, pos: int) -> set[str]:
        if pos == 0:
            return {self.wrt}
        if pos >= self.last:
            return set(self.rank)
        step = self.steps[pos - 1]
        return {step.node, *step.inputs}

    def changed_between(self, a: int, b: int) -> set[str] | None:
        """Nodes that look different at ``b`` than at ``a``; None means all."""
        lo, hi = min(a, b), max(a, b)
        if hi - lo > 64 or hi >= self.last:
            return None
        out = self.touched(a) | self.touched(b)
        for k in range(lo, hi):
            s = self.steps[k]
            out.add(s.node)
            out.update(s.inputs)
        return out


#: Either kind of pass the canvas can show.
AnyReplay = Replay | ForwardReplay
