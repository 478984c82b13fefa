"""Keys a file gives its top level beyond node-link's own, per model.

The contract keeps unknown keys of the graph, its nodes and its edges; a
key a tool stamps on the document itself (``"schema"``, ``"graded_by"``)
was dropped on save (trial 74 #8). The reader keeps them here (``keep``),
beside the model, and every writer (Save, the recovery copy, ``train
--out``, a picture's graph) writes them back after node-link's keys. No
edit changes them.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: The top-level keys of node-link JSON that the reader and writer handle
#: themselves ("links" is networkx's older name of "edges": read, written as "edges").
OWN = ("directed", "multigraph", "graph", "nodes", "edges", "links")

_known: weakref.WeakKeyDictionary[GraphModel, dict] = weakref.WeakKeyDictionary()


def others(data: dict) -> dict:
    """The keys of the document ``data`` that are not node-link's own."""
    return {k: v for k, v in data.items() if k not in OWN}


def keep(model: GraphModel, keys: dict) -> None:
    """``model`` was read from a file whose top level had ``keys`` too."""
    if keys:
        _known[model] = keys
    else:
        _known.pop(model, None)


def of(model: GraphModel) -> dict:
    """The top-level keys of its own that ``model``'s file had (a fresh dict)."""
    return dict(_known.get(model, {}))
