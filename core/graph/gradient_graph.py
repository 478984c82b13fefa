"""Gradients as graphs: the backward pass written down as ordinary nodes.

Each gradient is built with the op table's symbolic rules
(``engine.grad_graph``), so ``a.grad`` becomes a node computed from the
inputs by add, mul, pow, … like any other: Backward run from it gives a row
of the Hessian. The result is a new model holding the root's past (same
ids, where they were) and the gradient nodes, a group of their own in
columns to its right (core/graph/gradient_place.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from core.autograd.engine import Value, by_creation, gc_paused, grad_graph_sums
from core.graph.build import build_values
from core.graph.gradient_place import gradient_positions
from core.graph.label_forms import is_call, place
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
        acc, sums = grad_graph_sums(vals[root])
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
    nodes: list[tuple[str, dict]] = [(n, dict(model.node(n))) for n in order]
    taken = set(model.nodes())
    label_of = {vals[n]: model.label(n) for n in order}
    users: dict[Value, list[Value]] = {}
    for v in new:
        for x in v.inputs:
            users.setdefault(x, []).append(v)
    consts: dict[tuple, Value] = {}  # a constant's number, and what it is for -> the one made its node
    of_node = {vals[n]: n for n in order}
    uses = {x: sums[acc[x]][1] for x, _k in sums.values() if acc.get(x) in sums}  # contributions, all told
    partial: set[str] = set()  # the sums named as a part of a gradient, not by their formula
    i = 0
    for v in new:
        of = names.get(v)
        if v.op == "leaf" and not of:
            # one rule's 1s (tanh's 1 − o and 1 + o, both for their product) are one card "1" (two
            # read as two numbers); another rule's are its own (one "1" for 24 layers ran across them all)
            made_for = frozenset(id(g) for u in users.get(v, ()) for g in users.get(u, ()))
            key = (v.data, math.copysign(1.0, v.data), v.label, made_for)
            first = consts.setdefault(key, v)
            if first is not v:
                ids[v], label_of[v] = ids[first], label_of[first]
                continue
        i += 1
        nid = f"grad{i}"
        while nid in taken:
            nid += "_"
        taken.add(nid)
        ids[v] = nid
        a: dict[str, Any] = {"op": v.op}
        if v.op == "leaf":
            a.update(value=v.data, trainable=False)
        if v.op == "pow":
            a["exponent"] = v.exponent
        if of:
            a["label"] = _grad_label([model.label(n) for n in of], model, of)
        elif v.label:
            a["label"] = v.label  # a constant: its number
        else:
            a["label"] = _formula(v, [label_of[x] for x in v.inputs])
            if a["label"] == v.op and v in sums:  # (too long a formula: what it sums, not "add")
                x, k = sums[v]
                a["label"] = _part_label(model.label(of_node[x]), k, uses.get(x, k))
                partial.add(nid)
        label_of[v] = a["label"]
        nodes.append((nid, a))
    edges = [(s, n, p) for n in order for p, s in enumerate(model.inputs(n))]
    edges += [(ids[x], ids[v], p) for v in new for p, x in enumerate(v.inputs)]
    grads = {n: ids[acc[vals[n]]] for n in order}
    out = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    made = list(dict.fromkeys(ids[v] for v in new))
    gradient_of = {ids[v]: ns[0] for v, ns in names.items() if v in ids and ids[v] in made}
    pos, turned = gradient_positions(model, order, out, made, seed=grads[root], of=gradient_of)
    for n, (px, py) in pos.items():
        out.set_position(n, px, py)
    for v in new:  # (a product or sum best read the other way round: its copy away from its wire)
        if (n := ids[v]) in turned:
            first, second = out.inputs(n)
            out.disconnect(n, 0)
            out.disconnect(n, 1)
            out.connect(second, n, 0)
            out.connect(first, n, 1)
            if v not in names and not v.label and n not in partial:
                out.set_label(n, _formula(v, [label_of[x] for x in reversed(v.inputs)]))
    if made:  # a frame of their own: the original leaves they read are drawn beside them as copies
        out.groups.add(made, f"gradients of {model.label(root)}")
    leaves = [n for n in order if model.op(n) == "leaf" and out.op(grads[n]) != "leaf"]
    if leaves:
        out.set_output(grads[leaves[0]])  # Backward from it: a row of the Hessian
    return GradientGraph(out, root, grads)


def _grad_label(labels: list[str], model: GraphModel, ids: list[str]) -> str:
    """``a.grad``; a node that is the gradient of several (an add passes its
    gradient on unchanged; ``ids`` from the root back) is named after the
    one nearest the root, where it is made: ``d.grad`` (named after a leaf
    among them, the blog's a.grad read ``c.grad · b``; after both, the card
    wrote "d.gr…grad"). The others it is the gradient of are in ``also_of``."""
    return _minus(f"{_operand(labels[0])}.grad")


def _part_label(label: str, k: int, of: int) -> str:
    """A sum backward's ``+=`` made on the way to a gradient, named for
    what it adds up: ``x.grad, 2 of 3`` (x's first two contributions of its
    three; a trial, 70 #3: the card said "add", a teacher could not say
    what it stood for)."""
    return _minus(f"{_operand(label)}.grad, {k} of {of}")


def _minus(text: str) -> str:
    """A label this graph makes, its minus signs written as its formulas
    write them, ``−``: "−(−y).grad", where "−((-y).grad)" mixed two (verify 50)."""
    return text.replace("-", "−")


def also_of(g: GradientGraph, node: str) -> list[str]:
    """The other nodes of the original graph whose gradient the gradient
    node ``node`` is too (an add passes its gradient on unchanged)."""
    of = [n for n, gid in g.grads.items() if gid == node]  # (inputs first: the named one last)
    return of[:-1]


def _operand(label: str, number_ok: bool = False) -> str:
    """A label as it reads inside a formula: ``a``, ``x1.grad``, ``(e - 1)``
    (a number as it is when ``number_ok``: ``1 − o``, but ``(1).grad``)."""
    try:
        float(label)
        return label if number_ok else f"({label})"
    except ValueError:
        pass
    if label.replace(".", "").replace("_", "").isalnum():
        return label
    return label if is_call(label) else f"({label})"  # ("exp(-y).grad": trial 50 read "(exp(-y)).grad")


_FORMULA = {
    "add": "{0} + {1}", "sub": "{0} − {1}", "mul": "{0}·{1}", "div": "{0} / {1}", "neg": "−{0}",
    "pow": "{0}**{k}", "exp": "exp({a})", "log": "ln({a})", "tanh": "tanh({a})", "relu": "relu({a})",
    "sigmoid": "σ({a})",
}  # fmt: skip
#: A longer formula would not fit on a card: the op's name says enough.
_MAX_FORMULA = 18


def _formula(v: Value, labels: list[str]) -> str:
    """What an intermediate gradient node computes, from its inputs' labels
    (``1 − o``, ``e.grad·b``), or just its op when that would be too long."""
    k = v.exponent
    template = place(_FORMULA[v.op], labels)  # (bracketed only where needed: "−(−y).grad")
    text = _minus(template.format(a=labels[0] if labels else "", k=f"{k:g}" if k is not None else ""))
    return text if len(text) <= _MAX_FORMULA else v.op
