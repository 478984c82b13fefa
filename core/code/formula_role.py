"""What a formula typed in the f(x) bar is to the graph: its output, a side
result beside it, or a number. One rule for whatever adds a formula (the
bar now; a headless import could ask it too), kept apart from the plan of
the add (core/code/codeadd.py), which only carries it out."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.code.codegraph import CodeGraph
    from core.graph.model import GraphModel


def formula_role(model: GraphModel, graph: CodeGraph, reuse: dict[int, str], own_values: bool) -> str:
    """What a formula typed in the f(x) bar is to the graph: "output", "side" or "value".

    Backward starts from what was just built (a trial ran it from the old
    output, the new graph dimmed) where the formula reads the output, the
    graph has none yet, it brings leaves of its own (``own_values``: a new
    graph beside, trial 47's L) or it goes on from a node the graph computes
    (tanh's exp form over the neuron's n). Over the canvas's leaves alone
    (``w = x + 1`` beside z) it is a side result, z staying the output (t70
    #8); a number alone (``w = 0.5``) leaves the output as it is."""
    if graph.output is None or graph.nodes[graph.output].op == "leaf":
        return "value"
    used = set(reuse.values())
    on_computed = any(n in model and model.op(n) != "leaf" for n in used)
    if model.output is None or model.output in used or own_values or on_computed:
        return "output"
    return "side"
