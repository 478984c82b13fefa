"""The one place where a graph becomes engine ``Value`` objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from core.autograd.engine import Value, gc_paused
from core.graph.errors import IncompleteGraphError

if TYPE_CHECKING:
    from core.graph.model import GraphModel


def build_values(model: GraphModel, nodes: Iterable[str] | None = None) -> dict[str, Value]:
    """A ``Value`` per node of ``nodes`` (default: all), wired as in the graph.

    ``nodes`` must be closed under inputs (e.g. a node and its ancestors) and
    complete (no empty ports). The Values are made in the model's topological
    order, so backward (latest-made first) runs in reverse of that order.
    """
    return values_in_order(model.topological_order(nodes), model.graph.nodes, model.input_table())


def values_in_order(
    order: Sequence[str],
    attrs: Mapping[str, Mapping[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    labels: bool = True,
) -> dict[str, Value]:
    """A ``Value`` per node of ``order`` (inputs first), made in that order,
    from each node's attributes (``op``, ``label``, ``value``, ``exponent``)
    and its source per port: a model's tables or a checked file's.
    ``labels=False`` labels each Value with its node's id instead, for a
    caller that maps Values back to ids."""
    vals: dict[str, Value] = {}
    apply = Value.apply
    with gc_paused():  # no cycles made; see engine.gc_paused
        for n in order:
            a = attrs[n]
            op = a["op"]
            label = (a.get("label") or n) if labels else n
            if op == "leaf":
                vals[n] = Value(a["value"], label=label)
            else:
                srcs = inputs[n]
                if None in srcs:
                    raise IncompleteGraphError(f"node {n!r} has an empty input port")
                k: Any = a.get("exponent")
                vals[n] = apply(
                    op,
                    tuple([vals[s] for s in srcs]),  # type: ignore[index]  # no None
                    float(k) if op == "pow" else k,  # a file's 2 is the model's 2.0
                    label,
                )
    return vals
