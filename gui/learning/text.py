"""Refusals from core, worded for the window rather than the command line."""

from __future__ import annotations

from core.explain.node_formula import empty_input
from core.graph.errors import GraphError, IncompleteGraphError, RootError
from core.graph.model import GraphModel

CHOOSE_OUTPUT = "select the node to start from and use Graph ▸ Set as Output (Ctrl+Shift+O)"


def problem(e: GraphError, model: GraphModel | None = None) -> str:
    """The message of ``e``; for an unclear root, what to do in the app; an
    empty port of ``model`` in its card's names (trial 54: "node 'mul1'
    (mul) has nothing connected to input port 1" for the card renamed L)."""
    node, port = (e.node, e.port) if isinstance(e, IncompleteGraphError) else (None, None)
    if model is not None and node is not None and port is not None and node in model:
        return f"{empty_input(model, node, port)}. Wire a node into it."
    text = str(e)
    if isinstance(e, RootError) and "several sinks" in text:
        head = text.split(";")[0]
        return f"{head}; {CHOOSE_OUTPUT}."
    return text
