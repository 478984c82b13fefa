"""The one place where a graph document becomes engine ``Value`` objects."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .engine import Value

if TYPE_CHECKING:
    from .model import GraphModel


def build_values(model: "GraphModel", nodes: Iterable[str] | None = None) -> dict[str, Value]:
    """A ``Value`` per node of ``nodes`` (default: all), wired as in the graph.

    ``nodes`` must be closed under inputs (e.g. a node and its ancestors) and
    complete (no empty ports).
    """
    vals: dict[str, Value] = {}
    g = model.graph.nodes
    for n in model.topological_order(nodes):
        a = g[n]
        label = a.get("label") or n
        if a["op"] == "leaf":
            vals[n] = Value(a["value"], label=label)
        else:
            vals[n] = Value.apply(a["op"], tuple(vals[s] for s in model.inputs(n)),
                                  a.get("exponent"), label)
    return vals
