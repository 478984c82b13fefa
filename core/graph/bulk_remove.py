"""Deletes of many nodes at once, and their undo: one signal per kind of change.

:class:`BulkRemovals` (a base of :class:`core.graph.model.GraphModel`) adds
to the batch edits of :mod:`core.graph.bulk_edit` the removal of many nodes
with their wires (the snapshot an undo puts back) and that undo; every node
taken out hands the model's tables to the snapshot whole, and its undo takes
them back (``whole_batch``), so a Delete after Select All of 50,000 nodes
and its undo copy no table of them.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from itertools import islice
from operator import indexOf, itemgetter

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.graph.bulk_edit import BulkEdits, after_raw_write, batch_heap
from core.graph.every_wire import EveryWire
from core.graph.group_records import GroupError
from core.graph.removed import RemovedNodes, Wire, WiringOrder

_OP = itemgetter("op")
# An undo puts nodes back in their places in networkx's node, successor and
# predecessor tables ("the tables in order"): a file lists the nodes and wires
# in the first two (and the pass's order is read from them), Auto Layout reads
# the third (review 59: 16 of 200 graphs laid out otherwise after an undo); not
# in the input table (~5 ms at 50,000 nodes to rebuild), whose order nothing reads.
#: Up to this many nodes deleted, each one's place is found by a scan in C.
_FEW = 16


class _Every:
    """Every node (a delete of the whole graph): no set of 50,000 made to be asked."""

    def __contains__(self, _node: object) -> bool:
        return True


class BulkRemovals(BulkEdits):
    """The batch deletes of a GraphModel and their undo (see the module docstring)."""

    #: The nodes a delete is taking out, while their groups are told first: a
    #: listener of the groups need not redraw what goes next (the folded MLP's
    #: canvas re-routed every wire to its plain cards, then removed them all).
    removing: Container[str] = frozenset()

    def removing_every(self) -> bool:
        """True while a delete of every node tells the groups (``removing``):
        a listener may set aside what it holds for the undo of it."""
        return isinstance(self.removing, _Every)

    def remove_nodes(self, ids: Iterable[str]) -> RemovedNodes:
        """Remove nodes with all their wires (one signal for the wires, one
        for the nodes, one re-evaluation of what they fed); a group left
        with no node and no group goes with them. The nodes leave their
        groups first (told as it is made), and the output, if it is one of
        them, is cleared before any signal, so none finds the groups or the
        output naming a node the graph no longer has."""
        ids = list(dict.fromkeys(ids))
        with batch_heap(len(ids)):
            return self._remove_nodes(ids)

    def remove_all(self) -> RemovedNodes:
        """:meth:`remove_nodes` of every node, in the graph's order (Delete
        after Select All): the ids are the graph's own, so none is looked up
        or told apart from another (a pass over 50,000 ids each)."""
        ids = list(self._g._node)
        with batch_heap(len(ids)):
            return self._remove_nodes(ids, known=True)

    def _remove_nodes(self, ids: list[str], known: bool = False) -> RemovedNodes:
        """``known``: ``ids`` are the graph's (each a node, each once)."""
        g, inputs = self._g, self._inputs
        # networkx's raw dicts (tests/test_networkx_internals.py): a node's
        # attribute dict leaves the graph with it, so the snapshot keeps it
        # uncopied (restore_nodes copies it back in)
        succ, attrs, rank = g._succ, g._node, self._order.rank
        for n in () if known or all(map(attrs.__contains__, ids)) else ids:  # (all there: known in C)
            if n not in attrs:
                self._node(n)  # UnknownNodeError
        every = len(ids) == len(attrs)  # (ids: distinct, each a node)
        gone = () if every else set(ids)  # (every node: no set of 50,000 to ask)
        # First the nodes leave their groups (a group left with no node and
        # no group goes), told as it is made: no signal of the delete finds
        # a group naming a node the graph no longer has, nor a listener of
        # the groups unaware of what they are now.
        gs = self.groups
        self.removing = _Every() if every else gone
        try:
            with gs.batch():
                left = gs.forget_nodes(ids)
                dropped = gs.drop_emptied(left.values())
        finally:
            self.removing = frozenset()
        out = self.output if every or self.output in gone else None
        wires: dict[Wire, None] = {}
        if every:  # every wire, in the graph's order (which a restore then keeps), listed if asked
            every_wire = EveryWire(succ, self._edge_count)  # (the table, taken whole below: untouched)
        else:
            pred = g._pred
            for n in ids:
                # (inputs and uses in networkx's order, a pair's wires by key: as the undo makes them)
                for s, keyed in pred[n].items():
                    for d in keyed.values():
                        wires[(s, n, d["port"])] = None
                for t, keyed in succ[n].items():  # g.out_edges(n) makes a view per node
                    for d in keyed.values():
                        wires[(n, t, d["port"])] = None
        fed = [] if every else [t for _, t, _ in wires if t not in gone]
        plan, self._plan = (self._plan, {}) if every else (None, self._plan)  # (every node's: kept below)
        self._replan(None if every else [*ids, *fed])
        if fed:
            for _, t, p in wires:
                if t not in gone:
                    inputs[t][p] = None
        if every:  # (in the graph's order: a restore sorts them by rank)
            # the tables go into the snapshot whole (new empty ones below), not copied and
            # emptied: each a pass over 50,000 entries far apart in memory (2-6 ms each);
            # networkx's too (_swap_tables: its views and the dynamic order told)
            snap = RemovedNodes(None, every_wire, left, rank, out, dropped)
            # every op a built-in one: the set of them, made in C
            if self._pending is None and set(map(_OP, attrs.values())) <= ops.BUILTIN_OPS:
                snap.values = (self._value, self._reason)
                snap.tables = (attrs, succ, g._pred, inputs)
                snap.plan = plan
            else:
                snap.node_list = list(attrs.items())
                # made again wire by wire: the keys of a pair's wires as they were (review 59: a*a
                # rewired, keys 1 and 2, came back 0 and 1 and the file saved again differed)
                snap.wiring = ({}, {}, _odd_keys(succ))
        else:
            snap = RemovedNodes(
                [(n, attrs[n]) for n in ids], list(wires), left, {n: rank[n] for n in ids}, out, dropped
            )
            _note_places(snap, ids, wires, attrs, self)
        self._edge_count -= len(snap.wires)
        self._free.forget()
        if every:  # the whole graph: new empty tables (the graph's own attributes stay)
            self._swap_tables({}, {}, {})
            self._inputs, self._order.rank, self._value, self._reason = {}, {}, {}, {}
        else:
            g.remove_nodes_from(ids)  # and their wires
            for n in ids:
                del inputs[n], rank[n]
                self._value.pop(n, None)
                self._reason.pop(n, None)
        self._why.clear()
        # every node out, its tables kept whole: the undo puts back this very graph (whole_batch)
        self.whole_batch = snap if snap.tables is not None else None
        if out is not None:  # (no signal finds it naming a node that went; told between wires and nodes)
            self._g.graph.pop("output")
        try:
            with gc_paused():  # the listeners drop an item per node and wire: no cycles
                if snap.wires:
                    self.edges_removed.emit(snap.wires)
                if out is not None:  # (after the wires: far out, the overview kept its badge for the undo)
                    self.set_output(None)
                self.nodes_removed.emit(ids)
                self._recompute(fed)
        finally:
            self.whole_batch = None
        return snap

    def restore_nodes(self, snap: RemovedNodes) -> None:
        """Undo :meth:`remove_nodes`: all of it, or (if the graph changed so
        that a wire no longer fits, or a group it dropped has another in its
        place) nothing, with the GraphError raised."""
        taken = [d.group.id for d in snap.dropped if d.group.id in self.groups]
        if taken:
            raise GroupError(f"there is already a group {taken[0]!r}")
        if snap.tables is not None and snap.values is not None and not len(self._g) and self._pending is None:
            with batch_heap(len(snap.ranks)):
                self._put_back(snap.tables, snap)  # every node back into the empty graph
            if snap.output is not None:
                self.set_output(snap.output)
            return
        # in the graph's order, each then moved back to its place in it (a file lists them so)
        nodes, places = snap.nodes, snap.places
        if places is not None:
            by_place = sorted(range(len(nodes)), key=places.__getitem__)
            nodes, places = [nodes[i] for i in by_place], [places[i] for i in by_place]
        back = None if places is None else lambda ids: self._put_in_place(ids, places, snap)
        if back is None and snap.node_list is not None and snap.wiring[2]:  # (every node, wire by wire)
            back = lambda _ids: self.put_wiring_order(snap.wiring)
        with batch_heap(len(nodes)):
            self._add_nodes(nodes, snap.wires, snap.groups, snap.ranks, True, snap.values, snap.dropped, back)
        if snap.output is not None:
            self.set_output(snap.output)

    def _put_in_place(self, ids: list[str], places: list[int], snap: RemovedNodes) -> None:
        """The nodes ``ids`` just put back (at the end of the graph's order),
        each moved to its place in it (``places``, ascending), and the uses
        and inputs of the nodes they were wired to in their order as they
        were (``snap``): the file saved lists nodes and wires as before and
        its pass runs in the same order. The tables in order (see the top)
        are rebuilt in C from the first place on; nothing moves when they
        were the last nodes."""
        g = self._g
        size, k = len(g._node), len(ids)
        first = places[0] if places else size
        if first < size - k:
            kept = list(islice(g._node, first, size - k))  # the nodes after the first place, in order
            order: list[str] = []
            i = 0
            for p, n in zip(places, ids):
                take = p - first - len(order)  # the kept nodes before this one's place
                if take > 0:
                    order += kept[i : i + take]
                    i += take
                order.append(n)
            order += kept[i:]
            for table in (g._node, g._succ, g._pred):  # (the tables in order, see the top)
                table.update(zip(order, list(map(table.pop, order))))
        self.put_wiring_order(snap.wiring)
        self._ranked_at = None  # (the ranks given back: checked once against this order)

    def put_in_order(self, order: list[str]) -> None:
        """The nodes in ``order``, the graph's as it was (an undo that took
        some out and made them again: the Code panel's apply), where they are
        the same nodes: the tables in order (see the top) rebuilt in C,
        nothing a listener shows changed; the pass's order follows."""
        node = self._g._node
        if len(order) != len(node) or not all(map(node.__contains__, order)) or list(node) == order:
            return
        g = self._g
        for table in (node, g._succ, g._pred):  # (the tables in order, see the top)
            table.update(zip(order, list(map(table.pop, order))))
        after_raw_write(g)
        self._ranked_at = None  # (the ranks a file would give: from this order)

    def wiring_order(self, wires: Iterable[tuple[str, str]], into: WiringOrder | None = None) -> WiringOrder:
        """For :meth:`put_wiring_order`: the order of the uses of each wire's
        source and of the inputs of its target (those with more than one),
        and the keys of the wires between them with their ports (unless the
        one key 0), of ``wires`` (source, target) that are in the graph
        (``into``: added to it, what it has kept as it is). A wire taken out
        and made again by an undo comes last among them, under the first
        free key, and a file lists wires so."""
        uses, ins, keys = into if into is not None else ({}, {}, {})
        succ, pred = self._g._succ, self._g._pred
        for s, t in wires:
            if s in succ and len(succ[s]) > 1 and s not in uses:
                uses[s] = list(succ[s])
            if t in pred and len(pred[t]) > 1 and t not in ins:
                ins[t] = list(pred[t])
            keyed = succ[s].get(t) if s in succ else None
            if keyed is not None and (len(keyed) > 1 or 0 not in keyed) and (s, t) not in keys:
                keys[(s, t)] = [(k, d["port"]) for k, d in keyed.items()]
        return uses, ins, keys

    def put_wiring_order(self, saved: WiringOrder) -> None:
        """The uses and inputs, and the wires' keys, of ``saved``
        (:meth:`wiring_order`) as they were, where they are the same ones
        again (networkx's dicts reordered in place, a key dict shared by
        both ends: nothing a listener shows changes)."""
        g = self._g
        uses, ins, keys = saved
        for tables, orders in ((g._succ, uses), (g._pred, ins)):
            for n, order in orders.items():
                d = tables.get(n)
                if (
                    d is not None
                    and len(d) == len(order)
                    and all(map(d.__contains__, order))
                    and list(d) != order
                ):
                    d.update(zip(order, list(map(d.pop, order))))
        for (s, t), was in keys.items():
            keyed = g._succ[s].get(t) if s in g._succ else None
            if keyed is None or len(keyed) != len(was) or list(keyed) == [k for k, _ in was]:
                continue
            by_port = {d["port"]: d for d in keyed.values()}
            if len(by_port) == len(was) and all(p in by_port for _, p in was):
                keyed.clear()
                keyed.update((k, by_port[p]) for k, p in was)
        after_raw_write(g)

    def _put_back(self, tables: tuple[dict, dict, dict, dict[str, list]], snap: RemovedNodes) -> None:
        """:meth:`add_nodes` of every node of ``snap`` into the empty graph:
        its tables as they were, in the graph's order (nothing to check: the
        graph is as it was), told to the listeners as ``add_nodes`` tells them."""
        g = self._g
        node, succ, pred, inputs = tables
        if g._node or g._succ or g._pred:  # (the graph is empty: its tables are swapped back whole)
            g._node.update(node)
            g._succ.update(succ)
            g._pred.update(pred)
            after_raw_write(g)
        else:
            self._swap_tables(node, succ, pred)
        # the model's own tables taken back whole (the snapshot is put back once): none copied, none freed
        order, values = self._order, snap.values
        assert values is not None
        self._replan()
        if snap.plan is not None and not snap.handed_out and not self._plan:  # (these very nodes and wires)
            self._plan, snap.plan = snap.plan, None
        if not (self._inputs or order.rank or self._value or self._reason):
            self._inputs, order.rank, self._value, self._reason = inputs, snap.ranks, {}, {}
        else:
            self._inputs.update(inputs)
            order.rank.update(snap.ranks)
        self._edge_count += len(snap.wires)
        changed = self._take_values(*values)
        # (its nodes, wires, values: the very ones taken out, untouched, unless handed out)
        self.whole_batch = None if snap.handed_out else snap
        try:
            with gc_paused():  # the listeners make an item per node and wire: no cycles
                self._tell_added(list(node), snap.wires, snap.groups, snap.dropped)
                if changed:
                    self.values_changed.emit(changed)
                self.graph_changed.emit()
        finally:
            self.whole_batch = None

    def _swap_tables(self, node: dict, succ: dict, pred: dict) -> None:
        """networkx's node, successor and predecessor tables of the graph
        replaced whole (every node taken out, or put back into the empty
        graph): its cached views dropped, the dynamic order told (it reads
        the wires through views of them); the sink watch asks each time."""
        g = self._g
        g._node, g._pred = node, pred
        g._succ = g._adj = succ
        after_raw_write(g)
        self._order.follow(g.succ, g.pred)


