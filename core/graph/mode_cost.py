"""Forward mode against reverse mode on one graph: what each costs to get
every d root / d leaf, and that both give the same numbers.

Reverse mode needs one pass from the root, visiting each wire of the root's
past once. Forward mode gives d(everything)/d(one leaf) per pass, so it needs
one pass per leaf, each visiting the wires downstream of its leaf (counted
here only on the way to the root). For many inputs and one output, as in
training, reverse mode wins; that is why backprop is reverse mode.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from core.graph.backward import backward
from core.graph.forward_mode import forward_mode
from core.graph.model import GraphModel

#: Forward and reverse mode sum the same products in other orders.
REL_TOL = 1e-12


@dataclass
class LeafCost:
    leaf: str
    tangent: float  # forward mode: d root / d leaf
    grad: float  # reverse mode: leaf.grad
    edge_visits: int  # wires its forward pass carried a tangent along

    @property
    def agree(self) -> bool:
        a, b = self.tangent, self.grad
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-300)


@dataclass
class ModeComparison:
    root: str
    reverse_edge_visits: int
    leaves: list[LeafCost] = field(default_factory=list)
    reverse_passes: int = 1

    @property
    def forward_passes(self) -> int:
        return len(self.leaves)

    @property
    def forward_edge_visits(self) -> int:
        return sum(c.edge_visits for c in self.leaves)

    @property
    def all_agree(self) -> bool:
        return all(c.agree for c in self.leaves)


def compare_modes(model: GraphModel, root: str | None = None) -> ModeComparison:
    """Both modes on the root (resolved as for backward) and its leaves."""
    back = backward(model, root)
    past = set(back.order)
    out = ModeComparison(back.root, sum(len(s.inputs) for s in back.steps))
    for n in model.topological_order(past):
        if model.op(n) == "leaf":
            fwd = forward_mode(model, n, within=past)
            out.leaves.append(LeafCost(n, fwd.tangents[back.root], back.grads[n], fwd.edge_visits))
    return out
