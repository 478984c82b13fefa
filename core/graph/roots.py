"""Which node a backward pass starts from, for a model and for a file's
tables alike (the headless command needs no model)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
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
    by_id: bool = False,
) -> str:
    """``root``, else the graph's ``output``, else its single sink (of
    ``sinks()``, asked only then); RootError saying why there is none (and,
    when ``root`` is no id but a label of ``labels()``, which id to use;
    else what there is, as :func:`not_found` for a command that takes ids
    only where ``by_id``)."""
    if root is not None:
        if root not in nodes:
            said = not_found(root, labels(), by_id=by_id) if labels is not None else "no node has that id"
            raise RootError(f"unknown root {root!r}: {said}")
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


def not_found(
    text: str, labels: Iterable[tuple[str, Any]], leaves: Collection[str] | None = None, by_id: bool = False
) -> str:
    """Why ``text`` names no node, for an error: "no node has that id; the
    node labelled 'x2[1]' has the id 'x1_2' (use that)", or "no node has
    that id or label", and :func:`label_hint`'s guess and list."""
    hint = label_hint(text, labels, leaves, by_id=by_id)
    what = "id" if " the id" in hint else "id or label"  # (a label named: which id)
    return f"no node has that {what}{hint}"


def label_hint(
    text: str,
    labels: Iterable[tuple[str, Any]],
    leaves: Collection[str] | None = None,
    most: int = 3,
    by_id: bool = False,
) -> str:
    """For an error on ``text``, which is no node's id: which ids the nodes
    labelled ``text`` have (the commands take a label only where one node
    has it); where none is, a close match ("; did you mean 'x'?") and the
    nodes there are (of ``leaves`` where given: what --wrt and --leaves
    take), the first few, named as they can be given: by id where ``by_id``
    (backward, forward, hessian take ids only), else by label (trial 50:
    "no node has that id" left the user guessing)."""
    pairs = list(labels)
    found = [n for n, label in pairs if label == text and n != text]
    if not found:
        return _choices(text, pairs, leaves, by_id)
    if len(found) == 1:
        return f"; the node labelled {text!r} has the id {found[0]!r} (use that)"
    shown = ", ".join(map(repr, found[:most]))
    more = f" and {len(found) - most} more" if len(found) > most else ""
    return f"; {len(found)} nodes are labelled {text!r}, with the ids {shown}{more} (use one of those)"


#: how many of the nodes there are a "not found" lists
LISTED = 8
#: how many names starting as the text typed are guessed at once ("x1": x1[1] … x1[4])
GUESSED = 4


def _choices(text: str, pairs: list[tuple[str, Any]], leaves: Collection[str] | None, by_id: bool) -> str:
    """ "; did you mean 'y'? (leaves: x, y)": a close match of the nodes to
    choose from, and the first :data:`LISTED` of them (those nearest what
    was typed first, where not all are listed: "x1" lists the x's of an
    MLP, not its first weights), each as the command takes it: by id, its
    label beside it, where ``by_id``; else by its label where that names
    it alone, else by its id (review 50: "did you mean 'tanh1'? (nodes:
    'x*y', …)" listed labels backward refuses)."""
    if leaves is not None:
        pairs = [(n, label) for n, label in pairs if n in leaves]
    if not pairs:
        return ""
    ids = {n for n, _ in pairs}
    label = {n: t for n, t in pairs if isinstance(t, str) and t and t != n}  # (shown beside an id)
    count = Counter(label.values())
    alone = {n: t for n, t in label.items() if count[t] == 1 and t not in ids}  # a label naming its node
    names = {n: n if by_id else alone.get(n, n) for n, _ in pairs}
    keys = {**{t: n for n, t in alone.items()}, **{n: n for n in names}}  # (what a guess may be close to)
    meant = _guess(text, names, keys)
    if not meant:
        guess = ""
    elif by_id:
        guess = f"; did you mean {_or([_with_label(repr(n), label.get(n), 'labelled ') for n in meant])}?"
    else:
        guess = f"; did you mean {_or([repr(names[n]) for n in meant])}?"
    order = list(names)
    if len(order) > LISTED + 2:  # ("… (1 more)": said in its room)
        near = lambda n: -max(_common(text, names[n]), _common(text, label.get(n, "")) if by_id else 0)
        order = sorted(order, key=near)[:LISTED]
    shown = [_with_label(_listed(n), label.get(n), "") if by_id else _listed(names[n]) for n in order]
    more = f", … ({len(names) - len(order)} more)" if len(order) < len(names) else ""
    what = ("leaf ids" if by_id else "leaves") if leaves is not None else "ids" if by_id else "nodes"
    return f"{guess} ({what}: {', '.join(shown)}{more})"


