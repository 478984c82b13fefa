"""The document: a computation graph that validates every edit.

The graph lives in a ``networkx.MultiDiGraph`` (a node may feed both ports of
one operator). Listeners, such as the canvas, learn about changes through
psygnal signals, so nothing here needs Qt. Forward values are kept current
incrementally: an edit re-evaluates only the nodes downstream of it
(:mod:`core.graph.forward`).

A topological rank is kept for every node (Pearce & Kelly's dynamic
topological order), so checking a new wire for a cycle is O(1) when the wire
goes along the order and searches only the affected region when it does not.

Edits of many nodes at once (Auto Layout, paste, delete) are the base classes'
(:mod:`core.graph.bulk_edit`, deletes in :mod:`core.graph.bulk_remove`): one
signal per kind of change for the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import networkx as nx
from psygnal import Signal

from core.autograd import ops
from core.graph import bulk, drawing, forward
from core.graph.bulk_remove import BulkRemovals
from core.graph.edit_checks import EditChecks
from core.graph.errors import DuplicateIdError, GraphError, InvalidValueError, UnknownNodeError
from core.graph.free_ids import FreeIds, id_stem
from core.graph.groups import GroupSet
from core.graph.kept_values import KeptValues
from core.graph.node_attrs import CORE_KEYS, UNSET, LabelPlaces, check_finite, check_op, node_attrs
from core.graph.op_change import OpChanges
from core.graph.roots import model_labels, resolve_root
from core.graph.topology import DynamicOrder


@dataclass
class NodeSnapshot:
    """Everything needed to put a removed node back, wires included."""

    node_id: str
    attrs: dict
    in_edges: list  # (source, port)
    out_edges: list  # (target, port)
    was_output: bool = False
    group: str | None = None  # the group it was directly in


class GraphModel(KeptValues, BulkRemovals, EditChecks, OpChanges):
    """A computation graph document."""

    node_added = Signal(str)
    node_removed = Signal(str)
    edge_added = Signal(str, str, int)  # source, target, port
    edge_removed = Signal(str, str, int)
    node_changed = Signal(str, str)  # id, attribute name
    node_moved = Signal(str, float, float)
    values_changed = Signal(object)  # set of ids whose value or reason changed
    output_changed = Signal(object)  # id or None
    graph_changed = Signal()  # after every structural or value edit

    def __init__(self) -> None:
        self._g = nx.MultiDiGraph()
        self._g.graph.update({"format": "micrograd-studio", "version": 1})
        self._inputs: dict[str, list] = {}  # id -> source id (or None) per port
        self._order = DynamicOrder(self._g.succ, self._g.pred)
        self._value: dict[str, float | None] = {}
        self._reason: dict[str, str | None] = {}
        #: The groups the canvas can fold (saved in the file; see core.graph.groups).
        self.groups = GroupSet()
        self._edge_count = 0
        self._why: dict[str, str | None] = {}  # nonfinite_reason's answers, until values or labels change
        self._labels = LabelPlaces()
        self._pending: set[str] | None = None  # while a batch is open: where to re-evaluate from
        self._plan = {}  # what the forward pass reads of each node (core/graph/kept_values.py)
        self._free = FreeIds()  # new ids' numbers

    @classmethod
    def from_records(
        cls,
        attrs: dict,
        nodes: list,
        edges: list,
        order: list | None = None,
        inputs: dict[str, list] | None = None,
    ) -> GraphModel:
        """A model from validated records in one pass (no per-edit work):
        ``nodes`` as (id, attrs), ``edges`` as (source, target, port) or
        (source, target, port, extra attrs); ``order``, if known, lists the
        ids inputs first, and ``inputs`` (taken over, not copied) the source
        per port of every node. CycleError if the edges form a cycle."""
        m = cls()
        if inputs is not None:
            m._inputs = inputs
        order = bulk.fill(m._g, m._inputs, attrs, nodes, edges, order, filled=inputs is not None)
        m._edge_count = len(edges)
        m._order.reset(order)
        m._evaluate(order, fresh=True)
        return m

    @classmethod
    def from_file(
        cls,
        attrs: dict,
        ids: list[str],
        nodes: list[dict],
        edges: list[dict],
        order: list,
        inputs: dict,
        values: dict[str, float | None] | None = None,
    ) -> tuple[GraphModel, dict[tuple[str, str, int], dict]]:
        """:meth:`from_records` of a checked file's own objects, taken over
        (``bulk.fill_file``): node ``ids[i]``'s dict ``nodes[i]``, the edge
        objects, the order and sources the check found, and every node's
        value in that order if the check worked them out (a graph with no
        empty port: core/files/opening.py), else evaluated here. The model
        and its wires' keys of their own, by (source, target, port)."""
        m = cls()
        m._inputs = inputs
        extras = bulk.fill_file(m._g, attrs, ids, nodes, edges)
        m._edge_count = len(edges)
        m.rank_as_file(order)
        if values is None:
            m._evaluate(order, fresh=True)
        else:  # as _evaluate(order, fresh=True) leaves them: no node lacks a value, none has a reason
            m._value, m._reason = values, dict.fromkeys(values)
            m._plan = forward.plan_of(order, m._g._node, inputs)
            m.values_changed.emit(set(order))
            m.graph_changed.emit()
        return m, extras

    # ------------------------------------------------------------ reading
    @property
    def graph(self) -> nx.MultiDiGraph:
        """The underlying graph; read it, but edit only through the model."""
        return self._g

    @property
    def attrs(self) -> dict:
        """Graph-level attributes (format, version, output, unknown keys)."""
        return self._g.graph

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._g

    def __len__(self) -> int:
        return len(self._g)

    def nodes(self) -> list[str]:
        return list(self._g.nodes)

    def node(self, node_id: str) -> dict:
        """A copy of the node's attributes."""
        return dict(self._node(node_id))

    def op(self, node_id: str) -> str:
        return self._node(node_id)["op"]

    def label(self, node_id: str) -> str:
        """The label, or the id when the node has none."""
        return self._node(node_id).get("label") or node_id

    def position(self, node_id: str) -> tuple[float, float]:
        a = self._node(node_id)
        return float(a.get("x", 0.0)), float(a.get("y", 0.0))

    def inputs(self, node_id: str) -> list:
        """Source id per input port, None for an empty port."""
        self._node(node_id)
        return list(self._inputs[node_id])

    def input_table(self) -> Mapping[str, Sequence[str | None]]:
        """Every node's input sources (as :meth:`inputs`), read-only and
        uncopied, for passes over the whole graph."""
        return MappingProxyType(self._inputs)

    def attr_table(self) -> Mapping[str, Mapping[str, Any]]:
        """Every node's attributes (as :meth:`node`), read-only and uncopied,
        for passes over the whole graph (the view's lookup costs a call a node)."""
        return MappingProxyType(self._g._node)

    def values(self) -> dict[str, float | None]:
        """Every node's forward value (None where incomplete), a copy."""
        return dict(self._value)

    def settled_values(self) -> dict[str, float | None] | None:
        """:meth:`values`, or None inside a :meth:`batch` (not re-evaluated yet)."""
        return None if self._pending is not None else dict(self._value)

    def use_table(self) -> Mapping[str, Mapping[str, Mapping[Any, Mapping[str, Any]]]]:
        """Every node's uses: target -> {edge key -> the wire's attributes
        (its "port")}, read-only and uncopied, for passes that need only a
        few nodes' uses or only how many (networkx's own table)."""
        return MappingProxyType(self._g._succ)

    def consumers(self, node_id: str) -> list[tuple[str, int]]:
        """(target, port) for every wire out of the node."""
        self._node(node_id)
        return [(t, d["port"]) for _, t, d in self._g.out_edges(node_id, data=True)]

    def edge_count(self) -> int:
        """How many wires (kept as edits go: networkx counts them one by one)."""
        return self._edge_count

    def edges(self) -> list[tuple[str, str, int]]:
        return [(s, t, d["port"]) for s, t, d in self._g.edges(data=True)]

    def _repr_svg_(self) -> str:
        """The graph drawn as the app's cards (Jupyter shows it when a cell ends with the graph)."""
        return drawing.svg(self)

    @property
    def output(self) -> str | None:
        return self._g.graph.get("output")

    def sinks(self) -> list[str]:
        # networkx's raw adjacency dict (see tests/test_networkx_internals.py):
        # through g.succ a view is made per node, 17x slower (45 ms at 100k)
        return [n for n, out in self._g._succ.items() if not out]

    def topological_order(self, nodes: Iterable[str] | None = None) -> list[str]:
        """``nodes`` (default: all), inputs before consumers, as the file saved and opened has them."""
        return sorted(self._g.nodes if nodes is None else nodes, key=self._saved_ranks().__getitem__)

    # ------------------------------------------------------------ editing
    def new_id(self, stem: str, start: int = 1) -> str:
        """An unused id like ``mul1``: the stem and its first free number from ``start``."""
        return f"{stem}{self._free.number(stem, self._g, start)}"

    def add_node(
        self,
        op: str,
        node_id: str | None = None,
        /,
        *,
        label: str | None = None,
        value: Any = UNSET,
        exponent: Any = UNSET,
        x: float = 0.0,
        y: float = 0.0,
        **extra: Any,
    ) -> str:
        """Add a node and return its id."""
        check_op(op)
        if node_id is None:
            node_id = self.new_id(id_stem(op))
        if not isinstance(node_id, str) or not node_id:
            raise InvalidValueError(f"node id must be a non-empty string, not {node_id!r}")
        if node_id in self._g:
            raise DuplicateIdError(f"a node with id {node_id!r} already exists")
        attrs = node_attrs(op, node_id, label=label, value=value, exponent=exponent, x=x, y=y, **extra)
        self._g.add_node(node_id)
        self._g.nodes[node_id].update(attrs)  # any key, even 'self'
        self._inputs[node_id] = [None] * ops.arity(op)
        self._replan(node_id)
        self._order.add(node_id)
        self.node_added.emit(node_id)
        self._recompute([node_id])
        return node_id

    def remove_node(self, node_id: str) -> NodeSnapshot:
        """Remove a node and its wires; the snapshot puts them back."""
        attrs = self.node(node_id)
        snap = NodeSnapshot(
            node_id,
            attrs,
            [(s, p) for p, s in enumerate(self._inputs[node_id]) if s is not None],
            self.consumers(node_id),
            self.output == node_id,
        )
        for _s, p in snap.in_edges:
            self.disconnect(node_id, p)
        for t, p in snap.out_edges:
            self.disconnect(t, p)
        if snap.was_output:
            self.set_output(None)
        snap.group = self.groups.forget_node(node_id)
        self._g.remove_node(node_id)
        self._free.forget()
        del self._inputs[node_id], self._order.rank[node_id]
        self._replan(node_id)
        self._value.pop(node_id, None)
        self._why.clear()
        self._reason.pop(node_id, None)
        self.node_removed.emit(node_id)
        self.graph_changed.emit()
        return snap

    def restore_node(self, snap: NodeSnapshot) -> None:
        """Undo :meth:`remove_node`: all of it, or (if the graph changed so
        that a wire no longer fits) nothing, with the GraphError raised."""
        attrs = dict(snap.attrs)
        self.add_node(attrs.pop("op"), snap.node_id, **attrs)
        try:
            for s, p in snap.in_edges:
                self.connect(s, snap.node_id, p)
            for t, p in snap.out_edges:
                self.connect(snap.node_id, t, p)
        except GraphError:
            self.remove_node(snap.node_id)
            raise
        self.groups.place_node(snap.node_id, snap.group)
        if snap.was_output:
            self.set_output(snap.node_id)

    def connect(self, source: str, target: str, port: int) -> None:
        """Wire ``source``'s output into input ``port`` of ``target``."""
        self._check_connect(source, target, port, replace=False)
        self._order.add_edge(source, target)
        self._g.add_edge(source, target, port=port)
        self._inputs[target][port] = source
        self._replan(target)
        self._edge_count += 1
        self.edge_added.emit(source, target, port)
        self._recompute([target])

    def disconnect(self, target: str, port: int) -> str | None:
        """Remove the wire into ``target[port]``; return its source (None if empty)."""
        self._check_port(target, port)
        source = self._inputs[target][port]
        if source is None:
            return None
        for key, d in list(self._g.get_edge_data(source, target).items()):
            if d["port"] == port:
                self._g.remove_edge(source, target, key)
                break
        self._inputs[target][port] = None
        self._replan(target)
        self._edge_count -= 1
        self.edge_removed.emit(source, target, port)
        self._recompute([target])
        return source

    def set_value(self, node_id: str, value: float) -> None:
        if self.op(node_id) != "leaf":
            raise InvalidValueError(f"node {self.label(node_id)!r} is not a leaf; only leaves hold a value")
        self._node(node_id)["value"] = check_finite(f"value of {self.label(node_id)!r}", value)
        self.node_changed.emit(node_id, "value")
        self._recompute([node_id])

    def set_values(self, values: dict[str, float]) -> None:
        """Set many leaf values with one re-evaluation (a nudge or a training
        run); every value is checked before any is set."""
        checked = {}
        for n, v in values.items():
            if self.op(n) != "leaf":
                raise InvalidValueError(f"node {self.label(n)!r} is not a leaf; only leaves hold a value")
            checked[n] = check_finite(f"value of {self.label(n)!r}", v)
        for n, v in checked.items():
            self._node(n)["value"] = v
            self.node_changed.emit(n, "value")
        if checked:
            self._recompute(checked)

    def set_exponent(self, node_id: str, exponent: float) -> None:
        if self.op(node_id) != "pow":
            raise InvalidValueError(f"node {self.label(node_id)!r} is not a pow node")
        self._node(node_id)["exponent"] = check_finite(f"exponent of {self.label(node_id)!r}", exponent)
        self._replan(node_id)
        self.node_changed.emit(node_id, "exponent")
        self._recompute([node_id])

    def set_label(self, node_id: str, label: str | None) -> None:
        a = self._node(node_id)
        if label:
            self._labels.put(node_id, a, str(label))
        else:
            self._labels.clear(node_id, a)
        self._why.clear()  # the reasons name nodes by label
        self.node_changed.emit(node_id, "label")
        self._relabelled(node_id)

    def set_attr(self, node_id: str, key: str, value: Any) -> None:
        """Set (or with None, remove) an attribute without a meaning here,
        such as ``trainable``; it is saved with the node."""
        if key in CORE_KEYS or key == "id":
            raise InvalidValueError(f"{key!r} cannot be set as a plain attribute")
        a = self._node(node_id)
        if value is None:
            a.pop(key, None)
        else:
            a[key] = value
        self.node_changed.emit(node_id, key)
        self.graph_changed.emit()

    def set_position(self, node_id: str, x: float, y: float) -> None:
        a = self._node(node_id)
        a["x"] = check_finite(f"x position of {node_id!r}", x)
        a["y"] = check_finite(f"y position of {node_id!r}", y)
        self.node_moved.emit(node_id, a["x"], a["y"])

    def set_output(self, node_id: str | None) -> None:
        if node_id is None:
            self._g.graph.pop("output", None)
        else:
            self._node(node_id)
            self._g.graph["output"] = node_id
        self.output_changed.emit(node_id)
        self.graph_changed.emit()

    def set_graph_attr(self, key: str, value: Any) -> None:
        """Set (None: remove) a graph attribute, such as ``custom_ops``."""
        if key in ("format", "version", "output"):
            raise InvalidValueError(f"graph attribute {key!r} has its own setter or is fixed")
        if value is None:
            self._g.graph.pop(key, None)
        else:
            self._g.graph[key] = value
        self.graph_changed.emit()

    # ------------------------------------------------------------ backward
    def resolve_root(self, root: str | None = None, by_id: bool = False) -> str:
        """The node backward starts from: ``root``, else the output, else the
        single sink (an unknown ``root`` said for a command that takes ids
        only where ``by_id``: see :func:`core.graph.roots.not_found`)."""
        return resolve_root(root, self.output, self._g, self.sinks, lambda: model_labels(self), by_id)

    def check_complete(self, nodes: Iterable[str] | None = None) -> None:
        """IncompleteGraphError naming the first node (in order) with an empty port."""
        inputs = self._inputs
        nodes = list(self._g.nodes if nodes is None else nodes)
        if all(None not in inputs[n] for n in nodes):
            return
        forward.check_complete(self.topological_order(nodes), self._g.nodes, inputs)

    # ------------------------------------------------------------ internals
    def _node(self, node_id: str) -> dict:
        try:  # (networkx's raw table: its NodeView costs a Python call per lookup, ~0.7 µs)
            return self._g._node[node_id]
        except (KeyError, TypeError):
            raise UnknownNodeError(f"no node with id {node_id!r}") from None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Edits made inside re-evaluate once, when the outermost batch ends:
        the union of their downstream cones, with one ``values_changed`` (a
        rewire is a disconnect and a connect, but one forward pass)."""
        outer = self._pending is None
        if outer:
            self._pending = set()
        try:
            yield
        finally:
            if outer:
                starts, self._pending = self._pending, None
                if starts:
                    self._recompute([n for n in starts if n in self._g])

    def _evaluate(self, order: list, fresh: bool = False, starts: frozenset[str] | None = None) -> None:
        """Evaluate ``order`` (inputs first; ``starts``: those and what they reach), tell what changed."""
        g, plan = self._g, self._plan
        changed = forward.evaluate(
            order, g._node, self._inputs, self._value, self._reason, self.label, fresh, plan, starts
        )
        self._why.clear()
        if changed:
            self.values_changed.emit(changed)
        self.graph_changed.emit()