def _note_places(
    snap: RemovedNodes, ids: list[str], wires: dict[Wire, None], attrs, model: BulkRemovals
) -> None:
    """Where the nodes ``ids`` are in the graph's order, and the order of the
    uses and inputs at either end of ``wires`` and their keys
    (``wiring_order``), noted in ``snap`` before they go: its undo puts them
    back so (``_put_in_place``). One pass in C over the graph's ids, the rest
    per node and wire taken out."""
    if len(ids) <= _FEW:  # a scan in C each: no table of every node's place (~5 ms at 50,000)
        snap.places = [indexOf(attrs, n) for n in ids]
    else:
        place = dict(zip(attrs, range(len(attrs))))
        snap.places = list(map(place.__getitem__, ids))
    snap.wiring = model.wiring_order((s, t) for s, t, _ in wires)


def _odd_keys(succ: dict[str, dict[str, dict[int, dict]]]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """The keys of the wires between each pair of nodes with their ports
    (``BulkRemovals.wiring_order``'s third part), where they are not those a
    wire made again gets (0, 1, …: the first free one)."""
    return {
        (s, t): [(k, d["port"]) for k, d in keyed.items()]
        for s, out in succ.items()
        for t, keyed in out.items()
        if any(k != i for i, k in enumerate(keyed))
    }
