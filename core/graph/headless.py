"""The forward and backward pass of ``main.py backward``, straight from a
checked file's tables, with no model and no ``Value`` objects: nodes are
numbers, and values, gradients and inputs are flat lists indexed by them.

The numbers and the order are :meth:`Value.backward`'s bit for bit, since
the same rules of the op table (``ops.FORWARD_RULES``, ``ops.GRAD_RULES``)
run on the same floats in the same order: a node's value is made in the
file's order (``topology.file_order``: the file's own when it lists inputs
first, else Kahn's; the order the Values would have been made in), the root's past is
walked depth first as ``engine._past`` walks it (which gives the leaves'
order), its operators run latest-made first, every gradient in the past
starts at -0.0 and the root's at 1.0 (see :meth:`Value.backward`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import eq
from typing import Any

from core.autograd.ops import FORWARD_RULES, GRAD_RULES, OPS
from core.graph.errors import IncompleteGraphError
from core.graph.forward import check_complete
from core.graph.roots import resolve_root


@dataclass
class NumberedPass:
    root: int
    order: list[int]  # the nodes the chain rule ran through, each after all of its consumers
    values: list[float]  # every node's value, by number
    grads: list[float]  # every node's gradient (0.0 outside the root's past)


def backward_numbered(
    ids: Sequence[str],
    nodes: Sequence[Mapping[str, Any]],
    ops: Sequence[str],
    src0: list[int],
    src1: list[int],
    order: Sequence[int],
    output: str | None,
    root: str | None = None,
    index: Mapping[str, int] | None = None,
) -> NumberedPass:
    """A fresh backward pass over a whole graph of nodes numbered 0..n-1:
    node ``i`` has id ``ids[i]``, attributes ``nodes[i]`` (``value``,
    ``exponent``), operator ``ops[i]`` and inputs ``src0[i]``, ``src1[i]``
    (-1: none); ``order`` is the file's order (inputs first: ``topology.file_order``) and ``index`` id ->
    number (made if not given). As the headless command requires:
    IncompleteGraphError for an empty port anywhere (the first in
    ``order``), then RootError when there is no root (as
    :meth:`GraphModel.resolve_root`)."""
    n = len(ids)
    arity = list(map({name: op.arity for name, op in OPS.items()}.__getitem__, ops))
    if 2 * n - src0.count(-1) - src1.count(-1) != sum(arity):  # an empty port
        _incomplete(ids, nodes, ops, arity, src0, src1, order)
    values, ks = _forward(nodes, ops, arity, src0, src1, order)
    if index is None:
        index = dict(zip(ids, range(n)))
    labels = lambda: zip(ids, (nd.get("label") for nd in nodes))  # asked only on an unknown root
    r = index[resolve_root(root, output, index, lambda: _sinks(ids, src0, src1), labels, by_id=True)]
    ran, grads = _backward(r, ops, arity, src0, src1, order, values, ks)
    return NumberedPass(r, ran, values, grads)


def forward_values(
    nodes: Sequence[Mapping[str, Any]],
    ops: Sequence[str],
    arity: Sequence[int],
    src0: Sequence[int],
    src1: Sequence[int],
    order: Sequence[int],
) -> list[float]:
    """Every node's value, by number, of a graph with no empty port (the
    numbers ``GraphModel`` works out node by node: the same rules on the same
    floats in the same order)."""
    return _forward(nodes, ops, arity, src0, src1, order)[0]


def _forward(nodes, ops, arity, src0, src1, order) -> tuple[list[float], list]:
    """Every node's value, and the exponent each rule is given (None for most).
    What each node needs is read from its dict in the file's order (memory
    order) first; the pass in that order then touches only lists."""
    n = len(ops)
    val: list[float] = [0.0] * n
    for i in compress(range(n), map(eq, ops, repeat("leaf"))):
        val[i] = float(nodes[i]["value"])
    ks: list = list(map(dict.get, nodes, repeat("exponent")))
    for i in compress(range(n), map(eq, ops, repeat("pow"))):
        ks[i] = float(ks[i])  # a file's 2 is the model's 2.0
    rules = list(map(FORWARD_RULES.get, ops))  # None for a leaf
    for i in order:
        f = rules[i]
        if f is None:
            continue
        if arity[i] == 2:
            val[i] = f((val[src0[i]], val[src1[i]]), ks[i])
        else:
            val[i] = f((val[src0[i]],), ks[i])
    return val, ks


def _backward(r, ops, arity, src0, src1, order, val, ks) -> tuple[list[int], list[float]]:
    """The chain rule from node ``r``: the order it ran in, and every gradient."""
    n = len(ops)
    grad: list[float] = [0.0] * n
    mark = bytearray(n)
    mark[r] = 1
    leaves: list[int] = []
    if arity[r]:  # the past, depth first as engine._past walks it
        keep_leaf = leaves.append
        stack = [r]
        push, pop = stack.append, stack.pop
        while stack:
            v = pop()
            c = src0[v]
            if not mark[c]:
                mark[c] = 1
                grad[c] = -0.0
                if arity[c]:
                    push(c)
                else:
                    keep_leaf(c)
            c = src1[v]
            if c >= 0 and not mark[c]:
                mark[c] = 1
                grad[c] = -0.0
                if arity[c]:
                    push(c)
                else:
                    keep_leaf(c)
    else:
        leaves.append(r)
    grad[r] = 1.0
    inner = [v for v in reversed(order) if mark[v] and arity[v]]  # latest made first
    rule = list(map(GRAD_RULES.get, ops))
    for v in inner:
        a = src0[v]
        if arity[v] == 2:
            b = src1[v]
            ca, cb = rule[v]((val[a], val[b]), val[v], ks[v], grad[v])
            grad[a] += ca
            grad[b] += cb
        else:
            grad[a] += rule[v]((val[a],), val[v], ks[v], grad[v])[0]
    inner += leaves
    return inner, grad


def _incomplete(ids, nodes, ops, arity, src0, src1, order) -> None:
    """IncompleteGraphError naming the first node of ``order`` with an empty
    port, and the port, in the model's words (forward.check_complete)."""
    ports = [src0, src1]
    first = next(i for i in order if any(ports[p][i] < 0 for p in range(arity[i])))
    ins = [ids[ports[p][first]] if ports[p][first] >= 0 else None for p in range(arity[first])]
    check_complete([ids[first]], {ids[first]: nodes[first]}, {ids[first]: ins})
    raise IncompleteGraphError(f"node {ids[first]!r} has an empty input port")  # not reached


