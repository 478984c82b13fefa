"""Which wires are drawn as linked copies (View › Linked Copies of Shared Values).

A leaf (a Value with no inputs: a weight, a bias, a data input) used more
than once, by a consumer in another group than its own, sends a long wire
across the frames between them; the expanded MLP's weights made a mesh of
them (issue 10, "Layout of shared weights"). Such a wire is drawn instead as
a small copy of the leaf beside the consumer's port (gui/canvas/linked/
copy_item.py). A wire into a folded card is left as it is: the card stands
for many nodes, its port is not the consumer's. A leaf folded away with its
group (the MLP's weights card) still has its copies beside open consumers:
each output row of that card is the leaf itself (the layer opened alone drew
long wires from the weights card across it).

Plain Python over the model: answered per source and cached until the
graph or its groups change, so a question costs O(1) and nothing is worked
out for wires nobody draws. View state only: the model is never changed.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import compress
from operator import not_
from typing import Any

from core.graph.model import GraphModel

Key = tuple[str, str, int]
_NONE: frozenset[tuple[str, int]] = frozenset()


class LinkedRule:
    """The rule of one scene's model, on or off (the View option)."""

    __slots__ = ("model", "on", "_of", "_all", "_shared", "_across", "asked", "filtered", "reads", "version")

    def __init__(self, model: GraphModel, on: bool = True) -> None:
        self.model = model
        self.on = on
        self._of: dict[str, frozenset[tuple[str, int]]] = {}  # source -> its linked (target, port)s
        self._all: frozenset[Key] | None = None  # every linked wire (the far overview's), when asked
        #: The leaves used more than once by a node in another group, and their uses,
        #: with the groups' revision they were read at (folding changes neither).
        self._shared: tuple[int, dict[str, list[tuple[str, int]]]] | None = None
        #: Of those leaves, each use in another group than the leaf's: (key, the
        #: leaf's group, the user's group), and all their keys (with every group
        #: open, the linked wires), read with ``_shared`` (the dict they were read from).
        self._across: tuple[dict, list[tuple[Key, str | None, str | None]], frozenset[Key]] | None = None
        #: Sources the rule was worked out for since the last change (tests count them).
        self.asked = 0
        #: Uses looked at to leave out the folded ones (tests count them: none with every group open).
        self.filtered = 0
        #: Passes over every leaf's uses (``_shared_leaves``; tests count them: one per delete).
        self.reads = 0
        #: Counts the changes: what was drawn from an older answer is drawn again (cell_ink.py).
        self.version = 0

    def changed(self, wiring: bool = True) -> None:
        """The graph or its groups changed (``wiring`` False: only which groups
        are folded): answers are worked out again when asked."""
        self.version += 1
        self._of.clear()
        self._all = None
        if wiring:
            self._shared = None

    def known(self) -> frozenset[Key] | None:
        """The linked wires as last worked out for the far overview (None: not since the last change)."""
        return self._all

    def copies_of(self, source: str) -> frozenset[tuple[str, int]]:
        """The (target, port)s where ``source`` is drawn as a linked copy."""
        if not self.on:
            return _NONE
        got = self._of.get(source)
        if got is None:
            got = self._of[source] = self._work_out(source)
        return got

    def is_linked(self, key: Key) -> bool:
        """True if the wire ``key`` is drawn as a copy beside its target's port."""
        return self.on and (key[1], key[2]) in self.copies_of(key[0])

    def linked_inputs(self, target: str) -> list[tuple[int, str]]:
        """(port, source) of each input of ``target`` drawn as a linked copy."""
        if not self.on or target not in self.model:
            return []
        ins = enumerate(self.model.inputs(target))
        return [(p, s) for p, s in ins if s is not None and (target, p) in self.copies_of(s)]

    def every_key(self) -> Collection[Key]:
        """Every linked wire (the far overview leaves their lines out): the
        uses across groups read once per wiring and groups' members
        (``_uses_across``), then those with an end folded away left out by
        the group each end is in (none with every group open: the set as
        read), and only for a graph with groups (without any, every wire is
        in the same group: none is linked). A fold asks no node where it is
        folded (Expand All at 50,000 nodes asked 11,000: ~10 ms)."""
        if not self.on or len(self.model.groups) == 0:
            return _NONE  # type: ignore[return-value]
        if self._all is None:
            uses, every = self._uses_across()
            hidden = hidden_groups(self.model.groups)
            if not hidden:
                self._all = every
            else:
                self.filtered += len(uses)
                self._all = frozenset([k for k, _a, b in uses if b not in hidden])
        return self._all

    def _uses_across(self) -> tuple[list[tuple[Key, str | None, str | None]], frozenset[Key]]:
        """Each use of a shared leaf (``_shared_leaves``) by a node in another
        group: (key, the leaf's group, the user's group); and their keys."""
        shared = self._shared_leaves()
        if self._across is None or self._across[0] is not shared:
            of = self.model.groups.membership()
            uses: list[tuple[Key, str | None, str | None]] = []
            for s, us in shared.items():
                home = of.get(s)
                for t, p in us:
                    g = of.get(t)
                    if g != home:
                        uses.append(((s, t, p), home, g))
            self._across = (shared, uses, frozenset([u[0] for u in uses]))
        return self._across[1], self._across[2]

    def _shared_leaves(self) -> dict[str, list[tuple[str, int]]]:
        """The leaves used more than once, one use at least in another group,
        and all their uses: one pass over the leaves while the wiring
        and the groups' members stay (folding a group is no reason to read it again)."""
        gs = self.model.groups
        if self._shared is not None and self._shared[0] == gs.revision:
            return self._shared[1]
        self.reads += 1
        table, of, succ = self.model.input_table(), gs.membership(), self.model.use_table()
        shared: dict[str, list[tuple[str, int]]] = {}
        # each leaf's uses as networkx keeps them: only those used twice, one
        # use in another group, are listed (a pass over every wire cost twice this)
        for s in compress(table.keys(), map(not_, table.values())):
            ts = succ[s]
            if not ts:
                continue
            home = of.get(s)
            if len(ts) == 1:
                ((t, keyed),) = ts.items()
                if len(keyed) < 2 or of.get(t) == home:
                    continue
            elif all(of.get(t) == home for t in ts):
                continue
            shared[s] = [(t, d["port"]) for t, keyed in ts.items() for d in keyed.values()]
        self._shared = (gs.revision, shared)
        return shared

    def _work_out(self, s: str) -> frozenset[tuple[str, int]]:
        m = self.model
        self.asked += 1
        if s not in m or m.input_table()[s]:
            return _NONE
        uses = m.consumers(s)
        if len(uses) < 2:
            return _NONE
        gs = m.groups
        home = gs.group_of(s)
        return frozenset((t, p) for t, p in uses if gs.group_of(t) != home and gs.folded_into(t) is None)


def hidden_groups(groups: Any) -> set[str]:
    """The groups folded away: collapsed, or inside a collapsed one (a node
    directly in one is what ``folded_into`` says is hidden)."""
    out: set[str] = set()
    for g in groups:
        a: str | None = g.id
        while a is not None:
            h = groups.get(a)
            if h.collapsed:
                out.add(g.id)
                break
            a = h.parent
    return out
