"""Training a classifier on a data set, as micrograd's demo notebook does it.

The model is micrograd's ``MLP(nin, layers + [1])``: hidden layers of ReLU (or
tanh) neurons and one linear output, its weights drawn layer by layer, neuron
by neuron with ``random.uniform(-1, 1)`` after ``random.seed(seed)``, every
bias 0. A step scores every example, takes the demo's loss

    mean(relu(1 - y·score)) + l2 · Σ p²    (the mean as ``sum * (1.0 / n)``)

and its gradient, and moves every parameter by ``-lr · grad``.

Two implementations give the same numbers, bit for bit:

- :func:`value_graph_step` builds the whole batch as this project's ``Value``
  graph (about 30,000 nodes for 100 examples through MLP(2, [16, 16, 1])),
  written as micrograd's demo writes it, and runs ``backward()``;
- :func:`batch_step` is the hot path. It computes the same floats in the same
  order without building a graph: layer by layer over the whole batch, each
  neuron's sum as one ``functools.reduce`` over ``map(mul, w, a)`` (a left
  fold, as the chain of add nodes is), and each gradient summed in the order
  the Value graph's backward sums it — reverse creation order: the L2 term
  first, then the examples last to first; a hidden unit's gradient from the
  next layer's neurons last to first. ``tests/test_fit.py`` checks the two
  agree exactly.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import add, mul

from core.autograd.engine import Value, gc_paused
from core.autograd.ops import one_minus_square
from core.graph.dataset import DataError, Dataset, check_points

ACTIVATIONS = ("relu", "tanh")


@dataclass
class Mlp:
    """``weights[l][j]`` are neuron j of layer l's weights, ``biases[l][j]`` its bias."""

    weights: list[list[list[float]]]
    biases: list[list[float]]
    activation: str = "relu"  # of the hidden layers; the output is linear

    @classmethod
    def init(cls, nin: int, layers: Sequence[int], seed: int = 1337, activation: str = "relu") -> Mlp:
        """Initialised as micrograd's ``MLP(nin, layers + [1])`` after ``random.seed(seed)``."""
        if activation not in ACTIVATIONS:
            raise DataError(f"activation must be one of {', '.join(ACTIVATIONS)}, not {activation!r}")
        if nin < 1 or any(isinstance(k, bool) or not isinstance(k, int) or k < 1 for k in layers):
            raise DataError(f"layer sizes must be positive whole numbers, not {list(layers)!r}")
        rng = random.Random(seed)
        sizes = [nin, *layers, 1]
        ws, bs = [], []
        for a, b in zip(sizes, sizes[1:]):
            ws.append([[rng.uniform(-1, 1) for _ in range(a)] for _ in range(b)])
            bs.append([0.0] * b)
        return cls(ws, bs, activation)

    @property
    def sizes(self) -> list[int]:
        return [len(self.weights[0][0])] + [len(layer) for layer in self.weights]

    def parameters(self) -> list[float]:
        """Every parameter in micrograd's order: per neuron its weights, then its bias."""
        return [p for W, B in zip(self.weights, self.biases) for w, b in zip(W, B) for p in (*w, b)]

    def count(self) -> int:
        return sum(len(W) * (len(W[0]) + 1) for W in self.weights)

    def copy(self) -> Mlp:
        return Mlp(
            [[list(w) for w in W] for W in self.weights], [list(B) for B in self.biases], self.activation
        )

    def update(self, grads: Mlp, lr: float) -> None:
        """``p -= lr * p.grad`` for every parameter (``grads`` has the model's shape)."""
        self.weights = [
            [[p - lr * g for p, g in zip(w, gw)] for w, gw in zip(W, GW)]
            for W, GW in zip(self.weights, grads.weights)
        ]
        self.biases = [[p - lr * g for p, g in zip(B, GB)] for B, GB in zip(self.biases, grads.biases)]

    # ------------------------------------------------------------ forward
    def activations(self, xs: Sequence[Sequence[float]]) -> list[list]:
        """Every layer's outputs for every example: ``[xs, layer 1, ..., scores]``,
        each a list of rows (one per example)."""
        acts: list[list] = [list(xs)]
        rows: list = acts[0]
        last = len(self.weights) - 1
        for li, (W, B) in enumerate(zip(self.weights, self.biases)):
            pairs = list(zip(W, B))
            out = [[reduce(add, map(mul, w, a), b) for w, b in pairs] for a in rows]
            if li < last:
                if self.activation == "relu":
                    out = [[0.0 if v < 0.0 else v for v in row] for row in out]
                else:
                    out = [list(map(math.tanh, row)) for row in out]
            acts.append(out)
            rows = out
        return acts

    def scores(self, xs: Sequence[Sequence[float]]) -> list[float]:
        """The model's score for each example (its sign is the predicted class)."""
        return [row[0] for row in self.activations(xs)[-1]]


@dataclass
class StepResult:
    loss: float
    accuracy: float
    grads: Mlp  # the gradient of the loss, shaped as the model
    scores: list[float] = field(default_factory=list)


def _accuracy(ys: Sequence[int], scores: Sequence[float]) -> float:
    return sum((y > 0) == (s > 0) for y, s in zip(ys, scores)) / len(ys)


