"""One generator of small random graphs over every op, for the tests that
check gradients against PyTorch, finite differences and forward mode: each
caller picks how far from kinks and poles it keeps (a Recipe), not its own copy
of the walk."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.autograd.ops import OPS, evaluate

OPS_ALL = ["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"]


@dataclass(frozen=True)
class Recipe:
    """Sizes and safety margins of a random graph."""

    sizes: tuple[int, int]  #: total nodes, before the sinks are summed
    leaves: tuple[int, int]
    leaf_value: Callable[[random.Random], float]
    recency: float  #: expovariate rate: higher picks more recent inputs
    tries: int
    margin: float  #: no log/div/negative or fractional pow within this of 0
    exp_max: float  #: no exp of |a| above this
    relu_min: float  #: no relu of |a| below this (its kink)
    magnitude: float  #: no value above this


def random_graph(
    seed: int, recipe: Recipe, ops: Sequence[str], exponents: Sequence[float]
) -> tuple[list, str]:
    """(nodes, root): nodes as (id, op, input ids, value or exponent), inputs
    drawn mostly from recent nodes and sometimes the same twice (a*a), so
    nodes have several consumers; the sinks are summed into one root."""
    r = recipe
    rng = random.Random(seed)
    target = rng.randint(*r.sizes)
    nodes, value = [], {}
    for i in range(rng.randint(*r.leaves)):
        v = r.leaf_value(rng)
        nodes.append((f"x{i}", "leaf", (), v))
        value[f"x{i}"] = v
    names = [n for n, *_ in nodes]

    def pick() -> str:
        return names[max(0, len(names) - 1 - int(rng.expovariate(r.recency)))]

    tries = 0
    while len(nodes) < target - 1 and tries < r.tries:
        tries += 1
        op = rng.choice(ops)
        ins = (pick(), pick()) if OPS[op].arity == 2 else (pick(),)
        if OPS[op].arity == 2 and rng.random() < 0.15:
            ins = (ins[0], ins[0])
        xs = tuple(value[i] for i in ins)
        k = rng.choice(exponents) if op == "pow" else None
        if op == "div" and abs(xs[1]) < r.margin or op == "log" and xs[0] < r.margin:
            continue
        if op == "exp" and abs(xs[0]) > r.exp_max or op == "relu" and abs(xs[0]) < r.relu_min:
            continue
        if k is not None and (not k.is_integer() or k < 0):
            if (xs[0] if not k.is_integer() else abs(xs[0])) < r.margin:
                continue
        v = evaluate(op, xs, k)
        if not math.isfinite(v) or abs(v) > r.magnitude:
            continue
        name = f"n{len(nodes)}"
        nodes.append((name, op, ins, k))
        value[name] = v
        names.append(name)
    used = {i for _, _, ins, _ in nodes for i in ins}
    sinks = [n for n in names if n not in used]
    root = sinks[0]
    for j, s in enumerate(sinks[1:]):
        nodes.append((f"sum{j}", "add", (root, s), None))
        root = f"sum{j}"
    return nodes, root
