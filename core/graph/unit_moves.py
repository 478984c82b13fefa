"""Moves of whole units (what is drawn as one: a card, or the nodes of a
folded card), each by its own (dx, dy).

Opening one group among 500 folded ones makes room by moving the folded
cards on its far sides: 249 units, 24,900 nodes at 50,000. Told as a
position per node, the plan paired each node's old and new place, the
command made the new places into another dict, and the scene asked each
node for its card to hold its move; told as units, the model reads and
moves each node once (:meth:`core.graph.bulk_edit.BulkEdits.move_units`)
and its ``nodes_moved`` carries the units (:class:`MovedUnits`), so a
listener finds each unit's card once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from core.graph.node_attrs import check_finite

XY = tuple[float, float]
#: (its nodes, dx, dy): the nodes of one unit, each moved by (dx, dy).
Unit = tuple[Sequence[str], float, float]


class UnitMoves:
    """Units to move, each by its (dx, dy), from where its nodes are when
    applied (a room plan: core/graph/make_room.py)."""

    __slots__ = ("units",)

    def __init__(self, units: list[Unit]) -> None:
        self.units = units

    def __len__(self) -> int:
        return sum(len(nodes) for nodes, _dx, _dy in self.units)

    def __bool__(self) -> bool:
        return any(nodes for nodes, _dx, _dy in self.units)


class MovedUnits(dict[str, XY]):
    """``nodes_moved``'s {id: (x, y)} of a move of whole units, with the
    units (each unit's nodes are drawn as one, so a listener may ask for
    one node of it what it asks for all: its folded card)."""

    units: Sequence[Unit] = ()


def moved_units(
    table: Mapping[str, dict], lookup: Callable[[str], dict], units: Sequence[Unit]
) -> tuple[dict[str, XY], MovedUnits, list[dict]]:
    """Where each node of ``units`` is (id -> (x, y), as ``model.position``
    reads it), where it goes (its unit's (dx, dy) added) and its
    attributes (``table``: the graph's; ``lookup``: a checked lookup for a
    node not in it), every new place checked finite before any is set."""
    old: dict[str, XY] = {}
    new = MovedUnits()
    new.units = units
    attrs: list[dict] = []
    add, finite = attrs.append, math.isfinite
    for nodes, dx, dy in units:
        for n in nodes:
            a = table.get(n)
            if a is None:
                a = lookup(n)  # or UnknownNodeError
            x, y = float(a.get("x", 0.0)), float(a.get("y", 0.0))
            to = (x + dx, y + dy)
            if not (finite(to[0]) and finite(to[1])):
                to = (
                    check_finite(f"x position of {n!r}", to[0]),
                    check_finite(f"y position of {n!r}", to[1]),
                )
            old[n] = (x, y)
            new[n] = to
            add(a)
    return old, new, attrs


def pairs(units: Sequence[Unit], old: Mapping[str, XY]) -> dict[str, tuple[XY, XY]]:
    """{id: (old, new)} of ``units`` moved from ``old`` (as a position
    per node tells the same move: a room remembered, given back)."""
    out: dict[str, tuple[XY, XY]] = {}
    for nodes, dx, dy in units:
        for n in nodes:
            x, y = old[n]
            out[n] = ((x, y), (x + dx, y + dy))
    return out
