"""A backward pass over the graph as it is now, by node id: what the headless
command prints and what the canvas animates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.autograd.engine import Value, gc_paused
from core.graph.build import build_values

if TYPE_CHECKING:
    from core.graph.model import GraphModel


@dataclass
class GraphStep:
    """One chain-rule step of a backward pass, by node id."""

    node: str
    upstream: float  # the node's finished gradient
    inputs: tuple  # input node ids, in port order (may repeat)
    _value: Any = field(repr=False, compare=False)  # the engine node, for locals
    contributions: tuple  # local x upstream, added (+=) to each input's grad

    @property
    def locals(self) -> tuple:
        """Local derivative per port; computed when read (the headless
        command and big graphs never need them)."""
        return self._value.local_derivatives()


@dataclass
class BackwardResult:
    root: str
    order: list  # node ids, each after all of its consumers
    values: dict  # id -> float (None where incomplete)
    grads: dict  # id -> float, 0.0 for nodes the root does not depend on
    steps: list = field(default_factory=list)  # GraphStep, in order


def backward(model: GraphModel, root: str | None = None) -> BackwardResult:
    """A fresh backward pass from the root (``root``, else the output, else
    the single sink); RootError or IncompleteGraphError if there is none."""
    root = model.resolve_root(root)
    past = model.past(root)
    model.check_complete(past)
    with gc_paused():
        return _run(model, root, build_values(model, past))


def _run(model: GraphModel, root: str, vals: dict[str, Value]) -> BackwardResult:
    steps = vals[root].backward()
    name = {v: n for n, v in vals.items()}  # Values hash by identity
    inputs = model.input_table()
    nodes = steps.nodes
    order = [name[v] for v in nodes]
    gsteps = [
        GraphStep(n, up, tuple(inputs[n]), v, c)
        for n, v, up, c in zip(order, nodes, steps.upstreams, steps.contributions)
    ]
    grads = dict.fromkeys(model.nodes(), 0.0)
    for n, v in vals.items():
        grads[n] = v.grad
    return BackwardResult(root, order, model.values(), grads, gsteps)
