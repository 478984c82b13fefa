"""A backward pass straight from a checked file's tables, with no model:
what ``main.py backward`` runs. No networkx graph, no forward pass of its
own (each node's value is its ``Value``'s), no per-step records; the same
numbers and order as :func:`core.graph.backward.backward` on the model,
since the Values are made by the same code in the same order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from core.autograd.engine import Value
from core.graph.build import values_in_order
from core.graph.errors import IncompleteGraphError
from core.graph.forward import check_complete
from core.graph.roots import resolve_root


@dataclass
class TablePass:
    root: str
    order: list[str]  # node ids, each after all of its consumers
    values: dict[str, Value]  # every node's Value: .data its value, .grad its gradient


def backward_tables(
    nodes: Mapping[str, Mapping[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    order: Sequence[str],
    output: str | None,
    root: str | None = None,
) -> TablePass:
    """A fresh backward pass over a whole graph given as tables: ``nodes``
    id -> attributes (``op``, ``label``, ``value``, ``exponent``), in the
    file's order; ``inputs`` id -> source per port; ``order`` every id,
    inputs first. As the headless command requires: IncompleteGraphError for
    an empty port anywhere (the first in ``order``), then RootError when
    there is no root (as :meth:`GraphModel.resolve_root`). Nodes outside the
    root's past keep gradient 0.0. Each Value is labelled with its node's id
    (the labels are the caller's to show)."""
    try:
        vals = values_in_order(order, nodes, inputs, labels=False)
    except IncompleteGraphError:  # say which port, as the model does
        check_complete(order, nodes, inputs)
        raise
    root = resolve_root(root, output, nodes, lambda: _sinks(nodes, inputs))
    ran = vals[root].backward().nodes
    return TablePass(root, list(map(_label, ran)), vals)


_label = attrgetter("label")


def _sinks(nodes: Mapping[str, Any], inputs: Mapping[str, Sequence[str | None]]) -> list[str]:
    """The nodes nothing consumes, in the nodes' order."""
    unused = set(nodes).difference(*inputs.values())
    return [n for n in nodes if n in unused] if len(unused) > 1 else list(unused)
