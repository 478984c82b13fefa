"""Refusals from core, worded for the window rather than the command line."""

from __future__ import annotations

from core.graph.errors import GraphError, RootError

CHOOSE_OUTPUT = "select the node to start from and use Graph ▸ Set as Output (Ctrl+Shift+O)"


def problem(e: GraphError) -> str:
    """The message of ``e``; for an unclear root, what to do in the app."""
    text = str(e)
    if isinstance(e, RootError) and "several sinks" in text:
        head = text.split(";")[0]
        return f"{head}; {CHOOSE_OUTPUT}."
    return text
