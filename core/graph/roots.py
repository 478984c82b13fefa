"""Which node a backward pass starts from, for a model and for a file's
tables alike (the headless command needs no model)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Container, Iterable
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
            what = "id" if " the id" in hint else "id or label"  # (a label named: which id)
            raise RootError(f"unknown root {root!r}: no node has that {what}{hint}")
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


def named(text: str, labels: Iterable[tuple[str, Any]]) -> str:
    """The id ``text`` names among ``labels`` (id, label): ``text`` itself
    when a node has that id (an id always wins, as the spec's commands take
    ids), else the id of the one node labelled ``text`` (the MLP's card
    x2[1] is x1_2: trial 50); else ``text`` as it is, for the caller's
    error (:func:`label_hint` says which ids an ambiguous label has)."""
    found = []
    for n, label in labels:
        if n == text:
            return text
        if label == text:
            found.append(n)
    return found[0] if len(found) == 1 else text


def label_hint(
    text: str, labels: Iterable[tuple[str, Any]], leaves: Collection[str] | None = None, most: int = 3
) -> str:
    """For an error on ``text``, which is no node's id: which ids the nodes
    labelled ``text`` have (the commands take a label only where one node
    has it); where none is, a close match ("; did you mean 'x'?") and the
    nodes there are (of ``leaves`` where given: what --wrt and --leaves
    take), the first few, named as they can be given (trial 50: "no node
    has that id" left the user guessing)."""
    pairs = list(labels)
    found = [n for n, label in pairs if label == text and n != text]
    if not found:
        return _choices(text, pairs, leaves)
    if len(found) == 1:
        return f"; the node labelled {text!r} has the id {found[0]!r} (use that)"
    shown = ", ".join(map(repr, found[:most]))
    more = f" and {len(found) - most} more" if len(found) > most else ""
    return f"; {len(found)} nodes are labelled {text!r}, with the ids {shown}{more} (use one of those)"


#: how many of the nodes there are a "not found" lists
LISTED = 8


def _choices(text: str, pairs: list[tuple[str, Any]], leaves: Collection[str] | None) -> str:
    """ "; did you mean 'y'? (leaves: x, y)": a close match of the ids and
    labels of the nodes to choose from, and the first :data:`LISTED` of
    them, each by its label where that names it alone, else by its id."""
    if leaves is not None:
        pairs = [(n, label) for n, label in pairs if n in leaves]
    if not pairs:
        return ""
    ids = {n for n, _ in pairs}
    count: dict[Any, int] = {}
    for _, label in pairs:
        count[label] = count.get(label, 0) + 1
    names = [
        label if isinstance(label, str) and label and count[label] == 1 and label not in ids else n
        for n, label in pairs
    ]
    lowered = {c.lower(): c for c in reversed([*names, *ids])}  # (X for x: any case)
    close = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.6)
    guess = f"; did you mean {lowered[close[0]]!r}?" if close else ""
    shown = names if len(names) <= LISTED + 2 else names[:LISTED]  # ("… (1 more)": said in its room)
    more = f", … ({len(names) - len(shown)} more)" if len(shown) < len(names) else ""
    what = "leaves" if leaves is not None else "nodes"
    return f"{guess} ({what}: {', '.join(map(_listed, shown))}{more})"


def _listed(name: str) -> str:
    """A name in a list: as it is (x, w1.1.1, x2[1]), quoted where it holds
    a space, a comma or an operator ('x*y + x**2')."""
    return name if re.fullmatch(r"[\w.\[\]-]+", name) else repr(name)


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
