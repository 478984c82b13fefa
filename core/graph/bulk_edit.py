"""Edits of many nodes at once: one signal per kind of change, one re-evaluation.

Auto Layout moves every node, a paste adds hundreds of them, a delete may
take thousands. Made edit by edit, each node and wire would be announced on
its own to every listener (canvas, find, minimap, autosave, ...) and every
wire would re-evaluate what lies downstream of it. :class:`BulkEdits` (a base
of :class:`core.graph.model.GraphModel`, through
:class:`core.graph.bulk_remove.BulkRemovals`, which adds the deletes and
their undo) does the whole batch on the model's tables, then announces it
once (``nodes_moved``, ``nodes_added``, ``edges_added``, ``edges_removed``,
``nodes_removed``, each carrying all of it) and re-evaluates the nodes
downstream of the batch once. A listener of
the one-node signals (``node_added``, ``node_moved``, ...) must listen to
these too: the batch edits do not emit those.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import repeat
from operator import is_
from typing import TYPE_CHECKING, Any

import networkx as nx
from psygnal import Signal

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.graph import forward
from core.graph.errors import DuplicateIdError, InvalidValueError
from core.graph.groups import GroupSnapshot
from core.graph.node_attrs import check_finite, node_attrs
from core.graph.removed import RemovedNodes, Wire
from core.graph.unit_moves import Unit, moved_units

if TYPE_CHECKING:
    from core.graph.free_ids import FreeIds
    from core.graph.groups import GroupSet
    from core.graph.topology import DynamicOrder


#: From this many nodes, a batch reads the graph's attribute table in one pass.
_MANY = 256
#: From this many nodes, what a batch made joins the big document's frozen
#: heap (gui/document/heap.py, whose FREEZE_FROM this is).
_FREEZE_FROM = 5000


@contextmanager
def batch_heap(size: int) -> Iterator[None]:
    """A batch of ``size`` nodes without the cycle collector; what a big
    batch made is frozen with the big document's heap: the attributes, wires
    and items of 50,000 nodes put back (or a new place for each) live as long
    as a new document's, and the collections that would walk them afterwards
    took 0.2-0.6 s each, several times."""
    with gc_paused():
        try:
            yield
        finally:
            # frozen before the collector is back: its first collection would walk them all
            if size >= _FREEZE_FROM:  # (a document that grew this big unfrozen: the next one unfreezes it)
                gc.freeze()


class BulkEdits:
    """The batch edits of a GraphModel (see the module docstring)."""

    nodes_moved = Signal(object)  # {id: (x, y)}
    nodes_added = Signal(object)  # [id], before their wires' edges_added
    nodes_removed = Signal(object)  # [id], after their wires' edges_removed
    edges_added = Signal(object)  # [(source, target, port)]
    edges_removed = Signal(object)  # [(source, target, port)]

    #: While every node is taken out with its tables kept (``remove_nodes``
    #: of them all) and while that undo puts them back (``restore_nodes``),
    #: during their signals: the snapshot both share; else None. Between the
    #: two, nothing touches what it holds (each node's attributes, wires and
    #: value: the very objects; a snapshot that handed out its nodes' dicts,
    #: ``RemovedNodes.nodes``, is not vouched for), so a listener that kept
    #: what it showed of the graph when it went, with this, may take that
    #: back unchecked when told the same snapshot is back (the cards, the sinks).
    whole_batch: RemovedNodes | None = None

    if TYPE_CHECKING:  # GraphModel's own tables and methods, used here
        _g: nx.MultiDiGraph
        _inputs: dict[str, list]
        _order: DynamicOrder
        _value: dict[str, float | None]
        _reason: dict[str, str | None]
        _why: dict[str, str | None]
        _edge_count: int
        _free: FreeIds
        groups: GroupSet

        @property
        def output(self) -> str | None: ...

        def _node(self, node_id: str) -> dict: ...
        def _check_connect(self, source: str, target: str, port: int, replace: bool) -> None: ...
        def _recompute(self, starts: Iterable[str]) -> None: ...
        def _replan(self, ids: str | Iterable[str] | None = None) -> None: ...
        def _cone_order(self, starts: frozenset[str]) -> list[str]: ...
        def set_output(self, node_id: str | None) -> None: ...
        def label(self, node_id: str) -> str: ...

        _pending: set[str] | None
        _plan: dict[str, tuple | None]
        _ranked_at: int | None
        values_changed: Any
        graph_changed: Any

    def set_positions(self, positions: Mapping[str, tuple[float, float]]) -> None:
        """Move many nodes: every position is checked before any is set, and
        one ``nodes_moved`` tells where they all are now."""
        with batch_heap(len(positions)):
            self._set_positions(positions)

    def move_units(self, units: Sequence[Unit]) -> dict[str, tuple[float, float]]:
        """Move whole units (nodes, dx, dy), each node from where it is, all
        checked first; one ``nodes_moved`` (a ``MovedUnits``: the units too).
        Where each was: an undo puts them back (``set_positions``)."""
        with batch_heap(sum(len(u[0]) for u in units)):
            old, new, attrs = moved_units(self._g._node, self._node, units)
            for a, (x, y) in zip(attrs, new.values()):
                a["x"], a["y"] = x, y
            if new:
                with gc_paused():  # the listeners' work on every node: no cycles
                    self.nodes_moved.emit(new)
        return old

    def _set_positions(self, positions: Mapping[str, tuple[float, float]]) -> None:
        # many nodes: their attributes from one pass over the graph, not a view lookup each
        table = self._g._node if len(positions) > _MANY else None  # (networkx's own map, read: no copy)
        checked: dict[str, tuple[float, float]] = {}
        attrs = []
        finite = math.isfinite
        for n, xy in positions.items():
            a = table.get(n) if table is not None else None
            if a is None:
                a = self._node(n)  # or UnknownNodeError
            x, y = xy
            # plain finite floats pass at once; anything else is checked (and refused or converted)
            if not (type(x) is float and type(y) is float and finite(x) and finite(y)):
                xy = (check_finite(f"x position of {n!r}", x), check_finite(f"y position of {n!r}", y))
            elif type(xy) is not tuple:
                xy = (x, y)
            checked[n] = xy
            attrs.append(a)
        for a, (x, y) in zip(attrs, checked.values()):
            a["x"], a["y"] = x, y
        if checked:
            with gc_paused():  # the listeners' work on every node: no cycles
                self.nodes_moved.emit(checked)

    def add_nodes(
        self,
        nodes: Sequence[tuple[str, Mapping[str, Any]]],
        wires: Sequence[Wire] = (),
        groups: Mapping[str, str] | None = None,
        ranks: Mapping[str, int] | None = None,
        stored: bool = False,
        values: tuple[dict[str, float | None], dict[str, str | None]] | None = None,
    ) -> None:
        """Add ``nodes`` ((id, attributes with "op", as add_node takes them)),
        then ``wires`` into or out of them, all or nothing (a GraphError,
        nothing changed); ``groups`` puts nodes in groups, ``ranks`` gives
        them back the ranks they had; ``stored``: the attributes are as the
        model stored them (a RemovedNodes' snapshot), copied unchecked;
        ``values``: a RemovedNodes' of every node (into an empty graph: taken
        as they are, not evaluated again)."""
        with batch_heap(len(nodes)):
            self._add_nodes(nodes, wires, groups, ranks, stored, values)

    def _add_nodes(
        self,
        nodes: Sequence[tuple[str, Mapping[str, Any]]],
        wires: Sequence[Wire],
        groups: Mapping[str, str] | None,
        ranks: Mapping[str, int] | None,
        stored: bool,
        values: tuple[dict[str, float | None], dict[str, str | None]] | None = None,
        dropped: Sequence[GroupSnapshot] = (),
        in_place: Callable[[list[str]], None] | None = None,
    ) -> None:
        """``dropped``: groups a delete of these nodes emptied (restore_nodes), back with them;
        ``in_place``: called with the new ids once they are wired, before anyone hears of them
        (restore_nodes: each node and wire back in its place in the graph's order)."""
        new: list[tuple[str, dict]] = []
        seen: set[str] = set()
        g = self._g
        if values is not None and len(g):
            values = None  # only the whole graph back into an empty one
        for nid, a in nodes:
            if not isinstance(nid, str) or not nid:
                raise InvalidValueError(f"node id must be a non-empty string, not {nid!r}")
            if nid in g or nid in seen:
                raise DuplicateIdError(f"a node with id {nid!r} already exists")
            seen.add(nid)
            if stored:
                new.append((nid, dict(a)))
                continue
            kw = dict(a)
            new.append((nid, node_attrs(kw.pop("op"), nid, **kw)))
        rank, order = self._order.rank, self._order
        g.add_nodes_from(new)  # one call: networkx's add_node costs ~20 µs a node
        self._replan([nid for nid, _ in new])  # (an id may come back with other wires)
        for nid, a in new:
            self._inputs[nid] = [None] * ops.arity(a["op"])
            if ranks is not None and nid in ranks:
                rank[nid] = ranks[nid]
            else:
                order.add(nid)
        made: list[Wire] = []
        try:
            for s, t, p in wires:
                self._wire(s, t, p)
                made.append((s, t, p))
        except Exception:
            self._unwire(made)
            self._drop([n for n, _ in new])
            raise
        finally:
            if wires:
                after_raw_write(g)
        ids = [n for n, _ in new]
        if in_place is not None:
            in_place(ids)
        # Evaluated before anyone hears of the nodes: a listener making a card
        # or a wire reads the value it will show (not None, then the value
        # again at values_changed: thousands of cards read twice).
        if self._pending is not None:
            changed = None
        elif values is not None and values[0].keys() == seen:  # every node back: their values as they were
            changed = self._take_values(*values)
        else:
            changed = self._evaluate_quietly(ids)
        with gc_paused():  # the listeners make an item per node and wire: no cycles
            self._tell_added(ids, made, groups, dropped)
            if changed is None:
                self._recompute(ids)  # inside a batch: when it ends
            else:
                if changed:
                    self.values_changed.emit(changed)
                self.graph_changed.emit()

    # ------------------------------------------------------------ internals
    def _tell_added(
        self,
        ids: list[str],
        wires: Sequence[Wire],
        groups: Mapping[str, str] | None,
        dropped: Sequence[GroupSnapshot],
    ) -> None:
        """``nodes_added`` and ``edges_added`` of nodes in the graph now;
        then, each step told as it is made (as a delete, backwards), the
        groups ``dropped`` back and the nodes into their ``groups``."""
        self.nodes_added.emit(ids)
        if wires:
            self.edges_added.emit(wires)
        if groups or dropped:
            gs = self.groups
            with gs.batch():
                if dropped:
                    gs.restore_dropped(list(dropped))
                if groups:
                    gs.place_nodes(groups)

    def _take_values(self, values: dict[str, float | None], reasons: dict[str, str | None]) -> set[str]:
        """Every node's value and reason as ``values`` and ``reasons`` have
        them (the whole graph put back as it was); the ids an evaluation would
        have named as changed (from none: those with a value or a reason)."""
        if self._value or self._reason:
            self._value.update(values)
            self._reason.update(reasons)
        else:  # (into the empty graph: the tables themselves)
            self._value, self._reason = values, reasons
        self._why.clear()
        if not any(map(is_, values.values(), repeat(None))):  # (the usual: every node has one, known in C)
            return set(iter(values))  # (added one by one as the comprehension does: the same order)
        return {n for n, v in values.items() if v is not None or reasons.get(n) is not None}

    def _evaluate_quietly(self, starts: Iterable[str]) -> set[str]:
        """``_recompute`` without its signals: the ids whose value changed
        (the caller emits ``values_changed`` and ``graph_changed``)."""
        key = frozenset(starts)
        # the raw attribute table: the graph's view costs a call a node
        changed = forward.evaluate(
            self._cone_order(key),
            self._g._node,
            self._inputs,
            self._value,
            self._reason,
            self.label,
            plan=self._plan,
            starts=key,
        )
        self._why.clear()
        return changed

    def _wire(self, s: str, t: str, p: int) -> None:
        """connect() without its signal and re-evaluation."""
        # the usual wire (both ends there, a free port in range, inputs ranked
        # first) passes on a few dict reads; anything else gets the full
        # check and its message (five checked node lookups: ~80 µs a wire)
        nodes, inputs, rank = self._g._node, self._inputs.get(t), self._order.rank
        if (
            s not in nodes
            or inputs is None
            or type(p) is not int
            or not 0 <= p < len(inputs)
            or inputs[p] is not None
            or s == t
            or rank[s] > rank[t]
        ):
            self._check_connect(s, t, p, False)
        if rank[s] >= rank[t]:  # else the ranks are topological already (add_edge would return)
            self._order.add_edge(s, t)
        # g.add_edge(s, t, port=p) written into networkx's raw dicts (as
        # core/graph/bulk.py loads a file): _succ[s][t] and _pred[t][s] share
        # one key dict, and the new key is the first free one from its size
        g = self._g
        keys = g._succ[s].get(t)
        if keys is None:
            keys = g._succ[s][t] = g._pred[t][s] = {}
        key = len(keys)
        while key in keys:
            key += 1
        keys[key] = {"port": p}
        self._inputs[t][p] = s
        self._replan(t)
        self._edge_count += 1

    def _unwire(self, wires: list[Wire]) -> None:
        for s, t, p in reversed(wires):
            for key, d in list(self._g.get_edge_data(s, t).items()):
                if d["port"] == p:
                    self._g.remove_edge(s, t, key)
                    break
            self._inputs[t][p] = None
            self._replan(t)
            self._edge_count -= 1

    def _drop(self, ids: list[str]) -> None:
        """Take out nodes nobody was told about (a refused batch)."""
        self._g.remove_nodes_from(ids)
        self._free.forget()
        self._replan(ids)
        for n in ids:
            self._inputs.pop(n, None)
            self._order.rank.pop(n, None)


def after_raw_write(g: nx.MultiDiGraph) -> None:
    """networkx's raw dicts of ``g`` were written to: its caches go (networkx 3.3+)."""
    clear = getattr(nx, "_clear_cache", None)
    if clear is not None:
        clear(g)
