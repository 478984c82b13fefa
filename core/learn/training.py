"""Parameters, the lecture's nudge, and gradient-descent training.

Which leaves are parameters: a leaf is trainable unless its node attribute
``"trainable"`` is ``false`` (so older files, which lack the key, keep all
leaves trainable, as every leaf was in the lecture's first examples). Inputs,
targets and constants are leaves marked ``"trainable": false``.

Training runs on engine ``Value`` objects built once from the graph (forward
re-evaluated in place each step, backward by the real engine), so a run costs
no model edits; the caller writes the final parameters back in one go, which
the GUI turns into one undo entry per run.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.autograd.engine import topological_order
from core.explain.format import MINUS, fmt
from core.graph.backward import BackwardResult, backward
from core.graph.build import build_values
from core.graph.errors import GraphError, InvalidValueError

if TYPE_CHECKING:
    from core.graph.model import GraphModel

TRAINABLE = "trainable"
#: A run counts as blowing up when the root's size grows past this many times
#: its starting size (at least 1) and is still growing.
BLOWUP_FACTOR = 1e3


class TrainingError(GraphError):
    """A step that would make a parameter inf or nan (learning rate too big)."""


def is_trainable(model: GraphModel, node_id: str) -> bool:
    """A leaf not marked ``"trainable": false``."""
    return model.op(node_id) == "leaf" and model.graph.nodes[node_id].get(TRAINABLE, True) is not False


def trainable_among(model: GraphModel, ids: Iterable[str]) -> list[str]:
    """The nodes of ``ids`` that :func:`is_trainable` keeps, in their order:
    read from the model's attribute table (Skip to End asks it of a pass's
    every leaf, ~10,000 at 50,000 nodes; two look-ups a node through the
    model's checks and networkx's view were ~5 ms of it)."""
    attrs = model.attr_table()
    return [n for n in ids if (a := attrs[n])["op"] == "leaf" and a.get(TRAINABLE, True) is not False]


def parameters(model: GraphModel, root: str | None = None) -> list[str]:
    """The trainable leaves the root depends on, inputs-first order."""
    root = model.resolve_root(root)
    attrs = model.attr_table()  # (read once a node: the Train panel asks after each edit)
    return model.topological_order(
        n for n in model.past(root) if attrs[n]["op"] == "leaf" and attrs[n].get(TRAINABLE, True) is not False
    )


def _check_step(what: str, v: float) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise InvalidValueError(f"the {what} must be a finite number, not {v!r}")
    return float(v)


def apply_values(model: GraphModel, values: dict[str, float]) -> None:
    """Set many leaf values (a nudge, a training run, or their undo) with one
    re-evaluation of the graph."""
    model.set_values(values)


# ------------------------------------------------------------------ nudge
@dataclass
class NudgePlan:
    root: str
    before: float  # the root's value now
    grads: dict  # parameter -> gradient
    old: dict  # parameter -> value now
    new: dict  # parameter -> value after the nudge
    predicted: float  # first-order change of the root: sum of grad x delta


@dataclass
class NudgeResult:
    plan: NudgePlan
    after: float

    @property
    def actual(self) -> float:
        return self.after - self.plan.before


def plan_nudge(
    model: GraphModel, step: float, direction: int = 1, root: str | None = None, only: Collection[str] = ()
) -> NudgePlan:
    """Move every parameter by ``direction × step × grad``: +1 is the lecture's
    move to increase the root, −1 is a gradient-descent step. ``only``: just
    the parameters among these ("what if only a moves?"), if any is one."""
    step = _check_step("nudge step", step)
    if direction not in (1, -1):
        raise InvalidValueError(f"direction must be +1 or -1, not {direction!r}")
    res = backward(model, root)
    params = parameters(model, res.root)
    chosen = [p for p in params if p in only]
    params = chosen or params
    grads = {p: res.grads[p] for p in params}
    old = {p: model.value(p) for p in params}
    new = {}
    for p in params:
        if not math.isfinite(grads[p]):  # (no step size helps: trial 69 #8 said "use a smaller step")
            raise TrainingError(stuck(model, res, p, "step size"))
        v = old[p] + direction * step * grads[p]
        if not math.isfinite(v):
            raise TrainingError(f"nudging {model.label(p)!r} would make it {v!r}; use a smaller step")
        new[p] = v
    predicted = math.fsum(grads[p] * (new[p] - old[p]) for p in params)
    value = model.value(res.root)
    assert value is not None  # backward ran, so the root has a value
    return NudgePlan(res.root, value, grads, old, new, predicted)


def nudge(model: GraphModel, step: float, direction: int = 1, root: str | None = None) -> NudgeResult:
    """Plan and apply a nudge; the result holds the predicted and actual change."""
    plan = plan_nudge(model, step, direction, root)
    apply_values(model, plan.new)
    value = model.value(plan.root)
    assert value is not None  # nudged leaves keep it complete
    return NudgeResult(plan, value)


# ----------------------------------------------------------------- training
@dataclass
class Trainer:
    """Gradient descent on the root: each step is backward, then every
    parameter ``p -= lr × p.grad``, then forward again."""

    model: GraphModel
    lr: float
    root: str | None = None
    history: list = field(default_factory=list)  # the root's value: start, then after each step

    def __post_init__(self) -> None:
        self.lr = _check_step("learning rate", self.lr)
        self.root = self.model.resolve_root(self.root)
        nodes = self.model.topological_order(self.model.past(self.root))
        self.model.check_complete(nodes)
        self._vals = build_values(self.model, nodes)
        self.params = [n for n in nodes if is_trainable(self.model, n)]
        self._out = self._vals[self.root]
        if not math.isfinite(self._out.data):  # (trial 69 #8: a nan loss was trained, "lower the rate")
            why = self.model.nonfinite_reason(self.root)
            raise TrainingError(
                f"{self.model.label(self.root)} is {fmt(self._out.data)} already"
                + (f" ({why})" if why else "")
                + ": gradient descent needs a finite loss to lower; change the values first"
            )
        self._forward_order = [v for v in reversed(topological_order(self._out)) if v.inputs]
        self._out.backward()  # (an inf gradient at the start: no learning rate moves it, trial 69 #8)
        bad = next((p for p in self.params if not math.isfinite(self._vals[p].grad)), None)
        if bad is not None:
            raise TrainingError(stuck(self.model, backward(self.model, self.root), bad, "learning rate"))
        self.start = self.values()
        self.history = [self._out.data]
        self.steps = 0

    def values(self) -> dict[str, float]:
        """Current parameter values, to write back into the model."""
        return {p: self._vals[p].data for p in self.params}

    @property
    def value(self) -> float:
        return self._out.data

    def step(self) -> float:
        """One training step; returns the root's new value."""
        self._out.backward()
        lr = self.lr
        new = {}
        for p in self.params:
            v = self._vals[p]
            x = v.data - lr * v.grad
            if not math.isfinite(x):
                raise TrainingError(
                    f"step {self.steps + 1} would make {self.model.label(p)!r} {x!r} "
                    f"(gradient {v.grad!r}); lower the learning rate"
                )
            new[p] = x
        for p, x in new.items():
            self._vals[p].data = x
        for v in self._forward_order:
            v.recompute()
        self.steps += 1
        self.history.append(self._out.data)
        return self._out.data

    def divergence(self) -> str | None:
        """Why this run should stop, or None while it looks sane: the root
        became inf/nan, or it grew by orders of magnitude and keeps growing."""
        return divergence(self.history, self.model.label(self.root))  # type: ignore[arg-type]  # resolved in __post_init__

    def run(self, n: int) -> list[float]:
        for _ in range(n):
            self.step()
        return self.history


