"""Which group each wire lives in and whose boundaries it crosses.

Folding a group must cost what crosses its boundary, not what it holds: its
cards and inner wires sit in one container item that is hidden in one call,
and only the wires crossing its edge are re-routed to the folded card's
ports. This index answers both questions and is kept up to date wire by
wire; a change to the groups themselves rebuilds it (plain Python, no Qt).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from operator import itemgetter
from typing import Any

from core.graph.groups import MAX_PORT_ROWS, outputs_in_order
from gui.canvas.folding.open_routes import OpenRoutes

Key = tuple[str, str, int]
_NONE: frozenset[str] = frozenset()
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class FoldIndex:
    """Per wire: its home (the innermost group holding both ends); per group:
    the wires entering it and the wires leaving it."""

    def __init__(self, groups: Any) -> None:
        self._gs = groups
        self.home: dict[Key, str | None] = {}
        self.inner: dict[str, set[Key]] = {}  # group -> the wires whose home it is
        self.entering: dict[str, set[Key]] = {}
        self.leaving: dict[str, set[Key]] = {}
        self._crosses: dict[Key, tuple[list[str], list[str]]] = {}
        self._chains: dict[str | None, list[str]] = {None: []}
        # group -> the nodes feeding in and used outside (dicts as sets), made when asked
        # (with each side's nodes by id when more than a card shows: their fixed order, sorted once)
        # (and its nodes used nowhere it was made with: tell_ends)
        self._ports: dict[
            str, tuple[dict[str, None], dict[str, None], list[str] | None, list[str] | None, frozenset[str]]
        ] = {}
        self._ends: dict[str, frozenset[str]] = {}  # group -> its nodes used nowhere (tell_ends)
        self._ends_of: tuple[tuple[int, int], set[str]] | None = None  # what they were filed from
        #: How often the nodes used nowhere were filed by group (tests count them).
        self.ends_filed = 0
        # group -> its crossing wires by the node they leave (in, out), made when a pass asks
        self._wires: dict[str, tuple[dict[str, list[Key]], dict[str, list[Key]]]] = {}
        #: How often a group's boundary nodes were read from its wires (tests count them).
        self.ports_made = 0
        #: How often a group's crossing wires were filed by node (``wires_by_node``; tests count them).
        self.wires_made = 0
        #: Bumped by every wire indexed or dropped: what the kept routes hold for.
        self.stamp = 0
        #: The crossing wires' routes with every group open, kept across a fold.
        self.routes = OpenRoutes()
        #: How many groups' crossing wires were read (tests count them).
        self.crossings_read = 0
        #: The tables of every group's wires a delete of every grouped node emptied
        #: (``rebuild`` with no node in a group), for its undo (``take_parked``).
        self.parked: ParkedIndex | None = None
        #: How often every wire was indexed anew / the parked tables taken back (tests count them).
        self.rebuilds = 0
        self.taken_back = 0

    def chain(self, gid: str | None) -> list[str]:
        """``gid`` and the groups around it, innermost first."""
        c = self._chains.get(gid)
        if c is None:
            assert gid is not None
            c = self._chains[gid] = [gid, *self._gs.ancestors(gid)]
        return c

    def forget_chains(self, gids: list[str]) -> None:
        """The groups ``gids`` went (groups of nothing: no wire indexed in them)."""
        for gid in gids:
            self._chains.pop(gid, None)
            self._ports.pop(gid, None)
            self._wires.pop(gid, None)

    def rebuild(self, wires: Iterable[Key], keep: bool = False) -> None:
        """Every wire anew (the groups were added, removed or re-parented):
        one with both ends directly in one group is that group's, crossing
        no boundary, as :meth:`add` finds (most wires: no chains compared).
        ``keep``: every node is going (its groups told first), the tables of
        the groups it was in set aside for its undo (``parked``)."""
        member = self._gs.membership()
        self.rebuilds += 1
        # no node in a group, every wire was in one (a delete of every grouped node tells its
        # groups first): the tables set aside as they are, for its undo (``take_parked``)
        self.parked = self._tables() if keep and not member and (self.inner or self._crosses) else None
        self.home, self.entering, self.leaving, self._crosses = {}, {}, {}, {}
        self.inner = {}
        self._chains = {None: []}
        self._ports, self._wires, self._ends, self._ends_of = {}, {}, {}, None
        if not member:  # no node in a group (a delete emptied every one): no wire crosses, each at the top
            self.home = dict.fromkeys(wires)
            self.stamp += len(self.home)
            return
        of, home, inner, add, chain = member.get, self.home, self.inner, self.add, self.chain
        leaving, entering, crosses = self.leaving, self.entering, self._crosses
        filed = 0  # (the wires filed here: ``add`` counts its own)
        # each end's group looked up in C loops, and each wire's home first taken as its source's
        # (in the wires' order; those crossing a boundary filed again below): no Python step for those
        keys = list(wires)
        sources, targets = list(map(of, map(_FIRST, keys))), list(map(of, map(_SECOND, keys)))
        home.update(zip(keys, sources))
        for key, g, h in zip(keys, sources, targets):
            if g == h:
                filed += 1
                if g is not None:  # (else neither end in a group: at the top, crossing nothing)
                    if (got := inner.get(g)) is None:
                        got = inner[g] = set()
                    got.add(key)
                continue
            out, into = chain(g), chain(h)
            if len(out) > 1 or len(into) > 1:  # (a nested group: the chains compared)
                add(key)
                continue
            # between top-level groups (or the top): it leaves the one, enters the other (the
            # lists are the chains themselves, which nothing changes: as ``add`` files them)
            filed += 1
            home[key] = None
            if out:
                if (got := leaving.get(g)) is None:
                    got = leaving[g] = set()
                got.add(key)
            if into:
                if (got := entering.get(h)) is None:
                    got = entering[h] = set()
                got.add(key)
            crosses[key] = (out, into)
        self.stamp += filed

    def _tables(self) -> ParkedIndex:
        return ParkedIndex(
            (self.home, self.inner, self.entering, self.leaving, self._crosses, self._chains),
            (self._ports, self._wires, self._ends),
        )

    def take_parked(self) -> None:
        """The tables ``rebuild`` set aside, back as they were, in place of a
        rebuild: the caller checked they hold (the very wires back, each node
        in the group it was in, each group in its parent: ``ParkedIndex``)."""
        parked, self.parked = self.parked, None
        assert parked is not None
        self.home, self.inner, self.entering, self.leaving, self._crosses, self._chains = parked.tables
        self._ports, self._wires, self._ends = parked.made
        self._ends_of = None  # (filed again when asked: the groups' placings moved on)
        self.stamp += len(self.home)  # (as a rebuild's: the routes kept for the old stamp hold no more)
        self.taken_back += 1

    def add(self, key: Key) -> str | None:
        """Index the wire ``key``; its home group (None: the top level)."""
        self.stamp += 1
        of = self._gs.group_of
        a, b = self.chain(of(key[0])), self.chain(of(key[1]))
        home = None
        out: list[str] = []
        if a:
            inner = set(b)
            for g in a:
                if g in inner:
                    home = g
                    break
                out.append(g)
        into = []
        for g in b:
            if g == home:
                break
            into.append(g)
        for g in out:
            self.leaving.setdefault(g, set()).add(key)
        for g in into:
            self.entering.setdefault(g, set()).add(key)
        if out or into:
            self._crosses[key] = (out, into)
            if self._ports or self._wires:
                for g in (*out, *into):
                    self._ports.pop(g, None)
                    self._wires.pop(g, None)
        self.home[key] = home
        if home is not None:
            self.inner.setdefault(home, set()).add(key)
        return home

    def remove(self, key: Key) -> None:
        self.stamp += 1
        home = self.home.pop(key, None)
        if home is not None:
            self.inner.get(home, set()).discard(key)
        out, into = self._crosses.pop(key, ((), ()))
        for g in out:
            self.leaving.get(g, set()).discard(key)
        for g in into:
            self.entering.get(g, set()).discard(key)
        for g in (*out, *into):
            self._ports.pop(g, None)
            self._wires.pop(g, None)

    def remove_many(self, keys: Collection[Key], every: bool = False) -> None:
        """:meth:`remove` of each of ``keys``; of every wire indexed (the
        whole graph went; ``every``: the caller knows they are every wire),
        the tables emptied at once, not a wire at a time (nor a set made of
        the keys to learn it: 8 ms at 68,000 wires)."""
        home = self.home
        if every or (len(keys) >= len(home) and home.keys() <= set(keys)):
            self.stamp += len(keys)
            home.clear()
            self.inner, self.entering, self.leaving, self._crosses, self._ports = {}, {}, {}, {}, {}
            self._wires = {}
            return
        for key in keys:
            self.remove(key)

    def crossing(self, gid: str) -> set[Key]:
        """The wires crossing ``gid``'s boundary, either way."""
        self.crossings_read += 1
        return self.entering.get(gid, set()) | self.leaving.get(gid, set())

    def crossing_all(self, gids: Iterable[str], into: set[Key] | None = None) -> set[Key]:
        """The wires crossing any of ``gids``' boundaries (added to ``into``):
        each group's read once into one set (folding every group of a big
        graph reads ~37,000 wires; a set per group, united, read them twice)."""
        out = set() if into is None else into
        for gid in gids:
            self.crossings_read += 1
            out.update(self.entering.get(gid, ()))
            out.update(self.leaving.get(gid, ()))
        return out

    def inside(self, node: str, gid: str) -> bool:
        return gid in self.chain(self._gs.group_of(node))

    def wires_by_node(self, gid: str, side: int) -> dict[str, list[Key]]:
        """The wires crossing ``gid``'s boundary into it (``side`` 0: by the
        outside node they leave) or out of it (1: by the inside node), made
        when a pass first asks and kept until one of them comes or goes (what
        its rows show of a pass: the flow across them, wire by wire)."""
        got = self._wires.get(gid)
        if got is None:
            self.wires_made += 1
            got = self._wires[gid] = ({}, {})
            for table, wires in zip(got, (self.entering.get(gid, ()), self.leaving.get(gid, ()))):
                for key in wires:
                    if (at := table.get(key[0])) is None:
                        at = table[key[0]] = []
                    at.append(key)
        return got[side]

    def tell_ends(self, sinks: set[str]) -> None:
        """The graph's nodes used nowhere (its ``sinks``), filed by each group
        they are in (a nested one's: in each around it too): each is a row of
        its groups' cards (``ports``), a value going nowhere being a result.
        Filed again only when they or the groups' nodes changed (a fold of one
        group at 50,000 nodes asked for 10,000 sinks' groups each time)."""
        gs = self._gs
        key = (gs.revision, gs.placings)
        if self._ends_of is not None and self._ends_of[0] == key and self._ends_of[1] == sinks:
            return
        self._ends_of = (key, sinks)
        self.ends_filed += 1
        of, got = gs.group_of, dict[str, set[str]]()
        for s in sinks:
            if (g := of(s)) is not None:
                for c in self.chain(g):
                    got.setdefault(c, set()).add(s)
        self._ends = {g: frozenset(ns) for g, ns in got.items()}

    def ports(self, model: Any, gid: str) -> list[list[str]]:
        """What crosses ``gid``'s boundary, as ``core.graph.groups.boundary``
        gives it: each outside node feeding in and each inside node used
        outside (or the graph's output, or used nowhere: ``tell_ends``), top
        to bottom (by id when there are too many for a row each)."""
        known, ends = self._ports.get(gid), self._ends.get(gid, _NONE)
        if known is None or known[4] != ends:  # kept until a wire crossing its boundary comes or goes,
            # or one of its nodes is used nowhere now or no longer (ends: no wire out, none crossing)
            self.ports_made += 1
            first = itemgetter(0)  # (a wire's source, in C: no Python step per wire)
            ins = dict.fromkeys(map(first, self.entering.get(gid, ())))
            outs = dict.fromkeys(map(first, self.leaving.get(gid, ())))
            outs.update(dict.fromkeys(ends))  # (a value going nowhere: a result, a row too)
            # more than a card shows share one summary row: any fixed order will do (by id,
            # which no move changes: sorted here once, not at each placing of 500 cards, twice
            # when one opens among them and its neighbours make room)
            known = self._ports[gid] = (ins, outs, _by_id(ins), _by_id(outs), ends)
        ins, outs, ins_by_id, outs_by_id, _ends = known
        out = model.output
        if out is not None and out not in outs and out in model and self.inside(out, gid):
            outs, outs_by_id = {**outs, out: None}, None

        def y(n: str) -> tuple[float, str]:
            return model.position(n)[1], n

        def rows(x: dict[str, None], by_id: list[str] | None, order: Any) -> list[str]:
            return list(by_id) if by_id is not None else order(x) if len(x) <= MAX_PORT_ROWS else sorted(x)

        return [
            rows(ins, ins_by_id, lambda x: sorted(x, key=y)),
            rows(outs, outs_by_id, lambda x: outputs_in_order(model, x, y)),  # (a card of leaves: by index)
        ]


