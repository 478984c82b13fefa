"""Reading and writing ``.mgraph`` files (see the README's "File format").

Reading is three stages, each with one job: parse the JSON into plain
records, validate the records against the spec (every refusal names the file
and the node or edge at fault), then build the model. Writing is atomic: a
temporary file in the same folder, flushed and fsynced, then ``os.replace``
(see ``safewrite.py``: symlinks, hard links, mode and owner are kept).
Reading refuses what is not a regular file or is too big (``reading.py``).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.files.reading import FileStamp, read_limited
from core.files.safewrite import write_file
from core.graph import dataset, groups
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
    groups: list = field(default_factory=list)  # checked groups; set by validate()


# ------------------------------------------------------------------- reading
def load(path: str | os.PathLike) -> GraphModel:
    """The graph in ``path``; FileFormatError naming the file and the fault."""
    return load_file(path)[0]


def load_file(path: str | os.PathLike) -> tuple[GraphModel, FileStamp]:
    """The graph in ``path`` and the file's stamp (to notice later changes)."""
    name = str(path)
    data, st = read_limited(path)
    try:
        text = data.decode("utf-8-sig")  # editors may add a BOM
    except UnicodeDecodeError as e:
        raise FileFormatError(f"{name}: not UTF-8 text (byte {e.start})") from None
    return loads(text, name), FileStamp.of(path, data, st)


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
    if _SURROGATE_ESCAPE.search(text):  # rare: only then walk the whole document
        bad = _bad_text_path(data, "")
        if bad:
            raise FileFormatError(
                f"{source}: the text at {bad} holds a lone surrogate (an escape such as \\ud800 "
                "that is not a character), which cannot be saved as UTF-8; fix it in a text editor"
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


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _bad_text_path(v: Any, path: str) -> str | None:
    """Where in ``v`` a string (or key) that UTF-8 cannot hold hides, as a
    readable path such as ``"nodes"[3]["label"]``."""
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            return path or "the top level"
        return None
    items: Iterable[tuple[Any, Any]]
    if isinstance(v, dict):
        for k in v:
            if _bad_text_path(k, "") is not None:
                return f"{path}[key {k.encode('utf-8', 'backslashreplace').decode()!r}]"
        items = v.items()
    elif isinstance(v, list):
        items = enumerate(v)
    else:
        return None
    for k, x in items:
        where = f"{path}[{k!r}]"
        if isinstance(x, dict) and isinstance(x.get("id"), str):  # a node: name it
            where += f" (node {x['id'].encode('utf-8', 'backslashreplace').decode()!r})"
        found = _bad_text_path(x, where)
        if found:
            return found
    return None


def replace_lone_surrogates(text: str) -> str:
    """``text`` (a graph file) with every lone surrogate in its strings
    replaced by U+FFFD, visibly: for recovering work whose text could not
    be saved as it was."""
    if not _SURROGATE_ESCAPE.search(text) and not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    try:
        data = json.loads(text, parse_constant=float)
    except (ValueError, RecursionError):
        return text
    return json.dumps(_mend(data), ensure_ascii=False)


def _mend(v: Any) -> Any:
    if isinstance(v, str):
        return v.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(v, dict):
        return {_mend(k): _mend(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_mend(x) for x in v]
    return v


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
    model = GraphModel.from_records(
        rec.attrs,
        [(nd.id, nd.attrs) for nd in rec.nodes],
        [
            (e.source, e.target, e.port, e.extra) if e.extra else (e.source, e.target, e.port)
            for e in rec.edges
        ],
        order=rec.order,
    )
    if rec.groups:
        model.groups.load(rec.groups)
    return model


# ------------------------------------------------------------------- writing
def to_data(model: GraphModel) -> dict:
    """The node-link document for ``model``."""
    g = model.graph
    attrs = dict(g.graph)
    attrs["format"], attrs["version"] = FORMAT, VERSION
    if len(model.groups):
        attrs[groups.FILE_KEY] = model.groups.to_records()
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


def save(
    model: GraphModel, path: str | os.PathLike, *, backup: bool = False, allow_read_only: bool = False
) -> FileStamp:
    """Write ``model`` to ``path`` safely (see ``safewrite.write_file``: the old
    file survives any failure); the stamp of what was written."""
    text = dumps(model)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        where = _bad_text_path(to_data(model), "") or "somewhere"
        raise FileFormatError(
            f"the graph cannot be saved as UTF-8: the text at {where} holds a lone surrogate "
            "(half of a character); change that text and save again"
        ) from None
    st = write_file(path, data, backup=backup, allow_read_only=allow_read_only)
    return FileStamp.of(path, data, st)


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an OSError names ``path``
    (never the temporary file)."""
    write_file(path, data)
