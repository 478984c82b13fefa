"""The classifier of the Train-on-Data panel, as a graph and as a live run.

:func:`graph_for` writes micrograd's ``MLP(nin, layers + [1])`` on one example
as a grouped graph (each neuron a group, each layer a folded card, each
layer's weights a folded card) ending in that example's loss
``relu(1 + (−y)·score)``, with ids the live run can find again:
``w{layer}_{neuron}_{input}``, ``b{layer}_{neuron}``, ``x{i}`` and ``neg_y``
(all counted from 1). :func:`leaf_values` gives those leaves' values for a
model and an example, so the canvas follows training without being rebuilt.

:class:`LiveTrainer` runs :func:`core.learn.fit.batch_step` one step at a
time with the panel's settings (learning-rate schedule, L2), keeping the
loss and accuracy history.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.graph.dataset import Dataset, check_points
from core.learn.fit import Mlp, batch_step, learning_rate
from core.learn.templates import Template, lay_out_folded

SCHEDULES = ("linear", "constant")


def graph_for(m: Mlp, x: Sequence[float], y: int) -> Template:
    """``m`` on example (``x``, ``y``) as a grouped, laid-out graph."""
    t = Template(f"MLP({m.sizes[0]}, {m.sizes[1:]}) on one example")
    acts = [t.leaf(f"x{i + 1}", f"x{i + 1}", v, False) for i, v in enumerate(x)]
    last = len(m.weights) - 1
    for li, (W, B) in enumerate(zip(m.weights, m.biases)):
        L = li + 1
        params, layer_nodes, outs = [], [], []
        for j, (ws, b) in enumerate(zip(W, B)):
            J = j + 1
            wids = [t.leaf(f"w{L}_{J}_{i + 1}", f"w{L}.{J}.{i + 1}", w, True) for i, w in enumerate(ws)]
            bid = t.leaf(f"b{L}_{J}", f"b{L}.{J}", b, True)
            params += [*wids, bid]
            first = len(t.nodes)
            s = bid
            for i, (w, a) in enumerate(zip(wids, acts)):
                p = t.op(f"m{L}_{J}_{i + 1}", "mul", f"w{L}.{J}.{i + 1}·{t.attrs(a)['label']}", w, a)
                end = i == len(ws) - 1
                sid = "score" if end and li == last else f"s{L}_{J}_{i + 1}"
                s = t.op(sid, "add", ("score" if li == last else f"n{L}.{J}") if end else "b + Σw·x", s, p)
            if li == last:
                out = s
            else:
                out = t.op(f"h{L}_{J}", m.activation, f"h{L}.{J}", s)
            outs.append(out)
            mine = [n for n, _ in t.nodes[first:]]
            if li < last:
                t.group(f"neuron{L}_{J}", f"neuron {L}.{J}", mine)
            layer_nodes += mine
        kind = "linear output" if li == last else f"{len(W)} {m.activation} neurons"
        t.group(f"layer{L}", f"layer {L}: {kind}", layer_nodes, collapsed=True)
        t.group(f"params{L}", f"layer {L} weights", params, collapsed=True)
        acts = outs
    ny = t.leaf("neg_y", "−y", float(-y), False)
    q = t.op("margin", "mul", "−y·score", ny, acts[0])
    one = t.leaf("one", "1", 1.0, False)
    z = t.op("hinge", "add", "1 − y·score", one, q)
    t.output = t.op("loss", "relu", "loss", z)
    lay_out_folded(t)
    return t


def leaf_values(m: Mlp, x: Sequence[float], y: int) -> dict[str, float]:
    """The values of :func:`graph_for`'s leaves for model ``m`` and example (x, y)."""
    vals = {f"x{i + 1}": float(v) for i, v in enumerate(x)}
    for li, (W, B) in enumerate(zip(m.weights, m.biases)):
        for j, (ws, b) in enumerate(zip(W, B)):
            vals[f"b{li + 1}_{j + 1}"] = b
            for i, w in enumerate(ws):
                vals[f"w{li + 1}_{j + 1}_{i + 1}"] = w
    vals["neg_y"] = float(-y)
    return vals


@dataclass
class Settings:
    layers: tuple[int, ...] = (16, 16)
    activation: str = "relu"
    seed: int = 1337
    lr_start: float = 1.0
    lr_end: float = 0.1
    schedule_steps: int = 100  # the linear schedule reaches lr_end here, then stays
    schedule: str = "linear"
    l2: float = 1e-4


@dataclass
class LiveTrainer:
    """One training run on a data set, a step at a time."""

    data: Dataset
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        check_points(self.data.xs, self.data.ys)
        s = self.settings
        self.model = Mlp.init(self.data.nin, list(s.layers), s.seed, s.activation)
        self.steps = 0
        self.loss: list[float] = []
        self.accuracy: list[float] = []
        self.rates: list[float] = []  # the learning rate each step used (lr() is the next one's)
        self.scores: list[float] = self.model.scores(self.data.xs)

    def lr(self) -> float:
        s = self.settings
        if s.schedule == "constant":
            return s.lr_start
        k = min(self.steps, s.schedule_steps)
        return learning_rate(k, max(s.schedule_steps, 1), s.lr_start, s.lr_end)

    def step(self) -> float:
        """One full-batch step; returns its loss (computed before the update)."""
        r = batch_step(self.model, self.data.xs, self.data.ys, self.settings.l2)
        rate = self.lr()
        self.model.update(r.grads, rate)
        self.rates.append(rate)
        self.steps += 1
        self.loss.append(r.loss)
        self.accuracy.append(r.accuracy)
        self.scores = r.scores
        return r.loss

    def diverged(self) -> bool:
        return bool(self.loss) and not math.isfinite(self.loss[-1])

    def grid(self, x0: float, x1: float, y0: float, y1: float, n: int) -> list[list[float]]:
        """The model's score on an n × n grid over the plane, rows top (y1) to bottom."""
        xs = [x0 + (x1 - x0) * (i + 0.5) / n for i in range(n)]
        pts = [(x, y1 - (y1 - y0) * (r + 0.5) / n) for r in range(n) for x in xs]
        s = self.model.scores(pts)
        return [s[r * n : (r + 1) * n] for r in range(n)]