class ParkedIndex:
    """The tables of a :class:`FoldIndex` set aside by a delete of every
    grouped node, and what they hold for: the card homes (node -> group, of
    every card) and the groups' parents then, and the model's snapshot of
    the graph taken out (weakly; the very one back: the same wires)."""

    __slots__ = ("tables", "made", "homes", "parents", "whole", "told", "measured")

    def __init__(self, tables: tuple, made: tuple) -> None:
        self.tables, self.made = tables, made
        self.homes: dict[str, str | None] | None = None
        self.parents: dict[str, str | None] | None = None
        self.whole: Any = None
        self.told = False  # (the delete's snapshot told once: the first delete of every node after)
        #: Every group's frame was measured where its cards were (no move waiting) when set aside.
        self.measured = False

    def holds(self, homes: dict[str, str | None], parents: dict[str, str | None], whole: object) -> bool:
        """True if the graph back is the one these tables were of: the very
        graph the delete took out (``whole``: the model's snapshot of it),
        each card in the group it was in, each group in its parent (a dict
        compare in C of the same string objects: no rebuild's chains)."""
        return (
            whole is not None
            and self.whole is not None
            and self.whole() is whole
            and self.parents == parents
            and self.homes == homes
        )


def _by_id(nodes: dict[str, None]) -> list[str] | None:
    """``nodes`` by id if more than a card shows (None: a row each, by where they are)."""
    return sorted(nodes) if len(nodes) > MAX_PORT_ROWS else None
