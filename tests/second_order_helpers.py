"""Random graphs over every op (pow with every kind of exponent), as models
and as PyTorch float64 tensors, for the forward-mode and Hessian tests."""

from __future__ import annotations

import math

import random_graphs
from random_graphs import OPS_ALL, Recipe

from core.graph.model import GraphModel

#: integer, zero, one, negative, fractional: each a different branch of pow
EXPONENTS = [0.0, 1.0, 2.0, 3.0, 4.0, -1.0, -2.0, 0.5, -0.5, 1 / 3, 1.5, -2.5, 2.5]


#: 5-25 nodes kept well away from kinks and poles (relu near 0, log/div/
#: fractional pow near 0) so finite differences are meaningful
RECIPE = Recipe(
    sizes=(5, 25),
    leaves=(2, 4),
    leaf_value=lambda rng: rng.choice([rng.uniform(-2, 2), rng.uniform(0.3, 2.5)]),
    recency=0.5,
    tries=2000,
    margin=0.3,
    exp_max=3,
    relu_min=0.05,
    magnitude=1e3,
)


def random_graph(seed: int) -> tuple[list, str]:
    """(nodes, root) of random_graphs.random_graph with every op and exponent."""
    return random_graphs.random_graph(seed, RECIPE, OPS_ALL, EXPONENTS)


def to_model(nodes: list, root: str | None = None) -> GraphModel:
    m = GraphModel()
    for n, op, ins, x in nodes:
        if op == "leaf":
            m.add_node("leaf", n, value=x)
        elif op == "pow":
            m.add_node("pow", n, exponent=x)
        else:
            m.add_node(op, n)
        for p, s in enumerate(ins):
            m.connect(s, n, p)
    if root is not None:
        m.set_output(root)
    return m


def torch_graph(torch, nodes: list, leaves: dict | None = None) -> dict:
    """Every node as a float64 tensor; the leaves are ``leaves[id]`` if
    given (e.g. dual tensors), else new tensors that require grad."""
    t = {}
    for n, op, ins, x in nodes:
        if op == "leaf":
            if leaves is not None:
                t[n] = leaves[n]
            else:
                t[n] = torch.tensor(x, dtype=torch.float64, requires_grad=True)
            continue
        t[n] = _apply(torch, op, [t[i] for i in ins], x)
    return t


def close(a: float, b: float, rel: float, abs_: float = 0.0) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def _apply(torch, op: str, a: list, k):
    if op in ("add", "sub", "mul", "div"):
        return {"add": a[0] + a[1], "sub": a[0] - a[1], "mul": a[0] * a[1], "div": a[0] / a[1]}[op]
    if op == "neg":
        return -a[0]
    if op == "pow":
        return a[0] ** k
    return getattr(torch, op)(a[0])  # exp log tanh relu sigmoid
