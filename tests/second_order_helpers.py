"""Random graphs over every op (pow with every kind of exponent), as models
and as PyTorch float64 tensors, for the forward-mode and Hessian tests."""

from __future__ import annotations

import math
import random

from core.autograd.ops import OPS, evaluate
from core.graph.model import GraphModel

OPS_ALL = ["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"]
#: integer, zero, one, negative, fractional: each a different branch of pow
EXPONENTS = [0.0, 1.0, 2.0, 3.0, 4.0, -1.0, -2.0, 0.5, -0.5, 1 / 3, 1.5, -2.5, 2.5]


def random_graph(seed: int) -> tuple[list, str]:
    """(nodes, root): nodes as (id, op, input ids, value or exponent), 5-25
    nodes with inputs drawn mostly from recent nodes (shared sub-expressions,
    a*a); kept away from kinks and poles (relu near 0, log/div/fractional pow
    near 0) so finite differences are meaningful; sinks summed into one root."""
    rng = random.Random(seed)
    target = rng.randint(5, 25)
    nodes, value = [], {}
    for i in range(rng.randint(2, 4)):
        v = rng.choice([rng.uniform(-2, 2), rng.uniform(0.3, 2.5)])
        nodes.append((f"x{i}", "leaf", (), v))
        value[f"x{i}"] = v
    names = [n for n, *_ in nodes]

    def pick() -> str:
        return names[max(0, len(names) - 1 - int(rng.expovariate(0.5)))]

    tries = 0
    while len(nodes) < target - 1 and tries < 2000:
        tries += 1
        op = rng.choice(OPS_ALL)
        ins = (pick(), pick()) if OPS[op].arity == 2 else (pick(),)
        if OPS[op].arity == 2 and rng.random() < 0.15:
            ins = (ins[0], ins[0])
        xs = tuple(value[i] for i in ins)
        k = rng.choice(EXPONENTS) if op == "pow" else None
        if op == "div" and abs(xs[1]) < 0.3 or op == "log" and xs[0] < 0.3:
            continue
        if op == "exp" and abs(xs[0]) > 3 or op == "relu" and abs(xs[0]) < 0.05:
            continue
        if op == "pow" and k is not None and (not k.is_integer() or k < 0) and abs(xs[0]) < 0.3:
            continue
        if op == "pow" and k is not None and not k.is_integer() and xs[0] < 0.3:
            continue
        v = evaluate(op, xs, k)
        if not math.isfinite(v) or abs(v) > 1e3:
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
