"""Which groups a delete leaves holding no node (what the status line names:
"Deleted 500 nodes and 5 groups"), read once per group.

Asking ``GroupSet.nodes_in`` of each group near the nodes taken walked every
group for the children of each (``GroupSet.children``): a delete of every
node of 50,000 in 500 groups took 250,000 steps; here each group's children
are filed once and each group read once, nested ones' answers kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from core.graph.group_records import Group


class GroupTree(Protocol):
    """What :func:`emptied_by` reads of a GroupSet: each group (its id and
    parent), and a group by id (its members), once per group read (tests
    count these)."""

    def __iter__(self) -> Iterator[Group]: ...

    def get(self, gid: str) -> Group: ...


def emptied_by(gs: GroupTree, taken: set[str], near: set[str]) -> tuple[list[str], bool]:
    """The groups of ``near`` (ids of ``gs``, a GroupSet), by id, that a
    delete of the nodes ``taken`` leaves holding no node, nested groups'
    nodes included (those whose ``nodes_in`` is within ``taken``), and True
    if there is one and it holds every node taken."""
    kids: dict[str, list[str]] = {}
    for g in gs:
        if g.parent is not None:
            kids.setdefault(g.parent, []).append(g.id)
    full: dict[str, bool] = {}  # group -> every node in it (nested ones' too) taken
    size: dict[str, int] = {}  # group -> how many nodes are in it, nested ones' too

    def read(gid: str) -> bool:
        if gid not in full:
            members = gs.get(gid).members  # (the one read of the group)
            inner = kids.get(gid, ())
            ok = [read(k) for k in inner]  # (each once: kept for the groups around it)
            full[gid] = members <= taken and all(ok)
            size[gid] = len(members) + sum(size[k] for k in inner)  # (a node is directly in one group)
        return full[gid]

    emptied = [g for g in sorted(near) if read(g)]
    return emptied, len(emptied) == 1 and size[emptied[0]] == len(taken)