def batch_step(m: Mlp, xs: Sequence[Sequence[float]], ys: Sequence[int], l2: float) -> StepResult:
    """Loss, accuracy and gradient of the whole batch, without building a graph
    (the numbers of :func:`value_graph_step`, bit for bit)."""
    n = len(xs)
    acts = m.activations(xs)
    scores = [row[0] for row in acts[-1]]
    inv_n = 1.0 / n
    losses = [1.0 + float(-y) * s for y, s in zip(ys, scores)]
    losses = [0.0 if z < 0.0 else z for z in losses]
    params = m.parameters()
    data_loss = reduce(add, losses, 0.0) * inv_n
    total = data_loss + l2 * reduce(add, [p * p for p in params], 0.0)
    # backward: relu(z) passes inv_n or stops; s gets that times -y
    deltas: list[list] = [[] for _ in m.weights]
    deltas[-1] = [[(0.0 if z <= 0.0 else inv_n) * float(-y)] for z, y in zip(losses, ys)]
    for li in range(len(m.weights) - 1, 0, -1):
        W = m.weights[li]
        wt_rev = [list(col) for col in zip(*W[::-1])]  # wt_rev[u][k]: unit u's weight in neuron K-1-k
        hs = acts[li]
        below = []
        for drow, h in zip(deltas[li], hs):
            d_rev = drow[::-1]
            g = [reduce(add, map(mul, d_rev, col)) for col in wt_rev]
            if m.activation == "relu":
                below.append([0.0 if hv <= 0.0 else gv for gv, hv in zip(g, h)])
            else:
                below.append([gv * one_minus_square(hv) for gv, hv in zip(g, h)])
        deltas[li - 1] = below
    gw, gb = [], []
    for li, (W, B) in enumerate(zip(m.weights, m.biases)):
        a_cols = list(zip(*acts[li][::-1]))  # examples last to first
        d_cols = list(zip(*deltas[li][::-1]))
        gw.append(
            [
                [reduce(add, map(mul, dc, ac), l2 * p + l2 * p) for p, ac in zip(w, a_cols)]
                for w, dc in zip(W, d_cols)
            ]
        )
        gb.append([reduce(add, dc, l2 * b + l2 * b) for b, dc in zip(B, d_cols)])
    return StepResult(total, _accuracy(ys, scores), Mlp(gw, gb, m.activation), scores)


def value_graph_step(m: Mlp, xs: Sequence[Sequence[float]], ys: Sequence[int], l2: float) -> StepResult:
    """The same step as micrograd's demo writes it, on this project's ``Value``:
    the whole batch as one graph, then ``backward()``. The reference the fast
    :func:`batch_step` is checked against."""
    with gc_paused():
        params = [
            [([Value(w) for w in ws], Value(b)) for ws, b in zip(W, B)] for W, B in zip(m.weights, m.biases)
        ]
        last = len(params) - 1
        scores = []
        for x in xs:
            a = [Value(v) for v in x]
            for li, layer in enumerate(params):
                out = []
                for ws, b in layer:
                    act = b
                    for wi, xi in zip(ws, a):
                        act = act + wi * xi
                    out.append(act if li == last else act.relu() if m.activation == "relu" else act.tanh())
                a = out
            scores.append(a[0])
        losses = [(1 + -y * s).relu() for y, s in zip(ys, scores)]
        data_loss: Value = 0  # type: ignore[assignment]  # sum() starts from 0, as micrograd's
        for loss in losses:
            data_loss = data_loss + loss
        data_loss = data_loss * (1.0 / len(losses))
        flat = [p for layer in params for ws, b in layer for p in (*ws, b)]
        reg: Value = 0  # type: ignore[assignment]
        for p in flat:
            reg = reg + p * p
        total = data_loss + l2 * reg
        total.backward()
        grads = Mlp(
            [[[w.grad for w in ws] for ws, _ in layer] for layer in params],
            [[b.grad for _, b in layer] for layer in params],
            m.activation,
        )
        return StepResult(
            total.data, _accuracy(ys, [s.data for s in scores]), grads, [s.data for s in scores]
        )


def learning_rate(k: int, steps: int, lr_start: float, lr_end: float) -> float:
    """The demo's schedule: from ``lr_start`` at step 0 towards ``lr_end``."""
    return lr_start - (lr_start - lr_end) * k / steps


@dataclass
class FitResult:
    loss: list[float]
    accuracy: list[float]
    parameters: int
    seconds: float
    model: Mlp


def fit(
    data: Dataset,
    layers: Sequence[int],
    steps: int = 100,
    seed: int = 1337,
    l2: float = 1e-4,
    lr_start: float = 1.0,
    lr_end: float = 0.1,
    activation: str = "relu",
    step: Callable[[Mlp, Sequence[Sequence[float]], Sequence[int], float], StepResult] = batch_step,
) -> FitResult:
    """Train ``MLP(nin, layers + [1])`` on ``data`` for ``steps`` full-batch steps."""
    check_points(data.xs, data.ys)
    if steps < 0:
        raise DataError(f"the number of steps must be 0 or more, not {steps}")
    m = Mlp.init(data.nin, layers, seed, activation)
    losses: list[float] = []
    accs: list[float] = []
    t0 = time.perf_counter()
    for k in range(steps):
        r = step(m, data.xs, data.ys, l2)
        losses.append(r.loss)
        accs.append(r.accuracy)
        m.update(r.grads, learning_rate(k, steps, lr_start, lr_end))
    return FitResult(losses, accs, m.count(), time.perf_counter() - t0, m)
