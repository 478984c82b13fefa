"""Reading and writing ``.mgraph`` files (see the README's "File format").

Reading is three stages, each with one job: parse the JSON, validate it
against the spec in one pass over its dicts (every refusal names the file and
the node or edge at fault), then build the model (the headless backward needs
no model: :func:`read`). Writing is atomic: a temporary file in the same
folder, flushed and fsynced, then ``os.replace`` (see ``safewrite.py``:
symlinks, hard links, mode and owner are kept). Reading refuses what is not
a regular file or is too big (``reading.py``).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING, Any, NoReturn

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.files import edge_extras, embed, kinds
from core.files.reading import FileStamp, read_limited
from core.files.safewrite import write_file
from core.files.text_check import SURROGATE_ESCAPE, bad_text_path, json_error_text
from core.graph import dataset
from core.graph import group_records as groups
from core.graph.errors import FileFormatError
from core.graph.topology import find_cycle, kahn_order

if TYPE_CHECKING:
    from core.autograd.custom_ops import CustomOp
    from core.graph.model import GraphModel

#: The graph attribute holding the file's own operators (README, "The file format").
CUSTOM_OPS = "custom_ops"

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
    groups: list = field(default_factory=list)  # checked groups; set by validate()
    custom_ops: list = field(default_factory=list)  # CustomOp; set by validate()
    #: id -> value in ``order`` when a check worked them out (core/files/opening.py), else None
    values: dict | None = None


# ------------------------------------------------------------------- reading
def load(path: str | os.PathLike) -> GraphModel:
    """The graph in ``path`` (a graph file, or a PNG/SVG picture exported with
    its graph inside: core/files/embed.py); FileFormatError naming the file
    and the fault."""
    return load_file(path)[0]


def load_file(path: str | os.PathLike, check: Check | None = None) -> tuple[GraphModel, FileStamp]:
    """The graph in ``path`` and the file's stamp (to notice later changes);
    ``check``: as for :func:`loads`."""
    text, data, st = _text_of(path)
    return loads(text, str(path), check), FileStamp.of(path, data, st)


def read(path: str | os.PathLike) -> GraphRecord:
    """The checked contents of ``path``, without a model (the headless
    backward needs none; the file's own operators are installed, so it can
    run them); FileFormatError naming the file and the fault."""
    name = str(path)
    text = _text_of(path)[0]
    with gc_paused():
        rec = parse(text, name)
        del text  # a big file's text is as big as its dicts
        validate(rec, name)
    _install(rec.custom_ops)
    return rec


def read_text(path: str | os.PathLike) -> str:
    """The graph file's text (a picture's graph inside it)."""
    return _text_of(path)[0]


def _text_of(path: str | os.PathLike) -> tuple[str, bytes, os.stat_result]:
    """The graph file's text (a picture's graph inside it), its bytes and stat."""
    name = str(path)
    data, st = read_limited(path)
    try:
        inside = embed.graph_text(data, name)
        text = inside if inside is not None else data.decode("utf-8-sig")  # editors may add a BOM
    except UnicodeDecodeError as e:
        raise FileFormatError(f"{name}: not UTF-8 text (byte {e.start})") from None
    return text, data, st


def loads(text: str, source: str = "<string>", check: Check | None = None) -> GraphModel:
    """The graph in ``text``; ``source`` names it in messages. ``check``
    stands in for :func:`validate` (core/files/opening.py: the same verdicts,
    a valid file recognised in bulk)."""
    with gc_paused():  # a bulk build: see engine.gc_paused
        record = parse(text, source)
        (validate if check is None else check)(record, source)
        return build(record)


def parse(text: str, source: str) -> GraphRecord:
    """JSON text -> the record; only the top level's shape is checked here
    (each node and edge is checked, in one pass, by :func:`validate`)."""
    try:
        # NaN / Infinity are not JSON; they are read as numbers here so that
        # the refusal can name the node and key that hold them.
        data = json.loads(text, parse_constant=float)
    except json.JSONDecodeError as e:
        seen = kinds.looks_like(text)  # Python in "slide1.svg": say so, not "line 1, column 1"
        head = f"{source}: not a micrograd-studio graph file: "
        if not seen:
            raise FileFormatError(f"{head}not valid JSON{json_error_text(e)}") from None
        raise FileFormatError(
            f"{head}it looks like {seen}{kinds.hint(seen, source)}",
            headless=f"{head}it looks like {seen}{kinds.hint(seen, source, headless=True)}",
        ) from None
    except (ValueError, RecursionError) as e:
        raise FileFormatError(
            f"{source}: not a micrograd-studio graph file: not valid JSON ({type(e).__name__}: {e})"
        ) from None
    if not isinstance(data, dict):
        raise FileFormatError(
            f"{source}: not a micrograd-studio graph file (the top level must be a JSON object)"
        )
    if SURROGATE_ESCAPE.search(text):  # rare: only then walk the whole document
        bad = bad_text_path(data, "")
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
#: A record's check: raises FileFormatError, or sets what :func:`validate` sets.
Check = Callable[["GraphRecord", str], None]
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
    if fault is None:
        rec.custom_ops = _custom_ops(rec.attrs.get(CUSTOM_OPS), fail)
    ops_of: dict[str, str] = {}
    by_id: dict[str, dict] = {}
    arity = {name: op.arity for name, op in ops.OPS.items()}
    arity.update({op.name: op.arity for op in rec.custom_ops})
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
            fault = f"node {nid!r}: unknown op {op!r} (expected one of {', '.join(arity)})"
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


def _install(custom: list[CustomOp]) -> None:
    """Put a file's own operators in the op table (before anything runs them)."""
    if custom:
        from core.autograd.custom_ops import install

        for op in custom:
            install(op)


