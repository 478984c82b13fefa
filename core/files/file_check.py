"""A ``.mgraph`` file's record checked against the spec (the README's "File
format"), in one pass over its JSON dicts: every refusal names the file and
the node or edge at fault. :mod:`core.files.fileio` reads and writes the
files; :mod:`core.files.tables` checks the usual file in bulk by these rules.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from core.autograd import ops
from core.graph import dataset
from core.graph import group_records as groups
from core.graph.errors import FileFormatError, nth
from core.graph.topology import file_order, find_cycle

if TYPE_CHECKING:
    from core.autograd.custom_ops import CustomOp

#: The graph attribute holding the file's own operators (README, "The file format").
CUSTOM_OPS = "custom_ops"

FORMAT = "micrograd-studio"
VERSION = 1


@dataclass
class GraphRecord:
    """A file's contents, as JSON gave them (no copies, no record objects:
    a big file's dicts are only walked), and what validation found."""

    attrs: dict
    nodes: list = field(default_factory=list)  # the node objects, "id" included
    edges: list = field(default_factory=list)  # the edge objects
    order: list | None = None  # node ids, inputs first; set by validate()
    inputs: dict | None = None  # id -> source id (or None) per port; set by validate()
    by_id: dict | None = None  # id -> its node object, in file order; set by validate()
    groups: list = field(default_factory=list)  # checked groups; set by validate()
    custom_ops: list = field(default_factory=list)  # CustomOp; set by validate()
    #: id -> value in ``order`` when a check worked them out (core/files/opening.py), else None
    values: dict | None = None
    #: the document's top-level keys but "graph", "nodes" and "edges" ("directed", "multigraph", others)
    top: dict = field(default_factory=dict)


def _finite(v: Any) -> bool:
    if type(v) is float:  # the common case, first: inf - inf and nan - nan are nan
        return v - v == 0.0
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:  # an integer too big for a float
        return False


def nonfinite_path(v: Any, path: str) -> str | None:
    """Where in ``v`` a NaN or infinity hides (they cannot be saved as JSON),
    as a path of keys such as ``['style']['width']``."""
    if isinstance(v, float) and not math.isfinite(v):
        return f"{path} ({v!r})"
    items: Iterable[tuple[Any, Any]]
    if isinstance(v, dict):
        items = v.items()
    elif isinstance(v, list):
        items = enumerate(v)
    else:
        return None
    for k, x in items:
        found = nonfinite_path(x, f"{path}[{k!r}]")
        if found:
            return found
    return None


_ABSENT: Any = object()
#: A record's check: raises FileFormatError, or sets what :func:`validate` sets.
Check = Callable[["GraphRecord", str], None]
EDGE_KEYS = ("source", "target", "port", "key")


