"""Refusals from core, worded for the window rather than the command line."""

from __future__ import annotations

from core.explain.node_formula import unwired
from core.graph.errors import GraphError, RootError
from core.graph.model import GraphModel

CHOOSE_OUTPUT = "select the node to start from and use Graph ▸ Set as Output (Ctrl+Shift+O)"


def problem(e: GraphError, model: GraphModel | None = None) -> str:
    """The message of ``e``; for an unclear root, what to do in the app; an
    empty port of ``model`` in its card's names (trial 54: "node 'mul1'
    (mul) has nothing connected to input port 1" for the card renamed L)."""
    said = unwired(model, e) if model is not None else None
    if said is not None:
        return said
    text = str(e)
    if isinstance(e, RootError) and "several sinks" in text:
        head = text.split(";")[0]
        return f"{head}; {CHOOSE_OUTPUT}."
    return text
