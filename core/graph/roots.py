"""Which node a backward pass starts from, for a model and for a file's
tables alike (the headless command needs no model)."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from typing import Any, Protocol

from core.graph.errors import RootError

#: (id, label) of every node, asked only when a given id is not one
Labels = Callable[[], Iterable[tuple[str, Any]]]


def resolve_root(
    root: str | None,
    output: str | None,
    nodes: Container[str],
    sinks: Callable[[], list[str]],
    labels: Labels | None = None,
) -> str:
    """``root``, else the graph's ``output``, else its single sink (of
    ``sinks()``, asked only then); RootError saying why there is none (and,
    when ``root`` is no id but a label of ``labels()``, which id to use)."""
    if root is not None:
        if root not in nodes:
            hint = label_hint(root, labels()) if labels is not None else ""
            raise RootError(f"unknown root {root!r}: no node has that id{hint}")
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


def label_hint(text: str, labels: Iterable[tuple[str, Any]], most: int = 3) -> str:
    """For an error on ``text``, which is no node's id: "" unless it is
    exactly the label of some of ``labels`` (id, label), then which ids
    those nodes have (the commands take ids, the canvas shows labels)."""
    found = [n for n, label in labels if label == text and n != text]
    if not found:
        return ""
    if len(found) == 1:
        return f"; the node labelled {text!r} has the id {found[0]!r} (use that)"
    shown = ", ".join(map(repr, found[:most]))
    more = f" and {len(found) - most} more" if len(found) > most else ""
    return f"; {len(found)} nodes are labelled {text!r}, with the ids {shown}{more} (use one of those)"


def id_note(text: str, labels: Iterable[tuple[str, Any]], most: int = 3) -> str:
    """For an id given to a command (``--root``, ``--wrt``, ``--leaves``)
    that is also the label of another node: "note: 'x1' is the id of the
    node labelled 'w'; the node labelled 'x1' has the id 'x2'" (the command
    uses the id, as the spec says, but a reader of the canvas meant the
    card x1: trial 49's ``forward --wrt x1`` differentiated w); else ""."""
    own: Any = None
    found = False
    others: list[str] = []
    for n, label in labels:
        if n == text:
            own, found = label, True
        elif label == text:
            others.append(n)
    if not (found and others):  # (no node has that id: the command's own error says which has)
        return ""
    node = f"the node labelled {own!r}" if own and own != text else "a node with no label"
    if len(others) == 1:
        them = f"the node labelled {text!r} has the id {others[0]!r}"
    else:
        shown = ", ".join(map(repr, others[:most]))
        more = f" and {len(others) - most} more" if len(others) > most else ""
        them = f"{len(others)} nodes are labelled {text!r}, with the ids {shown}{more}"
    return f"note: {text!r} is the id of {node}; {them}"


class _Nodes(Protocol):  # a GraphModel (not imported: the model imports this module)
    def nodes(self) -> list[str]: ...
    def node(self, node_id: str) -> dict: ...


def model_labels(model: _Nodes) -> Iterable[tuple[str, Any]]:
    """(id, label) of every node of ``model``, for :func:`label_hint` and :func:`id_note`."""
    return ((n, model.node(n).get("label")) for n in model.nodes())
