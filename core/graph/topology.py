"""Orders and walks over a graph given as plain adjacency mappings.

Nothing here knows the model: the file reader runs these over records
before any model exists, and the model over its own tables. Ties are always
broken by insertion order, so an order (and every message naming a node)
is the same on every run.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

#: node -> its sources, one per input port; None for an empty port.
Inputs = Mapping[str, Sequence[str | None]]
#: node -> the nodes next to it one way (successors or predecessors).
Adjacency = Mapping[str, Iterable[str]]


def kahn_order(inputs: Inputs, edges: Iterable[tuple[str, str]] | None = None) -> tuple[list[str], list[str]]:
    """Kahn's topological order of ``inputs``' nodes, and the nodes left out
    (those on or behind a cycle), both in insertion order.

    ``edges`` as (source, target) pairs sets which of a node's consumers
    come first among equals; by default they come in node order, then
    port order."""
    consumers: defaultdict[str, list[str]] = defaultdict(list)
    waiting: dict[str, int] = {}
    if edges is None:  # spelled out: the reader calls this on every file
        for n, ins in inputs.items():
            k = 0
            for s in ins:
                if s is not None:
                    consumers[s].append(n)
                    k += 1
            waiting[n] = k
    else:
        for s, t in edges:
            consumers[s].append(t)
        waiting = {n: len(ins) - ins.count(None) for n, ins in inputs.items()}
    order = [n for n, k in waiting.items() if k == 0]
    for n in order:  # grows while it is walked
        for t in consumers.get(n, ()):
            k = waiting[t] - 1
            waiting[t] = k
            if k == 0:
                order.append(t)
    if len(order) == len(waiting):
        return order, []
    placed = set(order)
    return order, [n for n in waiting if n not in placed]


def file_order(inputs: Inputs) -> tuple[list[str], list[str]]:
    """:func:`kahn_order`'s result, except that nodes already listed inputs
    first keep their order: a graph saved and opened again (the app writes
    its nodes in the order they were made, most often inputs first) keeps
    the order its pass ran in, where Kahn's order puts every leaf first."""
    seen: set[str] = set()
    add = seen.add
    for n, ins in inputs.items():
        for s in ins:
            if s is not None and s not in seen:
                return kahn_order(inputs)
        add(n)
    return list(inputs), []


def file_ranks(
    rank: Mapping[str, int], nodes: Iterable[str], inputs: Inputs
) -> tuple[dict[str, int] | None, bool]:
    """The ranks :func:`file_order` gives ``nodes`` (every node, in the order
    a file lists them), read and changing nothing: None when ``rank`` (a
    topological rank per node) rises along that order already (the usual,
    checked in C: the file lists inputs first and keeps its order), else a
    table of that order (a wire made against the order moved some ranks, or
    the nodes are not listed inputs first: Kahn's order, as opening the file
    gives); and whether ``nodes`` are listed inputs first."""
    got = list(map(rank.__getitem__, nodes))
    if all(map(int.__lt__, got, itertools.islice(got, 1, None))):
        return None, True
    nodes = list(nodes)
    order, _ = file_order(dict(zip(nodes, map(inputs.__getitem__, nodes))))
    return {n: i for i, n in enumerate(order)}, order == nodes


def find_cycle(inputs: Inputs, leftover: Sequence[str]) -> list[str]:
    """A cycle (in wire direction) among ``leftover``, the nodes
    :func:`kahn_order` left out.

    Each of them has an input that is left out too, so walking inputs from
    the first one must come round to a node already seen."""
    left = set(leftover)
    walk: list[str] = []
    seen: dict[str, int] = {}
    n = leftover[0]
    while n not in seen:
        seen[n] = len(walk)
        walk.append(n)
        n = next(s for s in inputs[n] if s is not None and s in left)
    return walk[seen[n] :][::-1]  # walked against the wires; report along them


def reachable(adj: Adjacency | Inputs, starts: Iterable[str]) -> set[str]:
    """``starts`` and every node reachable from them through ``adj`` (a None
    among the neighbours, an empty input port, leads nowhere)."""
    seen = set(starts)
    stack = list(seen)
    while stack:
        for nxt in adj[stack.pop()]:
            if nxt is not None and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def reachable_within(adj: Adjacency | Inputs, starts: Iterable[str], limit: int) -> set[str] | None:
    """:func:`reachable`, or None as soon as it is more than ``limit``
    nodes (the caller then does without it: an edit feeding most of the
    graph sweeps the whole order instead of walking and sorting its cone)."""
    seen = set(starts)
    stack = list(seen)
    while stack:
        if len(seen) > limit:
            return None
        for nxt in adj[stack.pop()]:
            if nxt is not None and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


