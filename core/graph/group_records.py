"""Groups as a file holds them: the ``groups`` graph attribute read into
plain records and checked (no signals, so reading a file needs none)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.graph.errors import GraphError, nth

#: The graph attribute that holds the groups in a file.
FILE_KEY = "groups"


class GroupError(GraphError):
    """A group edit or a file's group the model refuses."""


@dataclass
class Group:
    id: str
    label: str
    members: set[str] = field(default_factory=set)  # nodes directly in this group
    parent: str | None = None
    collapsed: bool = False


def check_records(data: Any, nodes: Iterable[str] | dict) -> list[Group]:
    """The groups of a file's ``groups`` attribute, or GroupError naming the
    group at fault. A node listed in a group and in a group around it is in
    the inner one; a node in two groups neither of which holds the other is
    refused, as are unknown members or parents and a parent loop. A group
    with no node in it, nor in a group nested in it, is left out."""
    if not isinstance(data, list):
        raise GroupError(f'"groups" must be a list of groups, not {_short(data)}')
    known = nodes if isinstance(nodes, (set, dict)) else set(nodes)
    groups: dict[str, Group] = {}
    said: dict[str, str] = {}  # id -> how a message names it
    for i, rec in enumerate(data):
        if not isinstance(rec, dict):
            raise GroupError(f"{nth(i, 'group')} is not a JSON object")
        gid = rec.get("id")
        if not isinstance(gid, str) or not gid:
            raise GroupError(f'{nth(i, "group")}: "id" must be a non-empty string, not {_short(gid)}')
        named = rec.get("label")  # the name a user knows it by, beside its id
        where = f"group {_cut(repr(gid))}" + (
            f" (“{_cut(named)}”)" if isinstance(named, str) and named and named != gid else ""
        )
        if gid in groups:
            raise GroupError(f"{where}: two groups have this id")
        label = rec.get("label", gid)
        if not isinstance(label, str):
            raise GroupError(f'{where}: "label" must be a string, not {_short(label)}')
        members = rec.get("members", [])
        if not isinstance(members, list):
            raise GroupError(f'{where}: "members" must be a list of node ids, not {_short(members)}')
        for n in members:
            if not isinstance(n, str) or n not in known:
                raise GroupError(f"{where}: member {_short(n)} is not a node of the graph")
        parent = rec.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise GroupError(f'{where}: "parent" must be a group id or null, not {_short(parent)}')
        collapsed = rec.get("collapsed", False)
        if not isinstance(collapsed, bool):
            raise GroupError(f'{where}: "collapsed" must be true or false, not {_short(collapsed)}')
        groups[gid] = Group(gid, label or gid, set(members), parent, collapsed)
        said[gid] = where
    for g in groups.values():
        if g.parent is not None and g.parent not in groups:
            raise GroupError(f"{said[g.id]}: its parent {_cut(repr(g.parent))} is not a group of the graph")
    for g in groups.values():  # parent loops
        seen, p = {g.id}, g.parent
        while p is not None:
            if p in seen:
                raise GroupError(f"{said[g.id]}: its parents form a loop through {_cut(repr(p))}")
            seen.add(p)
            p = groups[p].parent

    def ancestors(gid: str) -> set[str]:
        out, p = set(), groups[gid].parent
        while p is not None:
            out.add(p)
            p = groups[p].parent
        return out

    owner: dict[str, str] = {}
    for g in groups.values():
        for n in g.members:
            other = owner.get(n)
            if other is None:
                owner[n] = g.id
            elif other in ancestors(g.id):
                owner[n] = g.id  # the inner one holds it
            elif g.id not in ancestors(other):
                raise GroupError(
                    f"{said[g.id]}: node {_cut(repr(n))} is also in {said[other]},"
                    " and neither group holds the other"
                )
    held: set[str] = set()  # the groups with a node in them or in a group nested in them
    for g in groups.values():
        g.members = {n for n in g.members if owner[n] == g.id}
        if g.members:
            held.add(g.id)
            held |= ancestors(g.id)
    return [g for g in groups.values() if g.id in held]  # (an empty one would be drawn nowhere)


#: A name in a message: at most this many characters (a 300-character label
#: made the message one unreadable paragraph).
NAME_MAX = 60


def _cut(name: str) -> str:
    """``name`` shortened in its middle to ``NAME_MAX`` characters: its start
    and its end (often what tells groups apart, "… [7]") kept."""
    if len(name) <= NAME_MAX:
        return name
    head = (NAME_MAX - 1) // 2
    return f"{name[:head]}…{name[-(NAME_MAX - 1 - head) :]}"


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."
