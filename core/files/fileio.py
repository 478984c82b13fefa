"""Reading and writing ``.mgraph`` files (see the README's "File format").

Reading is three stages, each with one job: parse the JSON, validate it
against the spec in one pass over its dicts (``file_check.py``; every refusal names the file and
the node or edge at fault), then build the model (the headless backward needs
no model: :func:`read`). Writing is atomic: a temporary file in the same
folder, flushed and fsynced, then ``os.replace`` (see ``safewrite.py``:
symlinks, hard links, mode and owner are kept). Reading refuses what is not
a regular file or is too big (``reading.py``).
"""

from __future__ import annotations

import json
import os
from itertools import repeat
from typing import TYPE_CHECKING

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.files import edge_extras, embed, kinds, top_keys
from core.files.file_check import CUSTOM_OPS, FORMAT, VERSION, Check, GraphRecord, install_ops, validate
from core.files.reading import FileStamp, read_limited
from core.files.safewrite import write_file
from core.files.text_check import SURROGATE_ESCAPE, bad_text_path, json_error_text, not_utf8
from core.graph import group_records as groups
from core.graph.errors import FileFormatError

if TYPE_CHECKING:
    from core.graph.model import GraphModel

SUFFIX = ".mgraph"


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
    install_ops(rec.custom_ops)
    return rec


def read_text(path: str | os.PathLike) -> str:
    """The graph file's text (a picture's graph inside it)."""
    return _text_of(path)[0]


def _text_of(path: str | os.PathLike) -> tuple[str, bytes, os.stat_result]:
    """The graph file's text (a picture's graph inside it), its bytes and stat."""
    data, st = read_limited(path)
    return decoded(data, str(path)), data, st


def decoded(data: bytes, name: str) -> str:
    """A graph file's text from its bytes (a picture's graph inside it), as
    read from a file or from standard input; ``name`` names it in messages."""
    try:
        inside = embed.graph_text(data, name)
        if inside is not None:
            return inside
        binary = kinds.binary_kind(data)  # (never a graph file's: JSON holds no control characters)
        if binary is not None:  # trial 66 #7: it was "not UTF-8 text (byte 24)"
            what = f" ({binary})" if binary else ", not text"
            raise FileFormatError(f"{name}: not a micrograd-studio graph file: it is binary data{what}")
        return data.decode("utf-8-sig")  # editors may add a BOM
    except UnicodeDecodeError as e:  # text, in another encoding
        raise FileFormatError(f"{name}: {not_utf8(e)}") from None


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
        seen = kinds.looks_like(text, source)  # Python in "slide1.svg": say so, not "line 1, column 1"
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
    top = {k: v for k, v in data.items() if k not in ("graph", "nodes", "edges", "links")}
    return GraphRecord(dict(attrs), nodes, edges, top=top)


def build(rec: GraphRecord) -> GraphModel:
    """A model from a validated record (its dicts become the model's; the
    file's own operators are installed first)."""
    from core.graph.model import GraphModel  # networkx: only when a model is made

    install_ops(rec.custom_ops)
    assert rec.order is not None and rec.inputs is not None  # set by the check
    ids = list(map(dict.pop, rec.nodes, repeat("id")))  # each node's dict is then its attributes
    model, extras = GraphModel.from_file(
        rec.attrs, ids, rec.nodes, rec.edges, rec.order, rec.inputs, rec.values
    )
    edge_extras.keep(model, extras)  # for the recovery copy: no walk over the wires later
    top_keys.keep(model, top_keys.others(rec.top))
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
        **top_keys.of(model),  # the file's top-level keys of its own (trial 74 #8), before the long lists
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
