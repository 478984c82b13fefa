"""Find: which nodes a typed text matches, and in which order to visit them.

A node matches when the text is part of its label or its id, ignoring case
and spelling prime marks as apostrophes (``d'`` finds d′, ``c''`` c″).
The nodes whose label matches come first (what the cards read: a card
labelled x1 whose hidden id is x2 is not the first "x2", trial 49), then
those found only by their id (:meth:`Finder.by_id` tells which, for the bar
to say so). Each kind is visited in reading order of where it is *shown*: top to
bottom, then left to right, starting from the best (the node whose whole
label is the text, else one whose label is a name starting with it,
else one whose label starts with it, the first in reading order of each
kind; among the id matches, one whose whole id is the text), counted as the first;
a node folded into a group's card is where that
card is (the card's top-left corner: the smallest x and y of its nodes), and
the matches inside one card follow each other in their own reading order.
A group whose name holds the text is found too (trial 52: "layer" found
nothing with twelve "layer …" cards in view), after the nodes found by their
label, as its first node in reading order (:meth:`Finder.group_hit` tells
which group, for the bar to show the group itself). The groups found come in
their names' natural order ("layer 1 [1]", "layer 1 [2]", …, "layer 2 [1]",
numbers as numbers), not their cards' places: an MLP's "layer 2" card sits a
few pixels higher than "layer 1"'s, and "layer" went to layer 2 first.

The index (lower-cased texts, already in that order) is built once and kept
until the graph changes, so each keystroke is one pass of ``in`` over plain
strings: no model calls, no sorting. Nothing here needs Qt.
"""

from __future__ import annotations

import re
from typing import Any

from core.graph.groups import GroupSet

_SEP = "\x00"  # between a node's label and id in its search text: no match spans both
#: Labels write derivatives with prime marks (d′, c″) that keyboards lack:
#: both sides of a search spell them with apostrophes, so "d'" finds d′.
_PRIMES = str.maketrans({"\u2032": "'", "\u2033": "''", "\u2034": "'''", "\u2019": "'"})


def _fold(text: str) -> str:
    """``text`` as searched: case folded, prime marks as apostrophes."""
    return text.casefold().translate(_PRIMES)


def _natural(name: str) -> tuple[tuple[int, str], ...]:
    """``name``'s sort key with its numbers as numbers ("layer 2" before "layer 10")."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"(\d+)", name))


#: What joins a label's parts ("w2.3.1·h1.1[1]", "x1*w1 + x2*w2", "tanh(n)"): not a name's own
#: characters (the dots and brackets of "h1.2[1]").
_JOINS = frozenset(" ·*×/+−-()^,")


def _parts(text: str, start: int) -> bool:
    """Whether the label in ``text`` (an index text: its label, ``_SEP``, its id) goes on
    past ``start`` into more parts than one name."""
    end = text.index(_SEP)
    return any(c in _JOINS for c in text[start:end])


def _index_signals(m: Any) -> tuple:
    """The model's signals that make the index stale (one node, or a batch)."""
    return (m.node_added, m.node_removed, m.node_moved, m.nodes_added, m.nodes_removed, m.nodes_moved)


