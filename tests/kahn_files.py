"""A graph file whose nodes are listed in Kahn's order (every leaf first), as
another program may write it: opened, its pass runs in that order, which
interleaves what the app's own files keep together (the four data points'
visits to one neuron, a group's steps apart from each other)."""

from __future__ import annotations

import json
from pathlib import Path

from core.files import fileio
from core.graph.model import GraphModel
from core.graph.topology import kahn_order


def save_kahn_ordered(model: GraphModel, path: Path) -> None:
    """``model`` saved at ``path`` with its nodes in Kahn's order."""
    fileio.save(model, str(path))
    doc = json.loads(path.read_text())
    at = {n: i for i, n in enumerate(kahn_order(model.input_table())[0])}
    doc["nodes"].sort(key=lambda node: at[node["id"]])
    path.write_text(json.dumps(doc))


def kahn_ordered(model: GraphModel, folder: Path) -> GraphModel:
    """``model`` as opened from such a file."""
    path = Path(folder) / "kahn.mgraph"
    save_kahn_ordered(model, path)
    return fileio.load(str(path))
