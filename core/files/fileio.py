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
from typing import Any, NoReturn

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.files import embed
from core.graph.errors import FileFormatError
from core.graph.model import GraphModel
from core.graph.topology import find_cycle, kahn_order

FORMAT = "micrograd-studio"
VERSION = 1
SUFFIX = ".mgraph"


@dataclass
class NodeRecord:
    id: str
    attrs: dict  # every key but "id", unknown ones included


@dataclass
class EdgeRecord:
    source: Any
    target: Any
    port: Any
    index: int  # position in the file's edge list, for messages
    extra: dict = field(default_factory=dict)  # unknown keys, kept on a round trip


@dataclass
class GraphRecord:
    attrs: dict
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    order: list | None = None  # node ids, inputs first; set by validate()


# ------------------------------------------------------------------- reading
def load(path: str | os.PathLike) -> GraphModel:
    """The graph in ``path`` (a graph file, or a PNG/SVG picture exported with
    its graph inside: core/files/embed.py); FileFormatError naming the file
    and the fault."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
        inside = embed.graph_text(data, name)
        text = inside if inside is not None else data.decode("utf-8-sig")  # editors may add a BOM
    except FileNotFoundError:
        raise FileFormatError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FileFormatError(f"{name}: is a folder, not a graph file") from None
    except UnicodeDecodeError as e:
        raise FileFormatError(f"{name}: not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise FileFormatError(f"{name}: cannot be read ({e.strerror or e})") from None
    return loads(text, name)


def loads(text: str, source: str = "<string>") -> GraphModel:
    """The graph in ``text``; ``source`` names it in messages."""
    with gc_paused():  # a bulk build: see engine.gc_paused
        record = parse(text, source)
        validate(record, source)
        return build(record)


def parse(text: str, source: str) -> GraphRecord:
    """JSON text -> plain records; only the shape is checked here."""
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
    rec = GraphRecord(dict(attrs))
    for i, nd in enumerate(nodes):
        if not isinstance(nd, dict):
            raise FileFormatError(f"{source}: node #{i} is not a JSON object")
        if "id" not in nd:
            raise FileFormatError(f'{source}: node #{i} has no "id"')
        rest = {k: v for k, v in nd.items() if k != "id"}
        rec.nodes.append(NodeRecord(nd["id"], rest))
    for i, ed in enumerate(edges):
        if not isinstance(ed, dict):
            raise FileFormatError(f"{source}: edge #{i} is not a JSON object")
        extra = {k: v for k, v in ed.items() if k not in ("source", "target", "port", "key")}
        rec.edges.append(EdgeRecord(ed.get("source"), ed.get("target"), ed.get("port"), i, extra))
    return rec


def _finite(v: Any) -> bool:
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


def validate(rec: GraphRecord, source: str) -> None:
    """Every "invalid" case of the spec, refused with the node or edge at fault."""

    def fail(msg: str) -> NoReturn:
        raise FileFormatError(f"{source}: {msg}")

    fmt, version = rec.attrs.get("format"), rec.attrs.get("version")
    if fmt is None:
        fail('not a micrograd-studio graph: "format" is missing from "graph"')
    if fmt != FORMAT:
        fail(f"not a micrograd-studio graph: format is {fmt!r}, expected {FORMAT!r}")
    if version is None:
        fail('"version" is missing from "graph"')
    if isinstance(version, bool) or not isinstance(version, int):
        fail(f'"version" must be an integer, not {version!r}')
    if version > VERSION:
        fail(
            f"file format version {version} is newer than this program supports (version {VERSION}); "
            "update micrograd-studio to open it"
        )
    if version < 1:
        fail(f"file format version {version} is not valid (this program reads version {VERSION})")

    ops_of: dict[str, str] = {}
    for i, nd in enumerate(rec.nodes):
        nid, a = nd.id, nd.attrs
        if not isinstance(nid, str) or not nid:
            fail(f'node #{i}: "id" must be a non-empty string, not {nid!r}')
        where = _Where("node", nid)
        if nid in ops_of:
            fail(f"{where}: two nodes have this id")
        op = a.get("op")
        if not isinstance(op, str) or op not in ops.OPS:
            fail(f"{where}: unknown op {op!r} (expected one of {', '.join(ops.OPS)})")
        if op == "leaf" and not _finite(a.get("value")):
            what = 'has no "value"' if "value" not in a else f"has value {_short(a['value'])}"
            fail(f'{where}: a leaf needs a finite number as "value", but it {what}')
        if op == "pow" and not _finite(a.get("exponent")):
            what = 'has no "exponent"' if "exponent" not in a else f"has exponent {_short(a['exponent'])}"
            fail(f'{where}: a pow node needs a finite number as "exponent", but it {what}')
        if "label" in a and a["label"] is not None and not isinstance(a["label"], str):
            fail(f'{where}: "label" must be a string, not {a["label"]!r}')
        for k in ("x", "y"):
            if k in a and not _finite(a[k]):
                fail(f'{where}: "{k}" must be a finite number, not {a[k]!r}')
        bad = _nonfinite_path(a, "")
        if bad:
            fail(f"{where}: key {bad} is not a finite number, which JSON cannot hold")
        ops_of[nid] = op

    bad = _nonfinite_path(rec.attrs, "")
    if bad:
        fail(f'"graph": key {bad} is not a finite number, which JSON cannot hold')
    out = rec.attrs.get("output")
    if out is not None and (not isinstance(out, str) or out not in ops_of):
        fail(f'"output" names {rec.attrs["output"]!r}, which is not a node of the graph')

    taken: dict[tuple, int] = {}
    sources: dict[str, list] = {n: [] for n in ops_of}  # inputs of each node
    for e in rec.edges:
        where = _Where("edge", e)
        for end, nid in (("source", e.source), ("target", e.target)):
            if not isinstance(nid, str) or nid not in ops_of:
                fail(f"{where}: its {end} {nid!r} is not a node of the graph")
        top = ops_of[e.target]
        if top == "leaf":
            fail(f"{where}: {e.target!r} is a leaf, and leaves have no inputs")
        n = ops.arity(top)
        if isinstance(e.port, bool) or not isinstance(e.port, int):
            fail(f'{where}: "port" must be a whole number from 0 to {n - 1}, not {_short(e.port)}')
        if not 0 <= e.port < n:
            fail(f"{where}: port {e.port!r} is out of range for {top} node {e.target!r} (ports 0..{n - 1})")
        if (e.target, e.port) in taken:
            fail(
                f"{where}: port {e.port} of {e.target!r} already has an edge "
                f"(edge #{taken[e.target, e.port]})"
            )
        taken[e.target, e.port] = e.index
        bad = _nonfinite_path(e.extra, "")
        if bad:
            fail(f"{where}: key {bad} is not a finite number, which JSON cannot hold")
        sources[e.target].append(e.source)
    order, left = kahn_order(sources)
    if left:
        cycle = find_cycle(sources, left)
        fail("the edges form a cycle: " + " -> ".join(map(repr, cycle + cycle[:1])))
    rec.order = order


class _Where:
    """The node or edge a message is about, formatted only when it is shown."""

    __slots__ = ("kind", "what")

    def __init__(self, kind: str, what: Any):
        self.kind, self.what = kind, what

    def __format__(self, spec: str) -> str:
        if self.kind == "node":
            return f"node {self.what!r}"
        e = self.what
        return f"edge #{e.index} ({e.source!r} -> {e.target!r}, port {_short(e.port)})"


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


def build(rec: GraphRecord) -> GraphModel:
    """A model from validated records."""
    return GraphModel.from_records(
        rec.attrs,
        [(nd.id, nd.attrs) for nd in rec.nodes],
        [
            (e.source, e.target, e.port, e.extra) if e.extra else (e.source, e.target, e.port)
            for e in rec.edges
        ],
        order=rec.order,
    )


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