class Finder:
    """Finds nodes of one model by label or id; see the module docstring."""

    def __init__(self, model: Any) -> None:
        self._model = model
        #: Which of the last ``find``'s matches to go to first (an exact one).
        self.first = 0
        self._ids: list[str] = []  # in reading order
        self._texts: list[str] = []  # "label\0id" as searched (_fold), same order
        self._ends: list[int] = []  # where each text's label ends (its _SEP), same order
        self._id_only: set[str] = set()  # the last find's matches found by their id alone
        self._card: dict[str, str] = {}  # node -> the folded group shown in its place
        self._groups: list[tuple[str, str, int]] = []  # (name as searched, group, its first node's place)
        self._group_hits: dict[str, str] = {}  # the last find's group matches: first node -> group
        self._stale = True
        self.builds = 0  # how many times the index was built (tests count them)
        for sig in _index_signals(model):
            sig.connect(self.invalidate)
        model.node_changed.connect(self._node_changed)
        model.groups.changed.connect(self.invalidate)

    def detach(self) -> None:
        """Stop following the model (it was replaced)."""
        m = self._model
        for sig in _index_signals(m):
            sig.disconnect(self.invalidate)
        m.node_changed.disconnect(self._node_changed)
        m.groups.changed.disconnect(self.invalidate)

    def invalidate(self, *_: Any) -> None:
        """The graph changed: the index is rebuilt on the next search."""
        self._stale = True

    def _node_changed(self, _node: str, attr: str) -> None:
        if attr == "label":  # a new value or exponent finds nothing new
            self._stale = True

    # ------------------------------------------------------------ queries
    def find(self, text: str) -> list[str]:
        """Ids of the nodes whose label or id contains ``text`` (any case),
        in reading order of where they are shown; [] for a blank text."""
        q = _fold(text.strip())
        if not q or _SEP in q:
            return []
        if self._stale:
            self._build()
        ids, texts = self._ids, self._texts
        hits = [i for i, t in enumerate(texts) if q in t]
        # by label first; a hit whose label lacks the text was found by its id
        ends = self._ends
        by_id = [i for i in hits if texts[i].find(q) > ends[i]]  # (the first place it is: past the label)
        self._id_only = {ids[i] for i in by_id}
        self.first = 0
        if by_id:
            only = set(by_id)
            hits = [i for i in hits if i not in only]
        found = {*hits, *by_id}
        named = {at: (name, g) for name, g, at in self._groups if q in name and at not in found}
        self._group_hits = {ids[at]: g for at, (_, g) in named.items()}
        groups = sorted(named, key=lambda at: (_natural(named[at][0]), at))  # (see the module docstring)
        if not hits:  # ids alone: the one whose whole id is the text first
            tail = _SEP + q
            at = next((k for k, i in enumerate(by_id) if texts[i].endswith(tail)), 0)
            return [ids[i] for i in groups + by_id[at:] + by_id[:at]]
        # the first match to go to: one whose whole label is the text
        # ("n1234" went to n12348 first), else one whose label is a name that
        # starts with it ("h1.2" went to w2.1.2·h1.2, a card 13 px above
        # h1.2[1]), else one whose label starts with it, made of parts ("w2.3"
        # went to the product w2.3.1·h1.1[1], above its weight w2.3.1), else
        # the first; each the first in reading order of its kind
        whole = q + _SEP
        exact = (k for k, i in enumerate(hits) if texts[i].startswith(whole))
        best = next(exact, None)
        if best is None:
            starts = [(_parts(texts[i], len(q)), k) for k, i in enumerate(hits) if texts[i].startswith(q)]
            best = min(starts)[1] if starts else 0
        # counted from it ("1 of 5", not "3 of 5" for the exact match: a trial), on in reading order
        hits = hits[best:] + hits[:best]
        return [ids[i] for i in hits + groups + by_id]

    def group_hit(self, node: str) -> str | None:
        """The group the last :meth:`find` found by its name, standing as its first node ``node``."""
        return self._group_hits.get(node)

    def by_id(self, node: str) -> bool:
        """Whether the last :meth:`find` matched ``node`` by its id alone
        (its label, which its card shows, lacks the text)."""
        return node in self._id_only

    def prepare(self) -> None:
        """Build the index now if the graph changed (before the first keystroke)."""
        if self._stale:
            self._build()

    def folded_into(self, node: str) -> str | None:
        """The folded group whose card shows ``node`` (as of the last
        search), or None when the node's own card is shown."""
        if self._stale:
            self._build()
        return self._card.get(node)

    # ------------------------------------------------------------ the index
    def _build(self) -> None:
        m = self._model
        card = shown_cards(m.groups)
        node_of = card_of_nodes(m.groups, card)
        anchor: dict[str, tuple[float, float]] = {}
        rows: list[tuple[float, float, float, float, str, str]] = []
        for n, a in m.graph.nodes(data=True):
            x, y = float(a.get("x", 0.0)), float(a.get("y", 0.0))
            g = node_of.get(n)
            if g is not None:
                ax, ay = anchor.get(g, (x, y))
                anchor[g] = (min(ax, x), min(ay, y))
            rows.append((y, x, y, x, n, a.get("label") or n))
        if anchor:  # a folded node sorts where its card is, then by its own place
            for i, r in enumerate(rows):
                g = node_of.get(r[4])
                if g is not None:
                    ax, ay = anchor[g]
                    rows[i] = (ay, ax, *r[2:])
        rows.sort()
        self._ids = [r[4] for r in rows]
        self._texts = [_fold(f"{r[5]}{_SEP}{r[4]}") for r in rows]
        self._ends = [t.index(_SEP) for t in self._texts]
        self._card = node_of
        at = {n: i for i, n in enumerate(self._ids)}
        gs = m.groups
        self._groups = [
            (_fold(g.label), g.id, min(map(at.__getitem__, inside)))
            for g in gs
            if g.label and (inside := gs.nodes_in(g.id))
        ]
        self._stale = False
        self.builds += 1


def shown_cards(groups: GroupSet) -> dict[str, str | None]:
    """For every group, the outermost folded group that is it or holds it
    (the card shown in its place), or None when it is open and shown.
    One walk up per group, remembered: O(groups × depth)."""
    parent = {g.id: g.parent for g in groups}
    collapsed = {g.id: g.collapsed for g in groups}
    out: dict[str, str | None] = {}
    for gid in parent:
        path: list[str] = []
        g: str | None = gid
        while g is not None and g not in out:
            path.append(g)
            g = parent[g]
        hidden = out[g] if g is not None else None
        for p in reversed(path):  # outermost first: an outer folded group wins
            if hidden is None and collapsed[p]:
                hidden = p
            out[p] = hidden
    return out


def card_of_nodes(groups: GroupSet, card: dict[str, str | None]) -> dict[str, str]:
    """node -> the folded card shown in its place, for every hidden node."""
    out: dict[str, str] = {}
    for g in groups:
        c = card.get(g.id)
        if c is not None:
            for n in g.members:
                out[n] = c
    return out
