"""The room new cards leave for the linked copies they will have once added
(the f(x) bar, File › Import Code beside a graph: core/code/codeadd.py).

A leaf used more than once, by a consumer in another group than its own, is
drawn as a copy beside the consumer's port (gui/canvas/linked/rule.py), in
the ``LINK_ROOM`` Auto Layout leaves left of that card. The new cards were
laid out on their own, without the canvas's nodes they read: a formula's
uses of the canvas's w and b came out one column gap (108) from the column
on their left, and eight copies covered the cards there ("y1 - y2"'s value,
"(y1 - y2)**2"'s name; a trial). Here: which new cards get copies (or a
badge), read from the wires they bring and the uses their sources have
already (no pass over the graph), and their columns moved apart as Auto
Layout does (core/graph/scope_columns.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from core.graph.layout import COLUMN, LINK_ROOM, NODE_W, copy_overhang

if TYPE_CHECKING:
    from core.graph.model import GraphModel

Pos = dict[str, tuple[float, float]]


def copies_due(
    model: GraphModel,
    leaves: Collection[str],
    edges: Iterable[tuple[str, str, int]],
    groups: Iterable[tuple[str, str, Iterable[str]]] = (),
    arity: Mapping[str, int] | None = None,
) -> dict[str, tuple[float, float]]:
    """The new nodes that want ``LINK_ROOM`` on their left once the new
    ``edges`` (source, target, port) join ``model`` (which holds the sources
    the new nodes reuse, not the new nodes): each consumer of a copy, and
    each new leaf with a badge. ``leaves``: the new nodes that are leaves;
    ``groups``: the new groups (id, label, members), innermost first;
    ``arity``: each new consumer's number of inputs. As the rule reads it:
    from a leaf used more than once, into a consumer in another group than
    the leaf's. Each with how far its copies reach above and below its card
    (``copy_overhang``). Looks at the wires' sources only."""
    of: dict[str, str] = {}
    for gid, _label, members in groups:
        for n in members:
            of.setdefault(n, gid)
    gs = model.groups
    uses: dict[str, list[tuple[str, int]]] = {}
    for s, t, p in edges:
        uses.setdefault(s, []).append((t, p))
    due: dict[str, tuple[float, float]] = {}
    for s, new_uses in uses.items():
        old = s not in leaves
        if old and (s not in model or model.inputs(s)):
            continue  # (not a leaf: its wires are drawn)
        every = {*new_uses, *model.consumers(s)} if old else set(new_uses)
        if len(every) < 2:
            continue
        home = gs.group_of(s) if old else of.get(s)
        far = [(t, p) for t, p in new_uses if of.get(t) != home]
        for t, p in far:
            a, b = copy_overhang((arity or {}).get(t, 2), p)
            was = due.get(t, (0.0, 0.0))
            due[t] = (max(a, was[0]), max(b, was[1]))
        if far and not old:
            due.setdefault(s, (0.0, 0.0))  # (its badge, "×2 copies", on its left)
    return due


def spread_columns(pos: Mapping[str, tuple[float, float]], due: Collection[str]) -> Pos:
    """``pos`` (columns laid out by ``layered_positions``: one x each) with
    each column holding a node of ``due`` at least ``LINK_ROOM`` right of
    the column before it, what lies right of it moved with it."""
    roomy = {pos[n][0] for n in due if n in pos}
    if not roomy:
        return dict(pos)
    xs = sorted({x for x, _y in pos.values()})
    to: dict[float, float] = {}
    shift = 0.0
    for i, x in enumerate(xs):
        if i and x in roomy:
            shift += max(0.0, LINK_ROOM - (x - xs[i - 1] - NODE_W))
        to[x] = x + shift
    return {n: (to[x], y) for n, (x, y) in pos.items()}


def step_right(pos: Mapping[str, tuple[float, float]], due: Collection[str]) -> float:
    """How far right of the rightmost card already there the new cards'
    x = 0 goes: a column (``COLUMN``) on, or further where a card of
    ``due`` needs ``LINK_ROOM`` left of it for its copies."""
    need = [NODE_W + LINK_ROOM - pos[n][0] for n in due if n in pos]
    return max([COLUMN, *need])
