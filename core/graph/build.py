"""The one place where a graph document becomes engine ``Value`` objects."""

from __future__ import annotations

from collections.abc import Iterable

from core.autograd.engine import Value, gc_paused
from core.graph.errors import IncompleteGraphError
from core.graph.model import GraphModel


def build_values(model: GraphModel, nodes: Iterable[str] | None = None) -> dict[str, Value]:
    """A ``Value`` per node of ``nodes`` (default: all), wired as in the graph.

    ``nodes`` must be closed under inputs (e.g. a node and its ancestors) and
    complete (no empty ports). The Values are made in the model's topological
    order, so backward (latest-made first) runs in reverse of that order.
    """
    vals: dict[str, Value] = {}
    attrs = model.graph.nodes
    order = model.topological_order(nodes)
    apply = Value.apply
    inputs = model.input_table()
    with gc_paused():  # no cycles made; see engine.gc_paused
        for n in order:
            a = attrs[n]
            label = a.get("label") or n
            if a["op"] == "leaf":
                vals[n] = Value(a["value"], label=label)
            else:
                srcs = inputs[n]
                if None in srcs:
                    raise IncompleteGraphError(f"node {n!r} has an empty input port")
                vals[n] = apply(
                    a["op"],
                    tuple([vals[s] for s in srcs]),  # type: ignore[index]  # no None
                    a.get("exponent"),
                    label,
                )
    return vals
