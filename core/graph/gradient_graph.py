"""Gradients as graphs: the backward pass written down as ordinary nodes.

Each gradient is built with the op table's symbolic rules
(``engine.grad_graph``), so ``a.grad`` becomes a node computed from the
inputs by add, mul, pow, … like any other: Backward run from it gives a row
of the Hessian. The result is a new model holding the root's past (same
ids) and the gradient nodes, laid out in columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.autograd.engine import Value, by_creation, gc_paused, grad_graph
from core.graph.build import build_values
from core.graph.layout import layered_positions
from core.graph.model import GraphModel


@dataclass
class GradientGraph:
    model: GraphModel  # the root's past plus the gradient nodes
    root: str  # the differentiated node (an id of both models)
    grads: dict  # original node id -> id of the node holding its gradient


def gradient_graph(model: GraphModel, root: str | None = None) -> GradientGraph:
    """The root's past and d root / d node of each of its nodes as nodes."""
    root = model.resolve_root(root)
    past = model.past(root)
    model.check_complete(past)
    order = model.topological_order(past)
    with gc_paused():
        vals = build_values(model, past)
        acc = grad_graph(vals[root])
    ids: dict[Value, str] = {vals[n]: n for n in order}
    # every Value the gradients are made of that is not already a node
    new: list[Value] = []
    stack = [acc[vals[n]] for n in order]
    while stack:
        v = stack.pop()
        if v in ids:
            continue
        ids[v] = ""
        new.append(v)
        stack.extend(v.inputs)
    new = by_creation(new)  # inputs first
    names: dict[Value, list[str]] = {}
    for n in reversed(order):  # from the root back: the order backward sets them
        names.setdefault(acc[vals[n]], []).append(n)
    nodes: list[tuple[str, dict]] = []
    for n in order:
        a = {k: v for k, v in model.node(n).items() if k not in ("x", "y")}
        nodes.append((n, a))
    taken = set(model.nodes())
    for i, v in enumerate(new, 1):
        nid = f"grad{i}"
        while nid in taken:
            nid += "_"
        taken.add(nid)
        ids[v] = nid
        a = {"op": v.op}
        if v.op == "leaf":
            a.update(value=v.data, trainable=False)
        if v.op == "pow":
            a["exponent"] = v.exponent
        of = names.get(v)
        a["label"] = _grad_label([model.label(n) for n in of], model, of) if of else (v.label or nid)
        nodes.append((nid, a))
    edges = [(s, n, p) for n in order for p, s in enumerate(model.inputs(n))]
    edges += [(ids[x], ids[v], p) for v in new for p, x in enumerate(v.inputs)]
    grads = {n: ids[acc[vals[n]]] for n in order}
    out = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    for n, (x, y) in layered_positions(out).items():
        out.set_position(n, x, y)
    leaves = [n for n in order if model.op(n) == "leaf" and out.op(grads[n]) != "leaf"]
    if leaves:
        out.set_output(grads[leaves[0]])  # Backward from it: a row of the Hessian
    return GradientGraph(out, root, grads)


def _grad_label(labels: list[str], model: GraphModel, ids: list[str]) -> str:
    """``a.grad``; a node that is the gradient of several (an add passes its
    gradient on unchanged) names the leaves first, then two at most."""
    leaf_first = sorted(range(len(ids)), key=lambda i: model.op(ids[i]) != "leaf")
    shown = [f"{labels[i]}.grad" for i in leaf_first]
    return " = ".join(shown[:2]) + (" = …" if len(shown) > 2 else "")