def _guess(text: str, names: dict[str, str], keys: dict[str, str]) -> list[str]:
    """The nodes ``text`` may have meant, by id: the one ``names`` names so
    in any case (X for x), else those whose name starts so (up to
    :data:`GUESSED`: "x1" for x1[1] … x1[4]), else the one whose id or
    label (``keys``: either, to its node) is closest ("tanh": tanh1)."""
    low = text.lower()
    same = [n for n, name in names.items() if name.lower() == low]
    if same:
        return same[:1]
    start = [n for n, name in names.items() if name.lower().startswith(low)]
    if 0 < len(start) <= GUESSED and low:
        return start
    lowered: dict[str, str] = {}
    for k, n in keys.items():
        lowered.setdefault(k.lower(), n)
    close = difflib.get_close_matches(low, list(lowered), n=1, cutoff=0.6)
    return [lowered[close[0]]] if close else []


def _or(items: list[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _with_label(shown: str, label: str | None, word: str) -> str:
    """An id as a command that takes ids is told it, its node's label (where
    it has one other than its id) beside it: "tanh1 (tanh(x*y + x**2))"."""
    return f"{shown} ({word}{label})" if label else shown


def _common(text: str, name: str) -> int:
    """How many first characters ``name`` shares with ``text``, in any case."""
    k = 0
    for a, b in zip(text.lower(), name.lower()):
        if a != b:
            break
        k += 1
    return k


def _listed(name: str) -> str:
    """A name in a list: as it is (x, w1.1.1, x2[1]), quoted where it holds
    a space, a comma or an operator ('x*y + x**2')."""
    return name if re.fullmatch(r"[\w.\[\]-]+", name) else repr(name)


def id_note(text: str, labels: Iterable[tuple[str, Any]], most: int = 3) -> str:
    """For an id given to a command (``--root``, ``--wrt``, ``--leaves``)
    that is also the label of another node: "note: 'x1' is the id of the
    node labelled 'w'; the node labelled 'x1' has the id 'x2'" (the command
    uses the id, as the spec says, but a reader of the canvas meant the
    card x1: trial 49's ``forward --wrt x1`` differentiated w); where the
    id's node is labelled so too, "note: 'x' is an id (of the node labelled
    'x'); another node, id 'y', is also labelled 'x'"; else ""."""
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
    ids = ", ".join(map(repr, others[:most])) + (
        f" and {len(others) - most} more" if len(others) > most else ""
    )
    one = len(others) == 1
    if own == text:  # (review 50 read "a node with no label" here)
        also = f"another node, id {ids}, is" if one else f"{len(others)} other nodes, ids {ids}, are"
        return f"note: {text!r} is an id (of the node labelled {text!r}); {also} also labelled {text!r}"
    them = (
        f"the node labelled {text!r} has the id {ids}"
        if one
        else f"{len(others)} nodes are labelled {text!r}, with the ids {ids}"
    )
    node = f"the node labelled {own!r}" if own else "a node with no label"
    return f"note: {text!r} is the id of {node}; {them}"


class _Nodes(Protocol):  # a GraphModel (not imported: the model imports this module)
    def nodes(self) -> list[str]: ...
    def node(self, node_id: str) -> dict: ...


def model_labels(model: _Nodes) -> Iterable[tuple[str, Any]]:
    """(id, label) of every node of ``model``, for :func:`label_hint` and :func:`id_note`."""
    return ((n, model.node(n).get("label")) for n in model.nodes())


#: More end nodes than this: the likeliest is not worked out by each one's past (a big graph's many ends).
LIKELY_AMONG = 64


def likeliest_end(sinks: list[str], past_size: Callable[[str], int], is_leaf: Callable[[str], bool]) -> int:
    """Which of several ``sinks`` a pass most likely starts from (its index):
    the one with the most nodes in its past, the latest made among equals
    (trial 54: the chooser preselected a leaf a delete had left on its own,
    not L); among more than :data:`LIKELY_AMONG`, the latest operation."""
    if not sinks:
        return 0
    if len(sinks) > LIKELY_AMONG:
        ops = [i for i, n in enumerate(sinks) if not is_leaf(n)]
        return ops[-1] if ops else len(sinks) - 1
    sizes = [past_size(n) for n in sinks]
    return max(range(len(sinks)), key=lambda i: (sizes[i], i))
