"""The Tutorial's nodes, found by their labels (what the learner typed),
never by id: the leaves a, b, c, f, the lecture's e, d and L, a node used
twice, a neuron. Pure functions of the model, split from
core/learn/tutorial.py (the steps and their checks)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.graph.model import GraphModel

ACTIVATIONS = ("tanh", "relu", "sigmoid")


def named(m: GraphModel, label: str, op: str | None = None) -> list[str]:
    """Nodes labelled ``label`` (spaces around it ignored), of ``op`` if
    given: one pass over the node attributes, no copies (big graphs stay quick)."""
    return [
        n
        for n, a in m.graph.nodes(data=True)
        if (op is None or a["op"] == op) and str(a.get("label") or "").strip() == label
    ]


def leaves(m: GraphModel, label: str) -> list[str]:
    """Leaves labelled ``label``, whatever number they hold: a leaf is a
    number the learner chooses (trial 69 #2: a = 3 stalled the tour at e = a·b,
    nothing saying why); the texts quote the numbers chosen."""
    return named(m, label, "leaf")


def ops_of(m: GraphModel, op: str, label: str | None, inputs: tuple[list[str], list[str]]) -> list[str]:
    """``op`` nodes (labelled ``label`` unless None) whose two inputs are one
    of ``inputs[0]`` and one of ``inputs[1]``, in either order."""
    first, second = set(inputs[0]), set(inputs[1])
    if not first or not second:
        return []
    table = m.input_table()
    candidates = named(m, label, op) if label is not None else [n for n in m.nodes() if m.op(n) == op]
    found = []
    for n in candidates:
        x, y = table[n]
        if (x in first and y in second) or (x in second and y in first):
            found.append(n)
    return found


def node_e(m: GraphModel) -> list[str]:
    """e = a·b."""
    if not named(m, "e", "mul"):  # (the common case on any other graph: one pass)
        return []
    return ops_of(m, "mul", "e", (leaves(m, "a"), leaves(m, "b")))


def node_d(m: GraphModel) -> list[str]:
    """d = e + c."""
    if not named(m, "d", "add"):
        return []
    return ops_of(m, "add", "d", (node_e(m), leaves(m, "c")))


def node_L(m: GraphModel) -> list[str]:
    """L = d·f: the lecture's first graph, whole."""
    if not named(m, "L", "mul"):
        return []
    return ops_of(m, "mul", "L", (node_d(m), leaves(m, "f")))


def shared_nodes(m: GraphModel, among: set[str] | None = None) -> list[str]:
    """Nodes used twice or more (two wires out, to one node or two; a + a
    counts two), counting only consumers in ``among`` when given."""
    uses: Counter[str] = Counter()
    for target, sources in m.input_table().items():
        if among is None or target in among:
            uses.update(x for x in sources if x is not None)
    return [n for n, k in uses.items() if k >= 2 and (among is None or n in among)]


def neurons(m: GraphModel, first_only: bool = False) -> list[str]:
    """Activation nodes over a weighted sum: act(... x·w ... + b), with at
    least one product of two leaves in the sum and a leaf (the bias) added
    in it. Only the sum's own + and × nodes are walked, so a big graph costs
    little (``first_only``: stop at the first one found)."""
    attrs, table = m.graph.nodes, m.input_table()

    def is_leaf(n: str | None) -> bool:
        return n is not None and attrs[n]["op"] == "leaf"

    found = []
    for n, a in attrs(data=True):
        if a["op"] not in ACTIVATIONS:
            continue
        (s,) = table[n]
        if s is None or attrs[s]["op"] != "add":
            continue
        todo, seen, product, bias = [s], {s}, False, False
        while todo and not (product and bias):
            k = todo.pop()
            ins = table[k]
            if attrs[k]["op"] == "mul":
                product = product or all(is_leaf(i) for i in ins)
            elif attrs[k]["op"] == "add":
                bias = bias or any(is_leaf(i) for i in ins)
                fresh = [i for i in ins if i is not None and i not in seen]
                seen.update(fresh)
                todo.extend(fresh)
        if product and bias:
            found.append(n)
            if first_only:
                break
    return found
