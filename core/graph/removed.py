"""What a delete of many nodes took out of the model (``BulkRemovals.remove_nodes``),
for its undo to put back: their wires, groups (and the groups left empty)
and the output if it was one of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from core.graph.groups import GroupSnapshot

Wire = tuple[str, str, int]  # source, target, port
#: The order of some nodes' uses and of their inputs (networkx's successor and predecessor
#: dicts' keys), and the keys of the wires between two nodes, with their ports (where they
#: are not the one key 0): what an undo that makes wires again puts back (a file lists them so).
WiringOrder = tuple[dict[str, list[str]], dict[str, list[str]], dict[tuple[str, str], list[tuple[int, int]]]]


@dataclass
class RemovedNodes:
    """What :meth:`BulkRemovals.remove_nodes` took out, for :meth:`BulkRemovals.restore_nodes`."""

    #: (id, attributes), in the order they were in the graph; None: those
    #: of ``tables`` (made when first asked for: the undo of deleting every
    #: node puts the tables back and never asks)
    node_list: list[tuple[str, dict]] | None
    #: every wire that touched one of them (every node taken out: an EveryWire, listed if asked)
    wires: Sequence[Wire]
    groups: dict[str, str]  # node -> the group it was directly in
    ranks: dict[str, int]  # their topological ranks (so putting them back reorders nothing)
    output: str | None  # the graph's output, if it was one of them
    #: The groups left with no node and no group by the delete, gone with
    #: it (GroupSet.drop_emptied), put back by its undo once the nodes are.
    dropped: list[GroupSnapshot] = field(default_factory=list)
    #: Every node's value and reason, when every node was taken out: what
    #: evaluating them again gives (none of them a custom operator, whose
    #: definition may change meanwhile), so putting them back evaluates nothing.
    values: tuple[dict[str, float | None], dict[str, str | None]] | None = None
    #: With ``values``: the graph's own tables as they were (networkx's node,
    #: successor and predecessor dicts, each a shallow copy of the emptied
    #: one; the input table itself, the model having a new one), whose
    #: per-node entries nothing touches while they are out; put back into
    #: the empty graph as they are (no wire checked and made again: ~60% of
    #: undoing the delete of every node). ``ranks`` and ``values`` are then
    #: the model's own dicts too, taken whole.
    tables: tuple[dict, dict, dict, dict[str, list]] | None = None
    #: With ``tables``: the forward pass's plan of them (what it read of each
    #: node, core/graph/kept_values.py), taken whole and put back with them.
    plan: dict[str, tuple | None] | None = None

    #: Where each of ``node_list``'s nodes was in the graph's order (a delete
    #: of some nodes), so that the undo puts each back in its place: the
    #: order a file lists them in, and a reopened file's pass order.
    places: list[int] | None = None
    #: The order of the uses and inputs of the nodes at either end of a wire
    #: it took, and the keys of those wires, as they were (``BulkRemovals.wiring_order``).
    wiring: WiringOrder = field(default_factory=lambda: ({}, {}, {}))

    #: True once its nodes' attribute dicts were handed out (:attr:`nodes`):
    #: the model no longer vouches that the graph it puts back is the very
    #: one it took out (``whole_batch``), whoever may have changed them.
    handed_out: bool = False

    @property
    def nodes(self) -> list[tuple[str, dict]]:
        """(id, attributes) of each node taken out, in the order they were in the graph."""
        self.handed_out = True
        if self.node_list is None:
            assert self.tables is not None
            self.node_list = list(self.tables[0].items())
        return self.node_list

    def order(self) -> list[str]:
        """The ids of the nodes taken out, in the order they were in the graph
        (the order an undo puts them back in), their attributes not handed out
        (the snapshot stays the very graph taken out: ``handed_out`` unset)."""
        if self.node_list is None:
            assert self.tables is not None
            return list(self.tables[0])
        return [n for n, _ in self.node_list]
