"""Copied nodes on the clipboard: a JSON payload of the nodes and the wires between them."""

from __future__ import annotations

import atexit
import json

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from core.autograd import ops
from core.graph.errors import GraphError
from core.graph.model import GraphModel, check_finite

CLIP_MIME = "application/x-micrograd-nodes"


def payload(model: GraphModel, ids: list[str]) -> dict:
    """The nodes ``ids`` (all their attributes) and the wires among them
    (found from the nodes' own wires: a copy costs what it copies)."""
    keep = set(ids)
    nodes = [{"id": n, **model.node(n)} for n in ids]
    edges = [[s, t, p] for s in ids for t, p in model.consumers(s) if t in keep]
    return {"format": "micrograd-studio-clip", "nodes": nodes, "edges": edges}


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
