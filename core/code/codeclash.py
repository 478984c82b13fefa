"""A name a formula assigns that a card on the canvas shows already (trial
51: on the neuron, ``o = (exp(2*n) - 1)/(exp(2*n) + 1)`` added a second
"o" and made it the output without a word; ``o = tanh(n)`` a third).

:func:`clashes` finds them; the f(x) bar asks whether the new node replaces
the old one or takes a name of its own (:func:`rename_apart`: "o2").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from core.code.codegraph import CodeGraph
from core.graph.layout import NODE_H, NODE_W
from core.graph.model import GraphModel


@dataclass
class Clash:
    """Parsed node ``index`` assigns ``name``, which ``cards`` on the canvas show."""

    index: int
    name: str
    cards: list[str]


def _shown(spec) -> str | None:
    return spec.label if spec.label is not None else spec.name


def clashes(model: GraphModel, graph: CodeGraph) -> list[Clash]:
    """The nodes ``graph`` assigns a name (``o`` of ``o = tanh(n)``, ``x1`` of
    ``x1 = 3``; not a name it only reads, which is the canvas's node) that a
    card on the canvas shows already."""
    wanted = {
        _shown(s): i
        for i, s in enumerate(graph.nodes)
        if s.name and not (s.op == "leaf" and s.value is None and not s.constant)
    }
    wanted.pop(None, None)
    if not wanted:
        return []
    cards: dict[str, list[str]] = {}
    for n in model.nodes():
        label = model.label(n)
        if label in wanted:
            cards.setdefault(label, []).append(n)
    return [Clash(i, name, cards[name]) for name, i in wanted.items() if name in cards]


def free_name(name: str, taken: set) -> str:
    """``name`` with the first number from 2 that no card and no id holds:
    "o2" ("x1_2" for x1: "x12" would read as another name)."""
    sep = "_" if name[-1:].isdigit() else ""
    for k in itertools.count(2):
        cand = f"{name}{sep}{k}"
        if cand not in taken:
            return cand
    raise AssertionError  # pragma: no cover


def new_names(model: GraphModel, graph: CodeGraph, found: list[Clash]) -> list[str]:
    """The names the clashing nodes would take to keep clear of every card,
    id and name in the text ("o2")."""
    taken = set(model.nodes()) | {model.label(n) for n in model.nodes()}
    taken |= {x for s in graph.nodes for x in (s.name, s.label) if x}
    out: list[str] = []
    for c in found:
        out.append(free_name(c.name, taken))
        taken.add(out[-1])
    return out


def rename_apart(graph: CodeGraph, found: list[Clash], new: list[str]) -> dict[str, str]:
    """Give each clashing node of ``graph`` its name from ``new`` (its label,
    and its id where the name was its id stem); old name -> new name."""
    for c, name in zip(found, new):
        spec = graph.nodes[c.index]
        if spec.name == c.name or spec.label is None:
            spec.name = name
        spec.label = name
    return {c.name: name for c, name in zip(found, new)}


def replaceable(found: list[Clash], reused: set) -> bool:
    """Whether each clash names one card that the formula does not read
    (``o = o*2`` builds on the old o: it cannot take its place)."""
    olds = [c.cards[0] for c in found if len(c.cards) == 1]
    return len(olds) == len(found) and len(set(olds)) == len(olds) and not set(olds) & reused


def in_old_places(model: GraphModel, nodes: list, swaps: dict[str, str]) -> None:
    """Each new node that replaces an old one (``swaps``: old id -> new id;
    ``nodes``: a plan's (id, attrs) pairs, moved in place) at the old card's
    spot (trial 51 #7: the new o sat up-right of n, the view scrolled to it);
    the other new nodes moved with it where none of them then lands on a
    card the replace keeps, else left where they were laid out."""
    at = {nid: a for nid, a in nodes}
    moved = [(old, new) for old, new in swaps.items() if new in at and old in model]
    if not moved:
        return
    old, new = moved[0]
    (ox, oy), a = model.position(old), at[new]
    dx, dy = ox - a["x"], oy - a["y"]
    rest = [a for nid, a in nodes if nid not in swaps.values()]
    kept = [model.position(n) for n in model.nodes() if n not in swaps]

    def clear(a: dict) -> bool:
        x, y = a["x"] + dx, a["y"] + dy
        return all(abs(x - kx) >= NODE_W + 24 or abs(y - ky) >= NODE_H + 24 for kx, ky in kept)

    if all(clear(a) for a in rest):
        for a in rest:
            a["x"], a["y"] = a["x"] + dx, a["y"] + dy
    for old, new in moved:
        at[new]["x"], at[new]["y"] = model.position(old)
