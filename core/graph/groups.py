"""Groups: named, nestable sets of nodes that the canvas can fold into one card.

A group lists the nodes directly in it (``members``); nodes of a group nested
in it belong to that child. A node is in at most one group directly, so
"the group of a node" is its innermost group. Groups are part of the document
(saved in the file's ``groups`` graph attribute), so they live beside the
model and tell listeners what changed through the ``changed`` signal, as the
model does for nodes. Nothing here needs Qt.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from psygnal import Signal

from core.graph.group_records import FILE_KEY, Group, GroupError, check_records

__all__ = ["FILE_KEY", "Group", "GroupError", "GroupSet", "GroupSnapshot", "check_records"]

#: A folded group's card lists at most this many values per side; more share
#: one port and one summary row.
MAX_PORT_ROWS = 6


@dataclass(frozen=True)
class GroupSnapshot:
    """Everything needed to put an ungrouped group back as it was."""

    group: Group
    children: tuple[str, ...]
    index: int = -1  # its place among the groups (their order is the file's): -1, the end


class GroupSet:
    """The groups of one graph."""

    #: A group was added, removed, renamed, folded or its members changed
    #: (its id), or many were (None).
    changed = Signal(object)
    #: Nodes moved into or out of a group (deleted or put back): the canvas
    #: re-homes just those nodes, not every item. In a batch, all of them in
    #: one signal when it ends (each once, in order), before ``changed`` (an
    #: undo of deleting 50,000 grouped nodes told them one by one: seconds).
    nodes_regrouped = Signal(list)

    def __init__(self) -> None:
        #: Bumped whenever groups are added, removed or re-parented (not on
        #: fold, rename or one node's move): the canvas re-homes all items then.
        #: Not by a group of nothing (no node, no group) going or coming back:
        #: a delete empties and drops it, its undo puts it back, and no item's
        #: home changes (deleting 500 grouped nodes of 50,000 re-homed them all).
        self.revision = 0
        #: Bumped whenever a node enters, leaves or changes its group (``revision`` is the groups' own).
        self.placings = 0
        self._groups: dict[str, Group] = {}
        self._of: dict[str, str] = {}  # node -> the group it is directly in
        self._batching = 0
        self._missed: set[str | None] = set()  # what changed during a batch
        self._moved: dict[str, None] = {}  # the nodes regrouped during a batch

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many edits, one ``changed`` signal at the end (Expand All on a
        graph of thousands of groups must not redraw the canvas per group);
        ``nodes_regrouped`` too waits for the end, each node once, before
        ``changed`` (a delete's nodes leave their groups and the emptied
        groups go in one batch: the canvas re-homes no card whose group is
        gone, and no card more than once)."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching:
                if self._moved:
                    moved, self._moved = self._moved, {}
                    self.nodes_regrouped.emit(list(moved))
                if self._missed:
                    missed, self._missed = self._missed, set()
                    self.changed.emit(next(iter(missed)) if len(missed) == 1 else None)

    def _regrouped(self, node: str) -> None:
        self.placings += 1
        if self._batching:
            self._moved[node] = None
        else:
            self.nodes_regrouped.emit([node])

    def _emit(self, gid: str | None) -> None:
        if self._batching:
            self._missed.add(gid)
        else:
            self.changed.emit(gid)

    # ------------------------------------------------------------ reading
    def __iter__(self) -> Iterator[Group]:
        return iter(list(self._groups.values()))

    def __len__(self) -> int:
        return len(self._groups)

    def __contains__(self, gid: object) -> bool:
        return gid in self._groups

    def get(self, gid: str) -> Group:
        try:
            return self._groups[gid]
        except KeyError:
            raise GroupError(f"no group {gid!r}") from None

    def ids(self) -> list[str]:
        return list(self._groups)

    def group_of(self, node: str) -> str | None:
        """The group ``node`` is directly in (its innermost), or None."""
        return self._of.get(node)

    def membership(self) -> Mapping[str, str]:
        """node -> the group it is directly in, for every grouped node
        (``group_of`` of many nodes at once: read, don't change)."""
        return self._of

    def children(self, gid: str | None) -> list[str]:
        """The groups directly inside ``gid`` (top-level groups for None)."""
        return [g.id for g in self._groups.values() if g.parent == gid]

    def ancestors(self, gid: str) -> list[str]:
        """``gid``'s parent, its parent, ... up to a top-level group."""
        out = []
        p = self.get(gid).parent
        while p is not None:
            out.append(p)
            p = self._groups[p].parent
        return out

    def nodes_in(self, gid: str) -> set[str]:
        """Every node in ``gid`` or in a group nested in it."""
        out: set[str] = set()
        stack = [gid]
        while stack:
            g = self.get(stack.pop())
            out |= g.members
            stack.extend(self.children(g.id))
        return out

    def folded_into(self, node: str) -> str | None:
        """The outermost collapsed group that hides ``node`` (the card the
        canvas shows in its place), or None when the node is shown."""
        gid, hidden = self._of.get(node), None
        while gid is not None:
            g = self._groups[gid]
            if g.collapsed:
                hidden = gid
            gid = g.parent
        return hidden

    def folded_around(self, node: str) -> list[str]:
        """Every collapsed group around ``node``, innermost first: what must
        open for its own card to show."""
        out, gid = [], self._of.get(node)
        while gid is not None:
            g = self._groups[gid]
            if g.collapsed:
                out.append(gid)
            gid = g.parent
        return out

    def shown_as_card(self, gid: str) -> bool:
        """True when ``gid`` is collapsed and no group around it is."""
        g = self.get(gid)
        return g.collapsed and not any(self._groups[a].collapsed for a in self.ancestors(gid))

    def common_parent(self, nodes: Iterable[str]) -> str | None:
        """The innermost group that holds all ``nodes`` (None: the top level)."""
        paths = []
        for n in nodes:
            g = self._of.get(n)
            paths.append([] if g is None else [*reversed(self.ancestors(g)), g])
        if not paths:
            return None
        common = None
        for level in zip(*paths):
            if all(x == level[0] for x in level):
                common = level[0]
            else:
                break
        return common

    def new_id(self, stem: str = "group") -> str:
        for i in itertools.count(1):
            gid = f"{stem}{i}"
            if gid not in self._groups:
                return gid
        raise AssertionError("unreachable")

    # ------------------------------------------------------------ editing
    def add(self, nodes: Iterable[str], label: str, gid: str | None = None, collapsed: bool = False) -> str:
        """A new group around ``nodes``, inside their innermost common group
        (around it, when ``nodes`` are all of it). A selected node in a group
        nested below that one brings its whole group along (a layer is
        grouped from its neurons)."""
        nodes = list(dict.fromkeys(nodes))
        if not nodes:
            raise GroupError("a group needs at least one node")
        gid = gid or self.new_id()
        if gid in self._groups:
            raise GroupError(f"there is already a group {gid!r}")
        parent = self.common_parent(nodes)
        chosen = set(nodes)
        while parent is not None and self.nodes_in(parent) <= chosen:
            parent = self._groups[parent].parent  # all of a group: wrap it, not nest in it
        members, adopted = set(), []
        for n in nodes:
            g = self._of.get(n)
            if g == parent:
                members.add(n)
                continue
            # the group of n just below ``parent`` moves in whole
            assert g is not None  # n's path passes below parent
            while self._groups[g].parent != parent:
                g = self._groups[g].parent
                assert g is not None
            if g not in adopted:
                adopted.append(g)
        self._groups[gid] = Group(gid, label or gid, members, parent, collapsed)
        if parent is not None:  # they move into the new group: a node is directly in one group
            self._groups[parent].members -= members
        for n in members:
            self._of[n] = gid
        for g in adopted:
            self._groups[g].parent = gid
        self.revision += 1
        self._emit(gid)
        return gid

    def remove(self, gid: str) -> GroupSnapshot:
        """Ungroup: the group's nodes and groups move up to its parent."""
        g = self.get(gid)
        kids = tuple(self.children(gid))
        place = list(self._groups).index(gid)
        snap = GroupSnapshot(Group(g.id, g.label, set(g.members), g.parent, g.collapsed), kids, place)
        for n in g.members:
            if g.parent is None:
                del self._of[n]
            else:
                self._of[n] = g.parent
        if g.parent is not None:
            self._groups[g.parent].members |= g.members
        for k in kids:
            self._groups[k].parent = g.parent
        del self._groups[gid]
        if g.members or kids:
            self.revision += 1
        self._emit(gid)
        return snap

    def restore(self, snap: GroupSnapshot) -> None:
        """Undo :meth:`remove`: the group back in its place among the others."""
        self._restore(snap)
        self._put_back([snap])

    def _put_back(self, snaps: list[GroupSnapshot]) -> None:
        """The restored groups of ``snaps`` (in the order they were restored,
        the reverse of their removal) moved back to where each was: one new
        table, not one per group."""
        moved = {s.group.id for s in snaps}
        keys = [k for k in self._groups if k not in moved]
        for s in snaps:
            keys.insert(s.index if s.index >= 0 else len(keys), s.group.id)
        if keys != list(self._groups):
            self._groups = {k: self._groups[k] for k in keys}

    def _restore(self, snap: GroupSnapshot) -> None:
        g = snap.group
        if g.id in self._groups:
            raise GroupError(f"there is already a group {g.id!r}")
        self._groups[g.id] = Group(g.id, g.label, set(g.members), g.parent, g.collapsed)
        for n in g.members:
            if g.parent is not None:
                self._groups[g.parent].members.discard(n)
            self._of[n] = g.id
        for k in snap.children:
            if k in self._groups:
                self._groups[k].parent = g.id
        if g.members or snap.children:
            self.revision += 1
        self._emit(g.id)

    def drop_emptied(self, gids: Iterable[str | None]) -> list[GroupSnapshot]:
        """Nodes left the groups ``gids`` (deleted): each left holding no
        node and no group goes, then its parent if that is left empty too
        (a group of nothing draws nothing and would stay in the file). Their
        snapshots, for :meth:`restore_dropped`."""
        out: list[GroupSnapshot] = []
        todo = [g for g in dict.fromkeys(gids) if g is not None]
        if not todo:
            return out
        kids: dict[str, int] = {}  # group -> how many groups it holds (counted once: not per group asked)
        for x in self._groups.values():
            if x.parent is not None:
                kids[x.parent] = kids.get(x.parent, 0) + 1
        with self.batch():
            while todo:
                gid = todo.pop()
                g = self._groups.get(gid)
                if g is None or g.members or kids.get(gid):
                    continue
                out.append(self.remove(gid))
                if g.parent is not None:
                    kids[g.parent] -= 1
                    todo.append(g.parent)
        return out

    def restore_dropped(self, snaps: list[GroupSnapshot]) -> None:
        """Undo :meth:`drop_emptied` (the deleted nodes are put back into
        them after: core/graph/bulk_remove.py ``restore_nodes``)."""
        with self.batch():
            for snap in reversed(snaps):
                self._restore(snap)
            self._put_back(snaps[::-1])

    def rename(self, gid: str, label: str) -> None:
        label = label.strip()
        if not label:
            raise GroupError("a group needs a name")
        self.get(gid).label = label
        self._emit(gid)

    def set_collapsed(self, gid: str, collapsed: bool) -> None:
        g = self.get(gid)
        if g.collapsed != collapsed:
            g.collapsed = collapsed
            self._emit(gid)

    def forget_node(self, node: str) -> str | None:
        """``node`` left the graph: out of its group (returned, for undo)."""
        gid = self._of.pop(node, None)
        if gid is not None:
            self._groups[gid].members.discard(node)
            self._regrouped(node)
            self._emit(gid)
        return gid

    def forget_nodes(self, nodes: list[str]) -> dict[str, str]:
        """:meth:`forget_node` of each of ``nodes`` (in their order, one
        ``changed`` signal): node -> the group it left; those in no group
        (all, without groups) are passed over in C, not asked one by one."""
        held = self._of.keys() & nodes if self._of else None  # (no node in a group: no pass over them)
        if not held:
            return {}
        of = self._of
        left = {n: of.pop(n) for n in nodes if n in held}  # (each node once, in their order)
        by_group: dict[str, list[str]] = {}
        for n, gid in left.items():
            if (got := by_group.get(gid)) is None:
                got = by_group[gid] = []
            got.append(n)
        self.placings += 1
        with self.batch():  # (told at its end, as forget_node tells a node and its group)
            for gid, ns in by_group.items():
                self._groups[gid].members.difference_update(ns)
            self._moved.update(dict.fromkeys(left))
            self._missed.update(by_group)
        return left

    def place_node(self, node: str, gid: str | None) -> None:
        """Put ``node`` (back) directly into ``gid`` (nothing for None or a
        group that is gone)."""
        if gid is None or gid not in self._groups:
            return
        old = self._of.get(node)
        if old is not None:
            self._groups[old].members.discard(node)
        self._groups[gid].members.add(node)
        self._of[node] = gid
        self._regrouped(node)
        self._emit(gid)

    def place_nodes(self, homes: Mapping[str, str | None]) -> None:
        """:meth:`place_node` of each node -> group of ``homes`` (the undo of
        a delete putting 50,000 back), told in one batch, each node once."""
        groups, of = self._groups, self._of
        placed: dict[str, str] = {}
        for n, gid in homes.items():
            g = groups.get(gid) if gid is not None else None
            if g is None:
                continue
            old = of.get(n)
            if old is not None:
                groups[old].members.discard(n)
            g.members.add(n)
            of[n] = placed[n] = g.id
        self.placings += 1
        with self.batch():  # (told at its end, as place_node tells a node and its group)
            self._moved.update(dict.fromkeys(placed))
            self._missed.update(placed.values())

    def clear(self) -> None:
        self._groups.clear()
        self._of.clear()
        self.revision += 1
        self._emit(None)

    # ------------------------------------------------------------ files
    def to_records(self) -> list[dict[str, Any]]:
        """The file's ``groups`` list: parents before their children."""
        out, done = [], set()
        pending = list(self._groups.values())
        while pending:
            rest = []
            for g in pending:
                if g.parent is None or g.parent in done:
                    rec: dict[str, Any] = {"id": g.id, "label": g.label}
                    rec["members"] = sorted(g.members)
                    rec["parent"] = g.parent
                    rec["collapsed"] = g.collapsed
                    out.append(rec)
                    done.add(g.id)
                else:
                    rest.append(g)
            pending = rest
        return out

    def load(self, groups: list[Group]) -> None:
        """Replace every group by ``groups`` (checked by :func:`check_records`)."""
        self._groups = {g.id: g for g in groups}
        self._of = {n: g.id for g in groups for n in g.members}
        self.revision += 1
        self._emit(None)


def boundary(model: Any, nodes: set[str]) -> tuple[list[str], list[str]]:
    """What crosses the boundary of ``nodes``: each outside node feeding in,
    and each inside node used outside (or the graph's output, or one used
    nowhere: a value that goes nowhere is a result to read, as a duplicated
    "loss" group's loss), top to bottom."""
    ins: dict[str, None] = {}
    outs: dict[str, None] = {}
    for n in nodes:
        for src in model.inputs(n):
            if src is not None and src not in nodes:
                ins[src] = None
        uses = model.consumers(n)
        if n == model.output or not uses or any(t not in nodes for t, _p in uses):
            outs[n] = None

    def y(n: str) -> tuple[float, str]:
        return model.position(n)[1], n

    return sorted(ins, key=y), outputs_in_order(model, outs, y)


def outputs_in_order(model: Any, outs: Iterable[str], y: Callable[[str], Any]) -> list[str]:
    """A folded card's output rows: top to bottom (``y``), as their wires
    leave it; but when every one is a leaf (a layer's weights: their place
    in the open group's grid says nothing), by the numbers in their names,
    so the card reads w3.1.1, w3.1.2, …, b3.1 (it read w3.1.1, w3.1.4,
    w3.1.2, b3.1, w3.1.3)."""
    outs = list(outs)
    if outs and all(model.op(n) == "leaf" for n in outs):
        return sorted(outs, key=lambda n: index_key(model.label(n)))
    return sorted(outs, key=y)


_NUMBERS = re.compile(r"\d+")


def index_key(label: str) -> tuple[tuple[float, ...], str]:
    """A name's place by its numbers (neuron, then weight: w3.1.2 before
    w3.1.10), a name whose numbers stop where another's go on after it
    (b3.1 after w3.1.1 … w3.1.4); names of the same numbers by name."""
    return (*map(int, _NUMBERS.findall(label)), math.inf), label


def card_rows(model: Any, nodes: set[str]) -> int:
    """How many value rows a folded card of ``nodes`` shows (``boundary``'s
    counts, read from the adjacency: Auto Layout asks it of every folded group)."""
    succ, pred, output = model.graph._succ, model.graph._pred, model.output
    ins = len({s for n in nodes for s in pred[n] if s not in nodes})
    outs = sum(1 for n in nodes if n == output or not succ[n] or any(t not in nodes for t in succ[n]))
    return max(1, *(k if k <= MAX_PORT_ROWS else 1 for k in (ins, outs)))


def group_path(groups: GroupSet, node: str) -> str:
    """The groups ``node`` is in, outermost first ("layer 1 [2] › neuron 1.3 [2]");
    a folded one is marked ▸."""
    gid = groups.group_of(node)
    if gid is None:
        return ""
    chain = [gid, *groups.ancestors(gid)]
    return " › ".join(
        ("▸ " if groups.get(g).collapsed else "") + groups.get(g).label for g in reversed(chain)
    )
