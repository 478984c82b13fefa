"""Reading and writing ``.mgraph`` files (see the README's "File format").

Reading is three stages, each with one job: parse the JSON into plain
records, validate the records against the spec (every refusal names the file
and the node or edge at fault), then build the model. Writing is atomic: a
temporary file in the same folder, flushed and fsynced, then ``os.replace``.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.graph.errors import FileFormatError
from core.graph.topology import find_cycle, kahn_order

if TYPE_CHECKING:
    from core.graph.model import GraphModel

FORMAT = "micrograd-studio"
VERSION = 1
SUFFIX = ".mgraph"


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


# ------------------------------------------------------------------- reading
def load(path: str | os.PathLike) -> GraphModel:
    """The graph in ``path``; FileFormatError naming the file and the fault."""
    with gc_paused():  # a bulk build: see engine.gc_paused
        return build(read(path))


def read(path: str | os.PathLike) -> GraphRecord:
    """The checked contents of ``path``, without a model (the headless
    backward needs none); FileFormatError naming the file and the fault."""
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")  # editors may add a BOM
    except FileNotFoundError:
        raise FileFormatError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FileFormatError(f"{name}: is a folder, not a graph file") from None
    except UnicodeDecodeError as e:
        raise FileFormatError(f"{name}: not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise FileFormatError(f"{name}: cannot be read ({e.strerror or e})") from None
    with gc_paused():
        rec = parse(text, name)
        del text  # a big file's text is as big as its dicts
        validate(rec, name)
    return rec


def loads(text: str, source: str = "<string>") -> GraphModel:
    """The graph in ``text``; ``source`` names it in messages."""
    with gc_paused():  # a bulk build: see engine.gc_paused
        record = parse(text, source)
        validate(record, source)
        return build(record)


def parse(text: str, source: str) -> GraphRecord:
    """JSON text -> the record; only the top level's shape is checked here
    (each node and edge is checked, in one pass, by :func:`validate`)."""
    try:
        # NaN / Infinity are not JSON; they are read as numbers here so that
        # the refusal can name the node and key that hold them.
        data = json.loads(text, parse_constant=float)
    except json.JSONDecodeError as e:
        raise FileFormatError(
            f"{source}: not a micrograd-studio graph file: not valid JSON "
            f"(line {e.lineno}, column {e.colno}: {e.msg})"
        ) from None
    except (ValueError, RecursionError) as e:
        raise FileFormatError(
            f"{source}: not a micrograd-studio graph file: not valid JSON ({type(e).__name__}: {e})"
        ) from None
    if not isinstance(data, dict):
        raise FileFormatError(
            f"{source}: not a micrograd-studio graph file (the top level must be a JSON object)"
        )
    attrs = data.get("graph")
    if not isinstance(attrs, dict):
        raise FileFormatError(
            f'{source}: not a micrograd-studio graph file (no "graph" object with format and version)'
        )
    nodes = data.get("nodes", [])
    edges = data.get("edges", data.get("links", []))
    if not isinstance(nodes, list):
        raise FileFormatError(f'{source}: "nodes" must be a list')
    if not isinstance(edges, list):
        raise FileFormatError(f'{source}: "edges" must be a list')
    return GraphRecord(dict(attrs), nodes, edges)


def _finite(v: Any) -> bool:
    if type(v) is float:  # the common case, first: inf - inf and nan - nan are nan
        return v - v == 0.0
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:  # an integer too big for a float
        return False


def _nonfinite_path(v: Any, path: str) -> str | None:
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
        found = _nonfinite_path(x, f"{path}[{k!r}]")
        if found:
            return found
    return None


_ABSENT: Any = object()
_EDGE_KEYS = ("source", "target", "port", "key")


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

    fault = _header_fault(rec.attrs)
    ops_of: dict[str, str] = {}
    by_id: dict[str, dict] = {}
    arity = {name: op.arity for name, op in ops.OPS.items()}
    for i, nd in enumerate(rec.nodes):
        if not isinstance(nd, dict):
            fail(f"node #{i} is not a JSON object")
        nid = nd.get("id", _ABSENT)
        if nid is _ABSENT:
            fail(f'node #{i} has no "id"')
        if fault is not None:
            continue
        if not isinstance(nid, str) or not nid:
            fault = f'node #{i}: "id" must be a non-empty string, not {nid!r}'
            continue
        if nid in ops_of:
            fault = f"node {nid!r}: two nodes have this id"
            continue
        op = nd.get("op")
        checked = 2  # keys checked here, "id" and "op"; any other may hide a NaN
        if not isinstance(op, str) or op not in arity:
            fault = f"node {nid!r}: unknown op {op!r} (expected one of {', '.join(ops.OPS)})"
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
            bad = _nonfinite_path({k: v for k, v in nd.items() if k != "id"}, "")
            if bad:
                fault = f"node {nid!r}: key {bad} is not a finite number, which JSON cannot hold"
                continue
        ops_of[nid] = op
        by_id[nid] = nd

    if fault is None:
        bad = _nonfinite_path(rec.attrs, "")
        if bad:
            fault = f'"graph": key {bad} is not a finite number, which JSON cannot hold'
        out = rec.attrs.get("output")
        if fault is None and out is not None and (not isinstance(out, str) or out not in ops_of):
            fault = f'"output" names {rec.attrs["output"]!r}, which is not a node of the graph'

    inputs: dict[str, list] = {n: [None] * arity[op] for n, op in ops_of.items()}
    get_ports = inputs.get
    for i, ed in enumerate(rec.edges):
        if not isinstance(ed, dict):
            fail(f"edge #{i} is not a JSON object")
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
    order, left = kahn_order(inputs)
    if left:
        sources: dict[str, list] = {n: [] for n in inputs}  # in edge order, as a message walks them
        for ed in rec.edges:
            sources[ed["target"]].append(ed["source"])
        cycle = find_cycle(sources, left)
        fail("the edges form a cycle: " + " -> ".join(map(repr, cycle + cycle[:1])))
    rec.order, rec.inputs, rec.by_id = order, inputs, by_id


def _header_fault(attrs: dict) -> str | None:
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
        return f"{_edge(i, ed)}: port {port} of {t!r} already has an edge (edge #{first})"
    if len(ed) > 3 + ("key" in ed):  # keys of its own
        bad = _nonfinite_path({k: v for k, v in ed.items() if k not in _EDGE_KEYS}, "")
        if bad:
            return f"{_edge(i, ed)}: key {bad} is not a finite number, which JSON cannot hold"
    ports[port] = s
    return None


def _edge(i: int, ed: dict) -> str:
    """How a message names edge ``i``."""
    return f"edge #{i} ({ed.get('source')!r} -> {ed.get('target')!r}, port {_short(ed.get('port'))})"


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


def build(rec: GraphRecord) -> GraphModel:
    """A model from a validated record (its dicts become the model's)."""
    from core.graph.model import GraphModel  # networkx: only when a model is made

    nodes = []
    for nd in rec.nodes:
        nid = nd.pop("id")
        nodes.append((nid, nd))
    edges: list[tuple] = []
    for ed in rec.edges:
        s, t, p = ed["source"], ed["target"], ed["port"]
        if len(ed) > 3 + ("key" in ed):
            edges.append((s, t, p, {k: v for k, v in ed.items() if k not in _EDGE_KEYS}))
        else:
            edges.append((s, t, p))
    return GraphModel.from_records(rec.attrs, nodes, edges, order=rec.order, inputs=rec.inputs)


# ------------------------------------------------------------------- writing
def to_data(model: GraphModel) -> dict:
    """The node-link document for ``model``."""
    g = model.graph
    attrs = dict(g.graph)
    attrs["format"], attrs["version"] = FORMAT, VERSION
    return {
        "directed": True,
        "multigraph": True,
        "graph": attrs,
        "nodes": [{"id": n, **a} for n, a in g.nodes(data=True)],
        "edges": [
            {
                "source": s,
                "target": t,
                "port": d["port"],
                "key": k,
                **{x: v for x, v in d.items() if x != "port"},
            }
            for s, t, k, d in g.edges(keys=True, data=True)
        ],
    }


def dumps(model: GraphModel) -> str:
    """The file text; FileFormatError if an attribute cannot be JSON."""
    try:
        return json.dumps(to_data(model), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as e:
        raise FileFormatError(f"the graph cannot be saved as JSON: {e}") from None


def save(model: GraphModel, path: str | os.PathLike) -> None:
    """Write ``model`` to ``path`` atomically: the old file survives any failure."""
    write_atomic(path, dumps(model).encode("utf-8"))


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an OSError names ``path``
    (never the temporary file)."""
    try:
        _write_atomic(Path(path), data)
    except OSError as e:
        raise OSError(e.errno, e.strerror or str(e), str(path)) from None


def _write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