def _sinks(ids: Sequence[str], src0: Sequence[int], src1: Sequence[int]) -> list[str]:
    """The nodes nothing consumes, in the nodes' order."""
    used = set(src0).union(src1)
    return [n for i, n in enumerate(ids) if i not in used]


# ------------------------------------------------ the same, over id tables
@dataclass
class TablePass:
    root: str
    order: list[str]  # node ids, each after all of its consumers
    values: dict[str, float]
    grads: dict[str, float]


def backward_tables(
    nodes: Mapping[str, Mapping[str, Any]],
    inputs: Mapping[str, Sequence[str | None]],
    order: Sequence[str],
    output: str | None,
    root: str | None = None,
) -> TablePass:
    """:func:`backward_numbered` over tables by id (``file_check.validate``'s
    ``by_id``, ``inputs`` and ``order``): ``nodes`` id -> attributes in the
    file's order, ``inputs`` id -> source per port, ``order`` every id,
    inputs first."""
    ids = list(nodes)
    index = dict(zip(ids, range(len(ids))))
    ports = [[-1 if s is None else index[s] for s in inputs[n]] + [-1, -1] for n in ids]
    src0, src1 = [p[0] for p in ports], [p[1] for p in ports]
    got = backward_numbered(
        ids,
        list(nodes.values()),
        [a["op"] for a in nodes.values()],
        src0,
        src1,
        list(map(index.__getitem__, order)),
        output,
        root,
        index,
    )
    return TablePass(
        ids[got.root], [ids[i] for i in got.order], dict(zip(ids, got.values)), dict(zip(ids, got.grads))
    )
