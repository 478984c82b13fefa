"""A checked graph file as flat tables indexed by node number (the position
in the file's ``nodes`` list): what ``main.py backward`` computes on.

A 10^6-node file is mostly ids, so the work here is done once on strings
(one dict from id to number) and from then on on integers in lists, mostly
by C loops (``map``, ``zip``, ``dict``) rather than a Python statement per
node or edge.

Refusals stay :func:`file_check.validate`'s own: :func:`read_tables` first tries
a quick check that only *recognises* a valid file (every rule of the spec,
checked in bulk); when it is not sure (anything unusual: a fault, a key of
a node's own, custom operators, groups, data, a cycle) it runs
:func:`file_check.validate`, which raises the very message a load raises, or
passes the file, which is then tabled without the quick checks. So the
first error is the validator's by construction.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, itemgetter, lt
from typing import Any

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.files import file_check, fileio
from core.graph import dataset
from core.graph import group_records as groups
from core.graph.topology import file_order_numbered

_ID, _OP, _SOURCE, _TARGET, _PORT = map(itemgetter, ("id", "op", "source", "target", "port"))
_VALUE, _EXPONENT = itemgetter("value"), itemgetter("exponent")
_NUMBERS = {float, int}  # not bool: a file's true is no number
_LABELS = {str, type(None)}
#: graph attributes whose checks only the full validator does
_RARE_ATTRS = (file_check.CUSTOM_OPS, groups.FILE_KEY, dataset.FILE_KEY)


@dataclass
class FileTables:
    """A valid graph file, node ``i`` being ``nodes[i]``."""

    attrs: dict  # the "graph" object
    nodes: list  # the node objects (dicts), in the file's order
    ids: list[str]
    ops: list[str]
    arity: list[int]  # input ports of each node
    src0: list[int]  # the node feeding port 0; -1 where it is empty (or there is no port 0)
    src1: list[int]  # the same for port 1 (operators have at most two ports)
    order: list[int]  # the file's order (inputs first: topology.file_order), as file_check.validate's
    index: dict[str, int]  # id -> node number


def read_tables(path: str | os.PathLike) -> FileTables:
    """The checked contents of ``path`` as tables; FileFormatError naming the
    file and the fault, exactly as :func:`fileio.read` raises it."""
    return tables_of([fileio.read_text(path)], str(path))


def tables_of(text: list[str], name: str) -> FileTables:
    """:func:`read_tables` of a graph file's text (standard input's: ``backward -``),
    handed over in a list that is emptied (the text is let go once parsed)."""
    with gc_paused():  # many long-lived objects, no cycles
        rec = fileio.parse(text.pop(), name)  # a big file's text is as big as its dicts: not kept
        tables = quick_tables(rec)
        if tables is None:  # not sure: the validator says why (or passes it)
            file_check.validate(rec, name)
            file_check.install_ops(rec.custom_ops)
            tables = _tables(rec, _arity(rec.custom_ops), strict=False)
            assert tables is not None
    return tables


def _arity(custom: Sequence[Any] = ()) -> dict[str, int]:
    arity = {name: op.arity for name, op in ops.OPS.items()}
    arity.update({op.name: op.arity for op in custom})
    return arity


def quick_tables(rec: file_check.GraphRecord) -> FileTables | None:
    """The tables of a file that is surely valid; None when not sure."""
    attrs = rec.attrs
    if file_check.header_fault(attrs) is not None or any(k in attrs for k in _RARE_ATTRS):
        return None
    if file_check.nonfinite_path(attrs, "") is not None:
        return None
    try:
        return _tables(rec, _arity(), strict=True)
    except (TypeError, KeyError, OverflowError):  # a node or edge of the wrong shape
        return None


def _tables(rec: file_check.GraphRecord, arity: dict[str, int], strict: bool) -> FileTables | None:
    """The tables of ``rec``. ``strict``: check every rule of the spec and
    give None (or raise TypeError, KeyError) where one may fail; otherwise
    ``rec`` has passed :func:`file_check.validate`."""
    nodes, edges = rec.nodes, rec.edges
    n, m = len(nodes), len(edges)
    ids = list(map(_ID, nodes))
    index = dict(zip(ids, range(n)))
    op_of = list(map(_OP, nodes))
    if strict and not _nodes_ok(nodes, ids, index, op_of, arity):
        return None
    ar = list(map(arity.__getitem__, op_of))
    out = rec.attrs.get("output")
    if strict and out is not None and (type(out) is not str or out not in index):
        return None
    t_idx = list(map(index.__getitem__, map(_TARGET, edges)))
    s_idx = list(map(index.__getitem__, map(_SOURCE, edges)))
    ports = list(map(_PORT, edges))
    if strict and not _edges_ok(edges, ports, t_idx, ar):
        return None
    # port p of node t is slot 2t + p, filled by the edges (a C loop: the
    # setter returns None, so any() walks them all)
    slots = [-1] * (2 * n)
    any(map(slots.__setitem__, map(add, map(add, t_idx, t_idx), ports), s_idx))
    if strict and slots.count(-1) != 2 * n - m:  # two edges into one port
        return None
    src0, src1 = slots[0::2], slots[1::2]
    del slots, t_idx, s_idx, ports
    order = file_order_numbered(src0, src1)
    if len(order) != n:  # a cycle
        if strict:
            return None
        raise AssertionError("a validated file has no cycle")
    return FileTables(rec.attrs, nodes, ids, op_of, ar, src0, src1, order, index)


def _nodes_ok(nodes: list, ids: list, index: dict, op_of: list, arity: dict) -> bool:
    """Every node has a unique non-empty string id, a known op, a finite
    value (leaf) or exponent (pow), a string label if any, finite x and y if
    any, and no NaN in keys of its own (:func:`file_check.validate`'s rules)."""
    n = len(nodes)
    if (n and set(map(type, ids)) != {str}) or len(index) != n or "" in index:
        return False
    if not set(op_of) <= arity.keys():  # TypeError for an unhashable op
        return False
    leaves = [nd for nd, op in zip(nodes, op_of) if op == "leaf"]
    pows = [nd for nd, op in zip(nodes, op_of) if op == "pow"]
    if not (_all_finite(list(map(_VALUE, leaves))) and _all_finite(list(map(_EXPONENT, pows)))):
        return False
    keys = 2 * n + len(leaves) + len(pows)  # the keys checked: id, op, value or exponent
    if not set(map(type, map(dict.get, nodes, repeat("label")))) <= _LABELS:
        return False
    keys += sum(map(dict.__contains__, nodes, repeat("label")))
    for k in ("x", "y"):
        has = sum(map(dict.__contains__, nodes, repeat(k)))
        if has:
            if not _all_finite(list(map(dict.get, nodes, repeat(k), repeat(0.0)))):
                return False
            keys += has
    if sum(map(len, nodes)) != keys:  # keys of their own somewhere: a NaN may hide there
        for nd, op in zip(nodes, op_of):
            checked = 2 + (op == "leaf" or op == "pow") + ("label" in nd) + ("x" in nd) + ("y" in nd)
            if len(nd) > checked and file_check.nonfinite_path(
                {k: v for k, v in nd.items() if k != "id"}, ""
            ):
                return False
    return True


def _edges_ok(edges: list, ports: list, t_idx: list, ar: list) -> bool:
    """Every edge's port is a whole number in range for its target (a leaf
    has none), and no key of an edge's own holds a NaN; the ends were found
    by id, so they are nodes."""
    if not edges:
        return True
    if (
        set(map(type, ports)) != {int}
        or min(ports) < 0
        or not all(map(lt, ports, map(ar.__getitem__, t_idx)))
    ):
        return False
    if sum(map(len, edges)) != 3 * len(edges) + sum(map(dict.__contains__, edges, repeat("key"))):
        for ed in edges:
            if len(ed) > 3 + ("key" in ed) and file_check.nonfinite_path(
                {k: v for k, v in ed.items() if k not in file_check.EDGE_KEYS}, ""
            ):
                return False
    return True


def _all_finite(xs: list) -> bool:
    """Every one a finite int or float (OverflowError: an int too big for a float)."""
    return set(map(type, xs)) <= _NUMBERS and all(map(math.isfinite, xs))