def stuck(model: GraphModel, result: BackwardResult, p: str, knob: str) -> str:
    """Why no ``knob`` (step size, learning rate) moves ``p``: its gradient
    is inf/nan, where from, and what to do: "x's gradient is inf (vertical
    slope (0.5·0^−0.5) at 'y'), so no step size helps: move x away from 0
    first" (trial 69 #8)."""
    from core.explain.replay import Replay  # (here: the headless commands import this module, not the model)

    rp = Replay.of(result, model)
    name, g, v = model.label(p), result.grads[p], model.value(p)
    why = rp.nonfinite_cause(p, rp.last)
    src = rp.nonfinite_source(p, rp.last)
    if src is not None and p in model.inputs(src) and v is not None:
        todo = f"move {name} away from {fmt(v)} first"
    elif src is not None:
        todo = f"change what feeds {model.label(src)!r} first"
    else:
        todo = "change the values first"
    return f"{name}'s gradient is {fmt(g)}" + (f" ({why})" if why else "") + f", so no {knob} helps: {todo}"


def _n(v: float) -> str:
    t = f"{v:.4g}".replace("e+0", "e").replace("e+", "e").replace("e-0", "e-")
    return t.replace("-", MINUS).replace("inf", "∞")


def divergence(history: list[float], name: str = "the output") -> str | None:
    """Whether a run of root values (start first) is running away, and what
    that means: heading to −∞ steadily means the root has no minimum
    (e.g. L = (a*b + c)*f), anything else a learning rate that is too big."""
    if len(history) < 2:
        return None
    first, last, prev = history[0], history[-1], history[-2]
    steps = len(history) - 1
    went = f"{name} went from {_n(first)} to {_n(last)} in {steps} step{'s' * (steps != 1)}"
    if not math.isfinite(last):
        return f"{went}: the run blew up; lower the learning rate."
    if abs(last) <= BLOWUP_FACTOR * max(1.0, abs(first)) or abs(last) <= abs(prev):
        return None
    tail = history[-min(len(history), 6) :]
    if last < 0 and all(b < a for a, b in zip(tail, tail[1:])):
        return (
            f"{went}: {name} has no minimum, so gradient descent on it runs off to −∞. "
            "Train a loss instead (try Learn ▸ Insert MLP…)."
        )
    return f"{went}: the run is blowing up; lower the learning rate."