def validate(rec: GraphRecord, source: str) -> None:
    """Every "invalid" case of the spec, refused with the node or edge at
    fault; sets ``rec.order``, ``rec.inputs`` and ``rec.by_id``.

    One pass over the nodes and one over the edges (10^6 nodes take
    seconds otherwise). The first fault reported is still the one a
    stage-by-stage check finds: a node or edge that is not an object (or a
    node without "id") first, then format and version, the nodes, the
    graph's keys, the edges and last a cycle; so a fault of a later kind is
    kept in ``fault`` while the pass goes on looking for shape faults only."""

    def fail(msg: str) -> NoReturn:
        raise FileFormatError(f"{source}: {msg}")

    fault = header_fault(rec.attrs)
    if fault is None:
        rec.custom_ops = _custom_ops(rec.attrs.get(CUSTOM_OPS), fail)
    ops_of: dict[str, str] = {}
    by_id: dict[str, dict] = {}
    arity = {name: op.arity for name, op in ops.OPS.items()}
    arity.update({op.name: op.arity for op in rec.custom_ops})
    for i, nd in enumerate(rec.nodes):
        if not isinstance(nd, dict):
            fail(f"{nth(i, 'node')} is not a JSON object")
        nid = nd.get("id", _ABSENT)
        if nid is _ABSENT:
            fail(f'{nth(i, "node")} has no "id"')
        if fault is not None:
            continue
        if not isinstance(nid, str) or not nid:
            fault = f'{nth(i, "node")}: "id" must be a non-empty string, not {nid!r}'
            continue
        if nid in ops_of:
            fault = f"node {nid!r}: two nodes have this id"
            continue
        op = nd.get("op")
        checked = 2  # keys checked here, "id" and "op"; any other may hide a NaN
        if not isinstance(op, str) or op not in arity:
            known = ", ".join(arity)
            if "op" not in nd:  # (it was "unknown op None": trial 74 #9)
                fault = f'node {nid!r} has no "op" (give it one of {known})'
            else:
                fault = f"node {nid!r}: unknown op {op!r} (expected one of {known})"
            continue
        if op == "leaf":
            if not _finite(nd.get("value")):
                what = 'has no "value"' if "value" not in nd else f"has value {_short(nd['value'])}"
                fault = f'node {nid!r}: a leaf needs a finite number as "value", but it {what}'
                continue
            checked += 1
        elif op == "pow":
            if not _finite(nd.get("exponent")):
                k = nd.get("exponent", _ABSENT)
                what = 'has no "exponent"' if k is _ABSENT else f"has exponent {_short(k)}"
                fault = f'node {nid!r}: a pow node needs a finite number as "exponent", but it {what}'
                continue
            checked += 1
        label = nd.get("label", _ABSENT)
        if label is not _ABSENT:
            if label is not None and not isinstance(label, str):
                fault = f'node {nid!r}: "label" must be a string, not {label!r}'
                continue
            checked += 1
        for k in ("x", "y"):
            v = nd.get(k, _ABSENT)
            if v is not _ABSENT:
                if not _finite(v):
                    fault = f'node {nid!r}: "{k}" must be a finite number, not {v!r}'
                    break
                checked += 1
        if fault is not None:
            continue
        if len(nd) > checked:  # keys of its own: a NaN may hide there
            bad = nonfinite_path({k: v for k, v in nd.items() if k != "id"}, "")
            if bad:
                fault = f"node {nid!r}: key {bad} is not a finite number, which JSON cannot hold"
                continue
        ops_of[nid] = op
        by_id[nid] = nd

    if fault is None:
        bad = nonfinite_path(rec.attrs, "")
        if bad:
            fault = f'"graph": key {bad} is not a finite number, which JSON cannot hold'
        out = rec.attrs.get("output")
        if fault is None and out is not None and (not isinstance(out, str) or out not in ops_of):
            fault = f'"output" names {rec.attrs["output"]!r}, which is not a node of the graph'

    inputs: dict[str, list] = {n: [None] * arity[op] for n, op in ops_of.items()}
    get_ports = inputs.get
    for i, ed in enumerate(rec.edges):
        if not isinstance(ed, dict):
            fail(f"{nth(i, 'edge')} is not a JSON object")
        if fault is not None:
            continue
        # the usual edge, checked inline; anything else (a fault, or keys of
        # its own that may hide a NaN) goes through _edge_fault
        s, t, port = ed.get("source"), ed.get("target"), ed.get("port")
        ports = get_ports(t) if type(t) is str else None
        if (
            ports is not None
            and type(s) is str
            and s in ops_of
            and type(port) is int
            and 0 <= port < len(ports)
            and ports[port] is None
            and len(ed) <= 3 + ("key" in ed)
        ):
            ports[port] = s
        else:
            fault = _edge_fault(i, ed, ops_of, inputs, rec.edges)
    if fault is not None:
        fail(fault)
    order, left = file_order(inputs)
    if left:
        sources: dict[str, list] = {n: [] for n in inputs}  # in edge order, as a message walks them
        for ed in rec.edges:
            sources[ed["target"]].append(ed["source"])
        cycle = find_cycle(sources, left)
        fail("the edges form a cycle: " + " -> ".join(map(repr, cycle + cycle[:1])))
    rec.order, rec.inputs, rec.by_id = order, inputs, by_id
    if groups.FILE_KEY in rec.attrs:
        try:
            rec.groups = groups.check_records(rec.attrs.pop(groups.FILE_KEY), ops_of)
        except groups.GroupError as e:
            fail(str(e))
    if dataset.FILE_KEY in rec.attrs:
        try:
            dataset.from_record(rec.attrs[dataset.FILE_KEY])
        except dataset.DataError as e:
            fail(str(e))


