"""Copied nodes on the clipboard: a JSON payload of the nodes, the wires
between them, the groups copied whole (``groups``: as a file's ``groups``
attribute lists them) and the wires into them from nodes left out
(``inputs``, with the names of their sources: a duplicate keeps them, a paste
into another document says which stay empty)."""

from __future__ import annotations

import atexit
import json
import uuid
import weakref
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from core.autograd import ops
from core.graph.errors import GraphError
from core.graph.group_records import check_records
from core.graph.model import GraphModel, check_finite

CLIP_MIME = "application/x-micrograd-nodes"


#: A token per document open in this process: a paste knows whether the
#: inputs the copy left out are the ones of the document it lands in.
_TOKENS: weakref.WeakKeyDictionary[GraphModel, str] = weakref.WeakKeyDictionary()


def document_token(model: GraphModel) -> str:
    got = _TOKENS.get(model)
    if got is None:
        got = _TOKENS[model] = uuid.uuid4().hex
    return got


def payload(model: GraphModel, ids: list[str]) -> dict:
    """The nodes ``ids`` (all their attributes) and the wires among them
    (found from the nodes' own wires: a copy costs what it copies), the
    groups all of whose nodes are among them, and the wires into them from
    nodes left out."""
    keep = set(ids)
    nodes = [{"id": n, **model.node(n)} for n in ids]
    edges = [[s, t, p] for s in ids for t, p in model.consumers(s) if t in keep]
    table = model.input_table()
    inputs = [(s, t, p) for t in ids for p, s in enumerate(table[t]) if s is not None and s not in keep]
    names = {s: model.label(s) for s, _t, _p in inputs}
    out: dict[str, Any] = {"format": "micrograd-studio-clip", "nodes": nodes, "edges": edges}
    groups = _whole_groups(model, keep)
    if groups:
        out["groups"] = groups
    if inputs:
        out["inputs"], out["input_names"] = [list(w) for w in inputs], names
    out["document"] = document_token(model)
    return out


def _whole_groups(model: GraphModel, keep: set[str]) -> list[dict]:
    """The groups all of whose nodes are in ``keep``, parents first (as a
    file lists them), each with its parent when that is copied too."""
    gs = model.groups
    if not len(gs) or not any(n in gs.membership() for n in keep):
        return []
    whole = {g.id for g in gs if gs.nodes_in(g.id) <= keep}
    recs = gs.to_records()
    return [{**r, "parent": r["parent"] if r["parent"] in whole else None} for r in recs if r["id"] in whole]


def to_mime(data: dict) -> QMimeData:
    mime = QMimeData()
    raw = json.dumps(data, allow_nan=False).encode("utf-8")
    mime.setData(CLIP_MIME, raw)
    mime.setText(raw.decode("utf-8"))  # pastes as text elsewhere, too
    return mime


def put(data: dict) -> None:
    """Copy ``data`` to the system clipboard."""
    QGuiApplication.clipboard().setMimeData(to_mime(data))
    _guard_exit()


_guarded = False


def _guard_exit() -> None:
    # PySide6 6.11 crashes at exit when the clipboard still owns a QMimeData
    # made in Python; before the app goes, leave the JSON as plain text.
    global _guarded
    if not _guarded:
        _guarded = True
        atexit.register(_release)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_release)


def _release() -> None:
    if QGuiApplication.instance() is None:
        return
    cb = QGuiApplication.clipboard()
    md = cb.mimeData()
    if md is not None and md.hasFormat(CLIP_MIME):
        cb.setText(md.text())


def from_mime(mime: QMimeData | None) -> dict | None:
    """The payload on ``mime``; None when there is none; ValueError when it is garbled."""
    if mime is None or not mime.hasFormat(CLIP_MIME):
        return None
    try:
        return json.loads(bytes(mime.data(CLIP_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ValueError("the clipboard's nodes cannot be read") from None


def parse(data: dict) -> tuple[list[dict], list[tuple[str, str, int]]]:
    """(nodes, edges) from a payload; ValueError when its shape is wrong.
    Values are checked by the model when the nodes are added."""
    try:
        nodes = [dict(nd) for nd in data["nodes"]]
        ids = {nd["id"] for nd in nodes}
        for nd in nodes:
            if not isinstance(nd.get("op"), str) or nd["op"] not in ops.OPS:
                raise ValueError(nd.get("op"))
            if not isinstance(nd["id"], str):
                raise ValueError(nd["id"])
            for k in ("x", "y"):
                if k in nd:
                    nd[k] = check_finite(k, nd[k])
            json.dumps(
                nd, allow_nan=False
            )  # (an attribute of NaN or inf: the graph could no longer be saved)
        edges = [(s, t, int(p)) for s, t, p in data.get("edges", []) if s in ids and t in ids]
    except (KeyError, TypeError, ValueError, AttributeError, GraphError):
        raise ValueError("the clipboard's nodes cannot be read") from None
    return nodes, edges


def parse_groups(data: dict, ids: set[str]) -> list[dict]:
    """The payload's groups (parents before children), checked as a file's
    are; ValueError when they are garbled."""
    try:
        groups = check_records(data.get("groups", []), ids)
    except (GraphError, AttributeError):
        raise ValueError("the clipboard's groups cannot be read") from None
    known, out = set(), []
    pending = list(groups)
    while pending:  # parents first
        rest = [g for g in pending if g.parent is not None and g.parent not in known]
        out += [
            {"id": g.id, "label": g.label, "members": sorted(g.members), "parent": g.parent}
            | {"collapsed": g.collapsed}
            for g in pending
            if g not in rest
        ]
        known |= {g.id for g in pending if g not in rest}
        pending = rest
    return out


def parse_inputs(data: dict, ids: set[str]) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    """The wires into the copied nodes from nodes left out, and those
    sources' names; nothing when they are garbled."""
    try:
        names = {str(k): str(v) for k, v in dict(data.get("input_names", {})).items()}
        inputs = [(str(s), str(t), int(p)) for s, t, p in data.get("inputs", []) if t in ids]
    except (TypeError, ValueError):
        return [], {}
    return inputs, names
