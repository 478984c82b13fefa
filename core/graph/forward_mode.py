"""Forward-mode differentiation over the graph, by node id: the tangent
d(node)/d(leaf) carried from one leaf through everything that depends on it
(dual numbers), what ``python main.py forward`` prints and the canvas animates.

A node's tangent is the sum, over its inputs that depend on the leaf, of
local derivative x the input's tangent ("ṅ += ∂n/∂x · ẋ"). For a scalar op
that product is exactly what the gradient rule computes with the input's
tangent as the upstream, so forward mode uses the op table's gradient rules
(PyTorch's formulas) port by port: no second set of rules to get wrong.
Inputs that do not depend on the leaf pass nothing (their tangent is an
exact 0, and 0 x inf would be a nan that is not there), as in PyTorch's
forward AD, where their tangent is undefined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from core.autograd.ops import OPS
from core.graph.errors import GraphError, UnknownNodeError
from core.graph.model import GraphModel
from core.graph.roots import model_labels, not_found
from core.graph.topology import reachable


class NotALeafError(GraphError):
    """Forward mode seeds a leaf; another node was asked for."""


@dataclass(frozen=True)
class ForwardStep:
    """One node's tangent made from its inputs' tangents.

    ``contributions[p]`` is local x tangent of input ``p``, or None where that
    input does not depend on the leaf (nothing flows on that wire)."""

    node: str
    inputs: tuple  # input node ids, in port order (may repeat)
    locals: tuple  # local derivative per port
    tangents_in: tuple  # each input's tangent (0.0 where it does not depend on the leaf)
    contributions: tuple  # float or None per port
    tangent: float  # the node's tangent: the sum of the contributions

    @property
    def live_ports(self) -> list[int]:
        """The ports whose wire carries a tangent."""
        return [p for p, c in enumerate(self.contributions) if c is not None]


@dataclass
class ForwardResult:
    wrt: str  # the seeded leaf
    order: list  # wrt, then every node that depends on it, each after its inputs
    values: dict  # id -> float (None where incomplete)
    tangents: dict  # id -> float, 0.0 for nodes that do not depend on wrt
    steps: list = field(default_factory=list)  # ForwardStep per node of order[1:]

    @property
    def edge_visits(self) -> int:
        """Wires the pass carried a tangent along."""
        return sum(len(s.live_ports) for s in self.steps)


def forward_mode(model: GraphModel, wrt: str, within: set[str] | None = None) -> ForwardResult:
    """Tangents d(node)/d(wrt) of every node; ``wrt`` must be a leaf, and
    every node that depends on it must be complete. ``within`` (e.g. one
    root's past) limits the pass to those nodes: forward mode toward one
    output."""
    if wrt not in model:
        leaves = {n for n in model.nodes() if model.op(n) == "leaf"}
        said = not_found(wrt, model_labels(model), leaves, by_id=True)  # (the spec's forward: ids only)
        raise UnknownNodeError(f"unknown node {wrt!r} for --wrt: {said}")
    if model.op(wrt) != "leaf":
        raise NotALeafError(
            f"{wrt!r} is {'an' if model.op(wrt)[:1] in 'aeiou' else 'a'} {model.op(wrt)} node, not a leaf: "
            "forward mode differentiates with respect to a leaf"
        )
    down = model.downstream([wrt])
    if within is not None:
        down &= within | {wrt}
    model.check_complete(reachable(model.input_table(), down))
    order = model.topological_order(down)
    values = model.values()
    inputs = model.input_table()
    tangents = dict.fromkeys(model.nodes(), 0.0)
    tangents[wrt] = 1.0
    steps = []
    for n in order[1:]:  # order[0] is wrt: nothing comes before it
        a = model.node(n)
        op = OPS[a["op"]]
        k = a.get("exponent")
        # complete, so every input is connected and has a value
        srcs = cast("tuple[str, ...]", tuple(inputs[n]))
        xs = tuple(values[s] for s in srcs)
        y = cast(float, values[n])
        t_in = tuple(tangents[s] if s in down else 0.0 for s in srcs)
        contribs: list[float | None] = []
        total: float | None = None
        for p, s in enumerate(srcs):
            if s not in down:
                contribs.append(None)
                continue
            c = op.grad(xs, y, k, t_in[p])[p]  # type: ignore[misc]  # not a leaf
            contribs.append(c)
            total = c if total is None else total + c
        assert total is not None  # n depends on wrt through one of its inputs
        tangents[n] = total
        locs = op.local(xs, y, k)  # type: ignore[misc]  # not a leaf
        steps.append(ForwardStep(n, srcs, tuple(locs), t_in, tuple(contribs), total))
    return ForwardResult(wrt, order, values, tangents, steps)