def _custom_ops(data: Any, fail) -> list[CustomOp]:
    """The file's own operators (graph attribute ``custom_ops``), each read
    with ``ast`` into ops of the table; an unsafe or broken one is refused
    with a message naming it."""
    if data is None:
        return []
    from core.autograd.custom_ops import CustomOp, FormulaError  # only for a file that has some

    if not isinstance(data, list):
        fail(f'"{CUSTOM_OPS}" must be a list of operators, not {_short(data)}')
    out: list[CustomOp] = []
    for d in data:
        try:
            op = CustomOp.from_json(d)
        except FormulaError as e:
            fail(f'"{CUSTOM_OPS}": {e}')
        if any(o.name == op.name for o in out):
            fail(f'"{CUSTOM_OPS}": operator {op.name!r} is defined twice')
        out.append(op)
    return out


def header_fault(attrs: dict) -> str | None:
    """What is wrong with the format and version, or None."""
    fmt, version = attrs.get("format"), attrs.get("version")
    if fmt is None:
        return 'not a micrograd-studio graph: "format" is missing from "graph"'
    if fmt != FORMAT:
        return f"not a micrograd-studio graph: format is {fmt!r}, expected {FORMAT!r}"
    if version is None:
        return '"version" is missing from "graph"'
    if isinstance(version, bool) or not isinstance(version, int):
        return f'"version" must be an integer, not {version!r}'
    if version > VERSION:
        return (
            f"file format version {version} is newer than this program supports (version {VERSION}); "
            "update micrograd-studio to open it"
        )
    if version < 1:
        return f"file format version {version} is not valid (this program reads version {VERSION})"
    return None


def _edge_fault(i: int, ed: dict, ops_of: dict, inputs: dict, edges: list) -> str | None:
    """What is wrong with edge ``i``, or None after putting it in ``inputs``."""
    s, t, port = ed.get("source"), ed.get("target"), ed.get("port")
    for end, nid in (("source", s), ("target", t)):
        if not isinstance(nid, str) or nid not in ops_of:
            return f"{_edge(i, ed)}: its {end} {nid!r} is not a node of the graph"
    top = ops_of[t]
    if top == "leaf":
        return f"{_edge(i, ed)}: {t!r} is a leaf, and leaves have no inputs"
    ports = inputs[t]
    n = len(ports)
    if isinstance(port, bool) or not isinstance(port, int):
        return f'{_edge(i, ed)}: "port" must be a whole number from 0 to {n - 1}, not {_short(port)}'
    if not 0 <= port < n:
        return f"{_edge(i, ed)}: port {port!r} is out of range for {top} node {t!r} (ports 0..{n - 1})"
    if ports[port] is not None:
        first = next(j for j, e in enumerate(edges) if e.get("target") == t and e.get("port") == port)
        return f"{_edge(i, ed)}: port {port} of {t!r} already has an edge ({nth(first, 'edge')})"
    if len(ed) > 3 + ("key" in ed):  # keys of its own
        bad = nonfinite_path({k: v for k, v in ed.items() if k not in EDGE_KEYS}, "")
        if bad:
            return f"{_edge(i, ed)}: key {bad} is not a finite number, which JSON cannot hold"
    ports[port] = s
    return None


def _edge(i: int, ed: dict) -> str:
    """How a message names edge ``i``."""
    return f"{nth(i, 'edge')} ({ed.get('source')!r} -> {ed.get('target')!r}, port {_short(ed.get('port'))})"


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


def install_ops(custom: list[CustomOp]) -> None:
    """Put a file's own operators in the op table (before anything runs them)."""
    if custom:
        from core.autograd.custom_ops import install

        for op in custom:
            install(op)