# for core/files/tables.py, which checks in bulk what validate checks node by node
header_fault, nonfinite_path, EDGE_KEYS, install_ops = _header_fault, _nonfinite_path, _EDGE_KEYS, _install


def build(rec: GraphRecord) -> GraphModel:
    """A model from a validated record (its dicts become the model's; the
    file's own operators are installed first)."""
    from core.graph.model import GraphModel  # networkx: only when a model is made

    _install(rec.custom_ops)
    assert rec.order is not None and rec.inputs is not None  # set by the check
    ids = list(map(dict.pop, rec.nodes, repeat("id")))  # each node's dict is then its attributes
    model, extras = GraphModel.from_file(
        rec.attrs, ids, rec.nodes, rec.edges, rec.order, rec.inputs, rec.values
    )
    edge_extras.keep(model, extras)  # for the recovery copy: no walk over the wires later
    if rec.groups:
        model.groups.load(rec.groups)
    return model


# ------------------------------------------------------------------- writing
def file_attrs(model: GraphModel, custom: set[str] | None = None) -> dict:
    """The file's "graph" object for ``model``: its attributes, the groups and
    the definition of every custom operator it uses (``custom``, if known: no
    pass over the nodes; a fresh dict)."""
    g = model.graph
    attrs = dict(g.graph)
    attrs["format"], attrs["version"] = FORMAT, VERSION
    if len(model.groups):
        attrs[groups.FILE_KEY] = model.groups.to_records()
    if custom is None:
        custom = {a["op"] for _, a in g.nodes(data=True)} - ops.BUILTIN_OPS
    _with_definitions(attrs, custom)
    return attrs


def to_data(model: GraphModel) -> dict:
    """The node-link document for ``model``."""
    g = model.graph
    attrs = file_attrs(model)
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


def _with_definitions(attrs: dict, used: set) -> None:
    """Every custom operator the graph uses is defined in the file, also one
    added from another document (the op table is shared)."""
    if not used:
        return
    from core.autograd.custom_ops import DEFINITIONS

    listed = attrs.get(CUSTOM_OPS)
    defs = list(listed) if isinstance(listed, list) else []
    have = {d.get("name") for d in defs if isinstance(d, dict)}
    defs += [DEFINITIONS[n].to_json() for n in sorted(used - have) if n in DEFINITIONS]
    attrs[CUSTOM_OPS] = defs


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
        where = bad_text_path(to_data(model), "") or "somewhere"
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