class DynamicOrder:
    """A topological rank per node kept current as wires are added
    (Pearce & Kelly's dynamic topological order): a wire along the order
    costs O(1) to check and place, a wire against it touches only the
    region between its ends, never the whole graph."""

    __slots__ = ("rank", "moves", "_next", "_succ", "_pred")

    def __init__(self, succ: Adjacency, pred: Adjacency) -> None:
        self.rank: dict[str, int] = {}
        #: How many times a wire against the order moved ranks (or they were made afresh).
        self.moves = 0
        self._next = itertools.count()
        self._succ, self._pred = succ, pred

    def follow(self, succ: Adjacency, pred: Adjacency) -> None:
        """Read the graph's wires from these (its tables were swapped whole:
        core/graph/bulk_remove.py, every node taken out or put back)."""
        self._succ, self._pred = succ, pred

    def reset(self, order: Sequence[str]) -> None:
        """Rank ``order`` (inputs first) afresh."""
        self.rank = {n: i for i, n in enumerate(order)}
        self._next = itertools.count(len(order))
        self.moves += 1

    def add(self, node: str) -> None:
        """Rank a new, unwired node last."""
        self.rank[node] = next(self._next)

    def would_cycle(self, source: str, target: str) -> bool:
        """Would the wire ``source -> target`` close a cycle?"""
        return source == target or (self.rank[source] > self.rank[target] and self.reaches(target, source))

    def reaches(self, start: str, goal: str) -> bool:
        """Is there a path start -> ... -> goal? Searches only ranks <= goal's."""
        rank = self.rank
        limit = rank[goal]
        seen = {start}
        stack = [start]
        succ = self._succ
        while stack:
            for nxt in succ[stack.pop()]:
                if nxt == goal:
                    return True
                if nxt not in seen and rank[nxt] < limit:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def add_edge(self, x: str, y: str) -> None:
        """Keep ranks topological for a new wire x -> y (call it before the
        wire is in the adjacency, after checking :meth:`would_cycle`)."""
        rank = self.rank
        lb, ub = rank[y], rank[x]
        if ub < lb:
            return
        self.moves += 1
        fwd = self._region(y, self._succ, lambda r: r <= ub)
        back = self._region(x, self._pred, lambda r: r >= lb)
        moved = sorted(back, key=rank.__getitem__) + sorted(fwd, key=rank.__getitem__)
        slots = sorted(rank[n] for n in moved)
        for n, r in zip(moved, slots):
            rank[n] = r

    def _region(self, start: str, adj: Adjacency, keep: Callable[[int], bool]) -> set[str]:
        seen = {start}
        stack = [start]
        rank = self.rank
        while stack:
            for nxt in adj[stack.pop()]:
                if nxt not in seen and keep(rank[nxt]):
                    seen.add(nxt)
                    stack.append(nxt)
        return seen


def file_order_numbered(src0: Sequence[int], src1: Sequence[int]) -> list[int]:
    """:func:`file_order` over nodes numbered 0..n-1 (:func:`kahn_order_numbered`'s
    arguments): 0..n-1 when each node's sources come before it, else Kahn's order."""
    n = len(src0)
    if all(map(int.__lt__, src0, range(n))) and all(map(int.__lt__, src1, range(n))):  # (-1: none)
        return list(range(n))
    return kahn_order_numbered(src0, src1)


def kahn_order_numbered(src0: Sequence[int], src1: Sequence[int]) -> list[int]:
    """:func:`kahn_order` over nodes numbered 0..n-1, each given by the node
    feeding its port 0 and port 1 (-1: none): the same order as
    ``kahn_order`` over the same nodes by id (ties in node order, a node's
    consumers in node order then port order), on integers in lists. Nodes
    on or behind a cycle are left out."""
    n = len(src0)
    filled = (0).__le__
    waiting = list(map(int.__add__, map(filled, src0), map(filled, src1)))
    # a node's consumers: None, one number (most nodes), or a list of them
    consumers: list = [None] * n
    for t, s0, s1 in zip(range(n), src0, src1):
        for s in (s0, s1) if s1 >= 0 else (s0,):
            if s >= 0:
                c = consumers[s]
                if c is None:
                    consumers[s] = t
                elif type(c) is int:
                    consumers[s] = [c, t]
                else:
                    c.append(t)
    order = [t for t, k in enumerate(waiting) if not k]
    push = order.append
    for v in order:  # grows while it is walked
        c = consumers[v]
        if c is None:
            continue
        if type(c) is int:
            k = waiting[c] - 1
            waiting[c] = k
            if not k:
                push(c)
        else:
            for t in c:
                k = waiting[t] - 1
                waiting[t] = k
                if not k:
                    push(t)
    return order
