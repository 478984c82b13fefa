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
out for wires nobody draws. The far overview's set of every linked wire is
read from every leaf once, then follows an edit where it is told what the
edit touched (``touched``: a delete of 500 nodes, its undo) by reading again
only those leaves (a pass over the 10,000 leaves of 50,000 nodes: ~50 ms of
each delete and undo). View state only: the model is never changed.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from itertools import compress
from operator import not_
from typing import Any

from core.graph.model import GraphModel
from core.graph.removed import RemovedNodes

Key = tuple[str, str, int]
_NONE: frozenset[tuple[str, int]] = frozenset()
#: Above this share of the graph's wires touched at once, every leaf is read again (one pass costs less).
_MANY = 4
#: How many of the set's last changes are kept (``difference``: an edit or a few between two paints).
_STEPS = 4


class LinkedRule:
    """The rule of one scene's model, on or off (the View option)."""

    __slots__ = (
        "model",
        "on",
        "_of",
        "_all",
        "_shared",
        "_across",
        "_keys",
        "_filtered",
        "_sources",
        "_users",
        "_steps",
        "asked",
        "filtered",
        "reads",
        "leaves_read",
        "compared",
        "told",
        "version",
        "_parked",
        "taken_back",
    )

    def __init__(self, model: GraphModel, on: bool = True) -> None:
        self.model = model
        self.on = on
        self._of: dict[str, frozenset[tuple[str, int]]] = {}  # source -> its linked (target, port)s
        self._all: frozenset[Key] | None = None  # every linked wire (the far overview's), when asked
        #: The leaves used more than once by a node in another group, and their uses,
        #: with the groups' revision they were read at (folding changes neither).
        self._shared: tuple[int, dict[str, list[tuple[str, int]]]] | None = None
        #: Of those leaves, each use in another group than the leaf's: key -> the user's
        #: group; and all their keys (with every group open, the linked wires): one object
        #: while no edit changes them (the overview keeps its lines without them by identity).
        self._across: dict[Key, str | None] = {}
        self._keys: frozenset[Key] = frozenset()
        #: The groups folded away and the linked wires with them (those of ``_keys`` into no
        #: such group), kept up to date through edits as ``_keys`` is (None: not worked out).
        self._filtered: tuple[set[str], frozenset[Key]] | None = None
        #: Since ``_shared`` was read: the nodes whose uses changed, or that came or went,
        #: and those that moved into or out of a group (their inputs' uses are read again).
        self._sources: set[str] = set()
        self._users: set[str] = set()
        #: The last changes ``_follow`` made to those sets: (before, after, the wires in one
        #: only), so those who drew one learn what differs without comparing them (``difference``).
        self._steps: list[tuple[frozenset[Key], frozenset[Key], set[Key]]] = []
        #: Sources the rule was worked out for since the last change (tests count them).
        self.asked = 0
        #: Uses looked at to leave out the folded ones (tests count them: none with every group open).
        self.filtered = 0
        #: Passes over every leaf's uses (``_shared_leaves``; tests count them: none per delete).
        self.reads = 0
        #: Leaves read again after an edit told what it touched (tests count them).
        self.leaves_read = 0
        #: Two sets compared whole by ``difference`` (tests count them: none for an edit's steps).
        self.compared = 0
        self.told = 0  # (and those told from the steps)
        #: Counts the changes: what was drawn from an older answer is drawn again (cell_ink.py).
        self.version = 0
        #: The tables a delete of every grouped node set aside for its undo (``_take_parked``).
        self._parked: _Parked | None = None
        #: Times they were taken back in place of reading every leaf (tests count them).
        self.taken_back = 0

    def changed(self, wiring: bool = True) -> None:
        """The graph or its groups changed (``wiring`` False: only which groups
        are folded; True: not known where, every leaf read again): answers
        are worked out again when asked."""
        self.version += 1
        self._of.clear()
        self._all = None
        if wiring:
            self._shared = None
            self._sources, self._users = set(), set()

    def another(self, model: GraphModel) -> None:
        """The scene shows another graph (New, Open): nothing of the old one kept."""
        self.model, self._parked = model, None
        self.changed()

    def touched(
        self, wires: Collection[Key] = (), nodes: Collection[str] = (), regrouped: Collection[str] = ()
    ) -> None:
        """The wiring changed where it is known: ``wires`` came or went (their
        sources' uses changed), ``nodes`` came or went, ``regrouped`` moved into or
        out of a group (whether their inputs' uses cross groups changed). Only
        those leaves are read again when asked; many at once: every leaf."""
        self.changed(wiring=False)
        m, parked = self.model, self._parked
        if parked is not None and not parked.told and not m.removing_every():
            parked.told = True  # (the delete's wires or nodes, after its groups: of the graph it takes out)
            parked.whole = None if m.whole_batch is None else weakref.ref(m.whole_batch)
        if regrouped and parked is not None and parked.told and self._take_parked():
            return
        if self._shared is None:
            return
        if regrouped and m.removing_every():  # (every node going, its groups told first)
            if not self._sources and not self._users and self._shared[0] == m.groups.revision:
                self._park()  # (as read for the groups' members before the delete: for its undo)
            self.changed()
            return
        few = max(64, self.model.edge_count() // _MANY)
        if len(wires) + len(nodes) + len(regrouped) + len(self._sources) + len(self._users) > few:
            self.changed()  # (Select All's delete, its undo: one pass over the leaves)
            return
        self._sources.update([w[0] for w in wires])
        self._sources.update(nodes)
        self._users.update(regrouped)

    def _park(self) -> None:
        """Every node is going (its groups told first), the tables up to date
        with the groups' members as they were: set aside for the delete's
        undo (``_take_parked``), the rule's own made anew when asked."""
        assert self._shared is not None
        self._parked = _Parked(self._shared[1], self._across, self._keys, self._filtered, self._steps)
        self._parked.revision = self._shared[0]
        self._across, self._keys, self._filtered, self._steps = {}, frozenset(), None, []

    def _take_parked(self) -> bool:
        """The undo of the delete that set the tables aside puts its nodes
        back into their groups: if it put back the very graph (the model's
        snapshot the delete took out, ``whole_batch``: the same wires), no
        group was made or unmade since (``revision``) and each node is in the
        group it was in (the snapshot's, a dict compare in C), the tables
        back as they were: no leaf read, and ``_keys`` the very set (the
        copies' reach kept for it is taken back whole: reach.py)."""
        p, m = self._parked, self.model
        whole, gs = m.whole_batch, m.groups
        if p is None or whole is None or p.whole is None or gs.revision != p.revision:
            return False
        if p.whole() is not whole or gs.membership() != whole.groups:
            return False
        self._parked = None
        self._shared = (gs.revision, p.shared)
        self._across, self._keys, self._filtered, self._steps = p.across, p.keys, p.filtered, p.steps
        self._sources, self._users = set(), set()
        self.taken_back += 1
        return True

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
        uses across groups read once per groups' members and followed through
        edits (``_uses_across``), then those with an end folded away left out by
        the group each end is in (none with every group open: the set as
        read), and only for a graph with groups (without any, every wire is
        in the same group: none is linked). A fold asks no node where it is
        folded (Expand All at 50,000 nodes asked 11,000: ~10 ms)."""
        if not self.on or len(self.model.groups) == 0:
            return _NONE  # type: ignore[return-value]
        if self._all is None:
            across, every = self._uses_across()
            hidden = hidden_groups(self.model.groups)
            if not hidden:
                self._all = every
            else:
                f = self._filtered
                if f is None or f[0] != hidden:
                    f = self._filtered = self._refiltered(across, hidden)
                self._all = f[1]
        return self._all

    def _refiltered(self, across: dict[Key, str | None], hidden: set[str]) -> tuple[set[str], frozenset[Key]]:
        """The linked wires with the groups ``hidden`` folded away: from those
        with the groups folded before (none: every one), by the uses of the
        nodes directly in a group folded or opened since (one group folded:
        its nodes' inputs, not the ~30,000 uses across groups of 50,000
        nodes); when many groups changed (Collapse All), all uses filtered."""
        gs = self.model.groups
        bases: list[tuple[set[str], frozenset[Key]]] = [(set(), self._keys)]  # (every group open)
        if self._filtered is not None:
            bases.append(self._filtered)
        changes = [
            [gs.get(g).members for g in was.symmetric_difference(hidden) if g in gs] for was, _k in bases
        ]
        many = [sum(map(len, users)) for users in changes]
        i = many.index(min(many))
        users, kept = changes[i], bases[i][1]
        if many[i] > len(across) // _MANY:
            self.filtered += len(across)
            return hidden, frozenset([k for k, b in across.items() if b not in hidden])
        table = self.model.input_table()
        out: list[Key] = []
        into: list[Key] = []
        for ns in users:
            for t in ns:
                for p, s in enumerate(table.get(t, ())):
                    k = (s, t, p)
                    if k in across:  # (a linked wire into a node folded away or shown now)
                        self.filtered += 1
                        if (across[k] in hidden) == (k in kept):
                            (out if k in kept else into).append(k)
        if not out and not into:
            return hidden, kept
        now = kept.difference(out).union(into)
        self._step(kept, now, {*out, *into})
        return hidden, now

    def _uses_across(self) -> tuple[dict[Key, str | None], frozenset[Key]]:
        """Each use of a shared leaf (``_shared_leaves``) by a node in another
        group: key -> the user's group; and their keys."""
        self._shared_leaves()
        return self._across, self._keys

    def _shared_leaves(self) -> dict[str, list[tuple[str, int]]]:
        """The leaves used more than once, one use at least in another group,
        and all their uses: one pass over the leaves while the wiring
        and the groups' members stay (folding a group is no reason to read it
        again); after an edit that told what it touched, those leaves only."""
        gs = self.model.groups
        if self._shared is not None and self._shared[0] == gs.revision:
            if self._sources or self._users:
                self._follow()
            return self._shared[1]
        self.reads += 1
        self._sources, self._users, self._parked = set(), set(), None  # (what was set aside: stale now)
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
        across: dict[Key, str | None] = {}
        for s, us in shared.items():
            home = of.get(s)
            for t, p in us:
                g = of.get(t)
                if g != home:
                    across[s, t, p] = g
        self._across, self._keys, self._filtered = across, frozenset(across), None
        self._steps = []
        return shared

    def _follow(self) -> None:
        """Read again the leaves an edit touched (``touched``) and change the
        tables by what they say now: ``_keys`` (and the folded filter's set)
        stay the same objects where no linked wire came or went."""
        assert self._shared is not None
        shared, across = self._shared[1], self._across
        table, of, succ = self.model.input_table(), self.model.groups.membership(), self.model.use_table()
        todo = self._sources
        for u in self._users:  # (a node moved between groups: its own uses, and its inputs')
            todo.add(u)
            todo.update([s for s in table.get(u, ()) if s is not None])
        self._sources, self._users = set(), set()
        was: dict[Key, str | None] = {}
        now: dict[Key, str | None] = {}
        for s in todo:
            self.leaves_read += 1
            old = shared.pop(s, None)
            if old is not None:
                for t, p in old:
                    k = (s, t, p)
                    if k in across:
                        was[k] = across.pop(k)
            uses = _uses_if_shared(s, table, of, succ)
            if uses is not None:
                shared[s] = uses
                home = of.get(s)
                for t, p in uses:
                    g = of.get(t)
                    if g != home:
                        across[s, t, p] = now[s, t, p] = g
        gone, came = was.keys() - now.keys(), now.keys() - was.keys()
        if gone or came:
            before, self._keys = self._keys, self._keys.difference(gone).union(came)
            self._step(before, self._keys, gone | came)
        f = self._filtered
        if f is not None:  # (its wires: those of ``_keys`` into no group folded away)
            hidden, kept = f
            out = [k for k, g in was.items() if g not in hidden and not (k in now and now[k] not in hidden)]
            into = [k for k, g in now.items() if g not in hidden and not (k in was and was[k] not in hidden)]
            if out or into:
                self._filtered = (hidden, kept.difference(out).union(into))
                self._step(kept, self._filtered[1], {*out, *into})

    def _step(self, before: frozenset[Key], after: frozenset[Key], diff: set[Key]) -> None:
        self._steps.append((before, after, diff))
        if len(self._steps) > _STEPS:
            del self._steps[0]

    def difference(self, old: Collection[Key], new: Collection[Key]) -> set[Key]:
        """The wires in one of two sets ``every_key`` answered only (``old`` the
        earlier): from the steps between them when edits led from one to the
        other (a delete at 50,000 nodes: its few, not a compare of ~30,000)."""
        if old is new:
            return set()
        diff: set[Key] | None = None
        at = old
        for before, after, d in self._steps:
            if before is at:
                diff, at = (d.copy() if diff is None else diff.symmetric_difference(d)), after
                if at is new:
                    self.told += 1
                    return diff
        self.compared += 1
        return set(old).symmetric_difference(new)

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


class _Parked:
    """What a :class:`LinkedRule` set aside at a delete of every grouped
    node: its tables (the shared leaves, the uses across groups, their keys,
    the folded filter, the steps), the groups' revision they were read at,
    and (told by the delete's next signal) its snapshot of the graph, weakly."""

    __slots__ = ("shared", "across", "keys", "filtered", "steps", "revision", "whole", "told")

    def __init__(
        self,
        shared: dict[str, list[tuple[str, int]]],
        across: dict[Key, str | None],
        keys: frozenset[Key],
        filtered: tuple[set[str], frozenset[Key]] | None,
        steps: list[tuple[frozenset[Key], frozenset[Key], set[Key]]],
    ) -> None:
        self.shared, self.across, self.keys, self.filtered, self.steps = shared, across, keys, filtered, steps
        self.revision = -1
        self.whole: weakref.ref[RemovedNodes] | None = None
        self.told = False


def _uses_if_shared(s: str, table: Any, of: Any, succ: Any) -> list[tuple[str, int]] | None:
    """``s``'s uses if it is a leaf used more than once, one use at least in
    another group than its own (as ``_shared_leaves`` reads each leaf); else None."""
    ins = table.get(s)
    if ins is None or ins:
        return None
    ts = succ[s]
    home = of.get(s)
    if all(of.get(t) == home for t in ts):
        return None
    uses = [(t, d["port"]) for t, keyed in ts.items() for d in keyed.values()]
    return uses if len(uses) > 1 else None


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
