"""Second order by id: the root's gradient and Hessian with respect to every
leaf, computed as PyTorch's double backward does (reverse over reverse).

The backward pass is first written down as a graph (``engine.grad_graph``:
each gradient a ``Value`` made with the op table's symbolic rules); row i
of the Hessian is then an ordinary backward pass from leaf i's gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.autograd.engine import Value, gc_paused, grad_graph
from core.graph.build import build_values
from core.graph.model import GraphModel


@dataclass
class HessianResult:
    root: str
    leaves: list  # every leaf id, in the model's node order
    gradient: list  # d root / d leaf, per leaf
    hessian: list  # hessian[i][j] = d² root / d leaves[i] d leaves[j]


def leaf_ids(model: GraphModel) -> list[str]:
    """Every leaf, in the model's node order (the file's ``nodes`` order)."""
    return [n for n in model.nodes() if model.op(n) == "leaf"]


def hessian(model: GraphModel, root: str | None = None, leaves: list[str] | None = None) -> HessianResult:
    """Gradient and Hessian of the root (resolved as for backward) with
    respect to ``leaves`` (default: every leaf; the Hessian panel asks for
    those the root depends on, its table: a file's thousands of other leaves
    made a table of zeros thousands squared)."""
    root = model.resolve_root(root)
    past = model.past(root)
    model.check_complete(past)
    leaves = leaf_ids(model) if leaves is None else list(leaves)
    with gc_paused():
        vals = build_values(model, past)
        mine: list[Value | None] = [vals.get(n) for n in leaves]
        vals[root].backward()  # the gradient exactly as Backward gives it
        gradient = [v.grad if v is not None else 0.0 for v in mine]
        grads = grad_graph(vals[root])
        rows = [_row(grads[v] if v is not None else None, mine) for v in mine]
    return HessianResult(root, leaves, gradient, rows)


def _row(g: Value | None, leaves: list[Value | None]) -> list[float]:
    """d g / d leaf for each leaf: one backward pass from the gradient ``g``."""
    if g is None or not g.inputs:  # a constant gradient (or none): nothing depends
        return [0.0] * len(leaves)
    for v in leaves:
        if v is not None:
            v.grad = 0.0  # those outside g's past keep 0; backward resets the rest
    g.backward()
    return [v.grad if v is not None else 0.0 for v in leaves]
