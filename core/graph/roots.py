"""Which node a backward pass starts from, for a model and for a file's
tables alike (the headless command needs no model)."""

from __future__ import annotations

from collections.abc import Callable, Container

from core.graph.errors import RootError


def resolve_root(
    root: str | None, output: str | None, nodes: Container[str], sinks: Callable[[], list[str]]
) -> str:
    """``root``, else the graph's ``output``, else its single sink (of
    ``sinks()``, asked only then); RootError saying why there is none."""
    if root is not None:
        if root not in nodes:
            raise RootError(f"unknown root {root!r}: no node has that id")
        return root
    if output is not None:
        if output not in nodes:
            raise RootError(f"the graph's output {output!r} is not a node of the graph")
        return output
    found = sinks()
    if len(found) == 1:
        return found[0]
    if not found:
        raise RootError("the graph is empty: there is no node to start backward from")
    raise RootError(
        "the graph has several sinks ("
        + ", ".join(found)
        + "); choose the root (--root ID, or set the graph's output)"
    )
