"""Undo commands: every canvas edit is one of these, and each calls the model.

A command stores ids and plain values, never items, so it survives the scene
being rebuilt. Each one applies all of its edit or none of it: if the model
refuses a step half-way, the steps already made are taken back and the
refusal (a core.graph.errors.GraphError) goes to the caller. ``push``
(gui/editing/command_base.py, with the base class) applies a command first and
puts it on the stack only when that worked, so a refused edit never becomes an
undo entry (QUndoStack.push would keep it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from core.autograd import ops
from core.code.relabel import formula_labelled, relabelled
from core.explain.format import fmt
from core.graph.free_ids import id_stem
from core.graph.model import GraphModel, check_finite
from core.graph.removed import RemovedNodes, WiringOrder
from core.learn import training
from gui.editing.command_base import JoinedCommand as JoinedCommand
from gui.editing.command_base import ModelCommand as ModelCommand
from gui.editing.command_base import push as push

MOVE_ID = 1001


def _plural(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


class AddNodeCommand(ModelCommand):
    """Create one node (the id is chosen on the first apply and then kept)."""

    def __init__(self, model: GraphModel, op: str, x: float, y: float, **attrs) -> None:
        super().__init__(f"Add {ops.OPS[op].title if op == 'leaf' else op}")
        self.model, self.op, self.x, self.y, self.attrs = model, op, x, y, attrs
        self.node_id: str | None = attrs.pop("node_id", None)

    def apply(self) -> None:
        self.node_id = self.model.add_node(self.op, self.node_id, x=self.x, y=self.y, **self.attrs)

    def revert(self) -> None:
        if self.node_id is not None:  # always after an apply, which chose it
            self.model.remove_node(self.node_id)


class DeleteCommand(ModelCommand):
    """Delete nodes with their wires, plus single wires; undo puts all back."""

    def __init__(
        self, model: GraphModel, nodes: Iterable[str], wires: Iterable[tuple] = (), every: bool = False
    ) -> None:
        """``every``: ``nodes`` are every node of ``model`` (Select All: the
        model takes them all out in its own order, none looked up)."""
        super().__init__()
        self.model = model
        self.nodes = list(nodes)
        self.every = every and len(self.nodes) == len(model)
        wires = list(wires)
        node_set = set(self.nodes) if wires else ()  # (no wire picked: no set of 50,000 ids at Select All)
        # wires touching a deleted node go with it
        self.wires = [(s, t, p) for s, t, p in wires if s not in node_set and t not in node_set]
        self.snaps: RemovedNodes | None = None  # (with the groups the delete emptied, gone with it)
        self._cut: list = []
        self._wiring: WiringOrder = ({}, {}, {})
        if self.nodes and not self.wires:
            self.setText(
                f"Delete {model.label(self.nodes[0])}"
                if len(self.nodes) == 1
                else f"Delete {len(self.nodes)} nodes"
            )
        elif self.wires and not self.nodes:
            s, t, p = self.wires[0]
            self.setText(
                f"Disconnect {model.label(s)} → {model.label(t)}"
                if len(self.wires) == 1
                else f"Delete {len(self.wires)} wires"
            )
        else:
            self.setText(f"Delete {_plural(len(self.nodes), 'node')} and {_plural(len(self.wires), 'wire')}")

    def apply(self) -> None:
        self._cut, self.snaps = [], None
        if self.wires:  # (the undo makes them again: each back in its place among the uses, as saved)
            self._wiring = self.model.wiring_order((s, t) for s, t, _ in self.wires)
        try:
            for s, t, p in self.wires:
                self.model.disconnect(t, p)
                self._cut.append((s, t, p))
            if self.nodes:  # all in one batch: one signal, one re-evaluation
                m = self.model
                every = self.every and len(m) == len(self.nodes)  # (as when made: a redo follows its undo)
                self.snaps = m.remove_all() if every else m.remove_nodes(self.nodes)
        except Exception:
            self.revert()
            raise

    def revert(self) -> None:
        if self.snaps is not None:
            self.model.restore_nodes(self.snaps)
        self.snaps = None
        for s, t, p in self._cut:
            self.model.connect(s, t, p)
        if self._cut:
            self.model.put_wiring_order(self._wiring)
        self._cut = []


class WireCommand(ModelCommand):
    """Clear some input ports, then make some wires: connect, replace a
    wire, disconnect and rewire are all this, each as one undo entry."""

    def __init__(
        self,
        model: GraphModel,
        text: str,
        clear: Iterable[tuple[str, int]] = (),
        add: Iterable[tuple[str, str, int]] = (),
    ) -> None:
        super().__init__(text)
        self.model = model
        self.add = list(add)
        self.ports = list(dict.fromkeys(list(clear) + [(t, p) for _, t, p in self.add]))
        self.old: list[tuple[str, int, str | None]] = []
        self._made: list = []
        self._wiring: WiringOrder = ({}, {}, {})
        #: Labels changed with the wiring (core/code/relabel.py): node -> (old, new).
        self.labels: dict[str, tuple[str | None, str]] = {}

    def apply(self) -> None:
        with self.model.batch():  # one forward pass for the wires cleared and made
            self._apply()

    def _apply(self) -> None:
        m = self.model
        self.old, self._made, self.labels, self._wiring = [], [], {}, ({}, {}, {})
        formulas = formula_labelled(m, dict.fromkeys(t for t, _ in self.ports))
        try:
            for t, p in self.ports:
                s = m.inputs(t)[p]
                if s is not None:
                    m.wiring_order([(s, t)], self._wiring)  # (the undo puts each wire back in its place)
                    m.disconnect(t, p)
                self.old.append((t, p, s))
            for s, t, p in self.add:
                m.wiring_order([(s, t)], self._wiring)
                m.connect(s, t, p)
                self._made.append((s, t, p))
        except Exception:
            self._revert()
            raise
        # (x**2 fed y in place of x reads y**2); each node's own label kept for the undo
        self.labels = {n: (m.node(n).get("label"), new) for n, (_old, new) in relabelled(m, formulas).items()}
        for n, (_old, new) in self.labels.items():
            m.set_label(n, new)

    def revert(self) -> None:
        with self.model.batch():
            self._revert()

    def _revert(self) -> None:
        m = self.model
        for n, (old, _new) in reversed(self.labels.items()):
            m.set_label(n, old)
        self.labels = {}
        for _s, t, p in reversed(self._made):
            m.disconnect(t, p)
        for t, p, s in self.old:
            if s is not None:
                m.connect(s, t, p)
        if self._made or self.old:
            m.put_wiring_order(self._wiring)
        self._made, self.old = [], []


def connect_command(model: GraphModel, source: str, target: str, port: int) -> WireCommand:
    """Wire source -> target[port], replacing whatever was in that port."""
    old = model.inputs(target)[port]
    text = f"Connect {model.label(source)} → {port_name(model, target, port)}"
    if old is not None:
        text += f" (replacing {model.label(old)})"
    return WireCommand(model, text, add=[(source, target, port)])


def port_name(model: GraphModel, target: str, port: int) -> str:
    """``target``'s input ``port`` as the app writes it: "x1*w1.in₁" (its label alone for one input)."""
    if ops.arity(model.op(target)) > 1:
        return f"{model.label(target)}.{ops.OPS[model.op(target)].ports[port]}"
    return model.label(target)


def disconnect_command(model: GraphModel, target: str, port: int) -> WireCommand:
    old = model.inputs(target)[port]
    return WireCommand(
        model, f"Disconnect {model.label(old)} → {model.label(target)}", clear=[(target, port)]
    )


def rewire_command(
    model: GraphModel, source: str, old_target: str, old_port: int, target: str, port: int
) -> WireCommand:
    """Move the wire source -> old_target[old_port] to target[port]."""
    return WireCommand(
        model,
        f"Rewire {model.label(source)} → {model.label(target)}",
        clear=[(old_target, old_port)],
        add=[(source, target, port)],
    )


class MoveCommand(ModelCommand):
    """Nodes moved by one gesture: {id: ((x0, y0), (x1, y1))}."""

    def __init__(self, model: GraphModel, moves: dict, text: str | None = None) -> None:
        super().__init__(
            text
            or (f"Move {model.label(next(iter(moves)))}" if len(moves) == 1 else f"Move {len(moves)} nodes")
        )
        self.model, self.moves = model, dict(moves)
        self.merge = False  # True for keyboard nudges, which merge into one entry

    def id(self) -> int:
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Only keyboard nudges of the same nodes merge; each mouse drag
        # stays its own entry.
        if not isinstance(other, MoveCommand) or set(other.moves) != set(self.moves):
            return False
        if not (self.merge and other.merge):
            return False
        for n, (_, b) in other.moves.items():
            self.moves[n] = (self.moves[n][0], b)
        return True

    def _set(self, which: int) -> None:
        # one batch: every position checked first, one signal for all
        self.model.set_positions({n: ends[which] for n, ends in self.moves.items()})

    def apply(self) -> None:
        self._set(1)

    def revert(self) -> None:
        self._set(0)


class LayoutCommand(ModelCommand):
    """Auto Layout: the nodes that move, each from where it was to its new
    place. Kept as three lists (ids, old and new places), not a pair of
    pairs per node: at 50,000 nodes the undo stack holds (and frees) a few
    objects, not 150,000."""

    def __init__(self, model: GraphModel, positions: dict) -> None:
        super().__init__("Auto Layout")
        self.model = model
        # only the nodes that move: a second Auto Layout moves (and redraws) nothing
        nodes = model.attr_table()  # every node's attributes (the raw table: no view call a node)
        ids, old, new = [], [], []
        for n, xy in positions.items():
            a = nodes[n]
            was = (a.get("x", 0.0), a.get("y", 0.0))
            if type(was[0]) is not float or type(was[1]) is not float:
                was = (float(was[0]), float(was[1]))
            x, y = xy
            if type(x) is not float or type(y) is not float or type(xy) is not tuple:
                xy = (float(x), float(y))
            if was != xy:
                ids.append(n)
                old.append(was)
                new.append(xy)
        self._ids, self._old, self._new = ids, old, new

    @property
    def moves_any(self) -> bool:
        """Whether any node moves (none: Auto Layout pushes no undo step)."""
        return bool(self._ids)

    @property
    def moves(self) -> dict:
        """{id: ((x0, y0), (x1, y1))}, as a MoveCommand has them."""
        return {n: (a, b) for n, a, b in zip(self._ids, self._old, self._new)}

    def apply(self) -> None:
        # one batch: every position checked first, one signal for all
        self.model.set_positions(dict(zip(self._ids, self._new)))

    def revert(self) -> None:
        self.model.set_positions(dict(zip(self._ids, self._old)))


class SetCommand(ModelCommand):
    """Set one attribute on some keys (node ids, or None for the graph) through
    a model setter; undo sets the old values back. One class for every
    "set X" edit, so each gets the same all-or-nothing apply and undo.

    ``changes`` maps key -> (old, new).
    """

    def __init__(
        self, text: str, setter: Callable[[Any, Any], None], changes: dict[Any, tuple[Any, Any]]
    ) -> None:
        super().__init__(text)
        self.setter, self.changes = setter, dict(changes)

    def _set(self, which: int) -> None:
        done = []
        try:
            for k, ends in self.changes.items():
                self.setter(k, ends[which])
                done.append(k)
        except Exception:
            for k in reversed(done):
                self.setter(k, self.changes[k][1 - which])
            raise

    def apply(self) -> None:
        self._set(1)

    def revert(self) -> None:
        self._set(0)

    @property
    def new(self) -> Any:
        """The new value of a one-key command."""
        return next(iter(self.changes.values()))[1]


def set_value_command(model: GraphModel, node: str, value: float) -> SetCommand:
    value = check_finite(f"value of {model.label(node)!r}", value)
    return SetCommand(
        f"Set {model.label(node)} = {fmt(value)}", model.set_value, {node: (model.node(node)["value"], value)}
    )


def set_exponent_command(model: GraphModel, node: str, exponent: float) -> SetCommand:
    exponent = check_finite(f"exponent of {model.label(node)!r}", exponent)
    return SetCommand(
        f"Set exponent of {model.label(node)} = {fmt(exponent)}",
        model.set_exponent,
        {node: (model.node(node)["exponent"], exponent)},
    )


def set_label_command(model: GraphModel, node: str, label: str | None) -> SetCommand:
    label = (label or "").strip() or None
    return SetCommand(
        f"Rename {model.label(node)} to {label or node}",
        model.set_label,
        {node: (model.node(node).get("label"), label)},
    )


def set_output_command(model: GraphModel, node: str | None) -> SetCommand:
    return SetCommand(
        f"Set output to {model.label(node)}" if node else "Clear output",
        lambda _key, n: model.set_output(n),
        {None: (model.output, node)},
    )


def _fresh_id(model: GraphModel, stem: str, counters: dict) -> str:
    nid = model.new_id(stem, counters.get(stem, 1))
    counters[stem] = int(nid[len(stem) :]) + 1
    return nid


class PasteCommand(ModelCommand):
    """Add copied nodes under fresh ids (an unlabelled one keeps its id where
    free: it is the name its card shows), with the wires between them.

    ``nodes`` are dicts of node attributes with an "id" (the old id);
    ``edges`` are (old source, old target, port); ``outside`` are (a node of
    the graph, old target, port): wires kept from inputs not copied.
    """

    def __init__(
        self,
        model: GraphModel,
        nodes: list[dict],
        edges: list,
        dx: float,
        dy: float,
        text: str | None = None,
        outside: list | tuple = (),
    ) -> None:
        super().__init__(text or f"Paste {_plural(len(nodes), 'node')}")
        self.model, self.nodes, self.edges, self.dx, self.dy = model, nodes, edges, dx, dy
        self.outside = outside
        self.ids: dict[str, str] = {}  # old id -> new id, chosen on the first apply
        self._added: list[str] = []

    def apply(self) -> None:
        m = self.model
        first = not self.ids
        counters: dict[str, int] = {}  # next number to try per stem: fresh ids in O(n)
        ids, taken = dict(self.ids), set()
        if first:  # an unlabelled card shows its id: kept where free (pow2 pasted stays pow2)
            keep = {nd["id"] for nd in self.nodes if not nd.get("label") and nd["id"] not in m}
            if keep:  # (not where a card reads it as its label: two cards would read "pow2", a review)
                keep -= {a.get("label") for a in m.attr_table().values()}
            for n in keep:
                ids[n] = n
                taken.add(n)
        nodes = []
        for nd in self.nodes:
            a = dict(nd)
            old = a.pop("id")
            a["x"], a["y"] = float(a.pop("x", 0.0)) + self.dx, float(a.pop("y", 0.0)) + self.dy
            if old not in ids:
                stem = id_stem(a["op"])
                nid = _fresh_id(m, stem, counters)
                while nid in taken:  # two stems can meet ("x" + "1" and a stem "x1")
                    nid = _fresh_id(m, stem, counters)
                ids[old] = nid
                taken.add(nid)
            nodes.append((ids[old], a))
        # one batch, all or nothing: one signal for the nodes, one for the wires
        wires = [(ids[s], ids[t], p) for s, t, p in self.edges] + [(s, ids[t], p) for s, t, p in self.outside]
        m.add_nodes(nodes, wires)
        self.ids = ids
        self._added = [n for n, _ in nodes]

    def revert(self) -> None:
        if self._added:
            self.model.remove_nodes(self._added)
        self._added = []

    @property
    def new_ids(self) -> list[str]:
        return list(self.ids.values())


class ChangeOpCommand(ModelCommand):
    """Give an operation node another operation (the model keeps its id,
    label, place and the wires its new ports take); undo puts it back whole."""

    def __init__(self, model: GraphModel, node: str, op: str) -> None:
        super().__init__(f"Change {model.label(node)} to {ops.OPS[op].title}")
        self.model, self.node, self.op = model, node, op
        self.dropped: list[tuple[str, int]] = []  # (source, port): the wires the new op has no port for
        self._before: Any = None

    def apply(self) -> None:
        self._before = self.model.change_op(self.node, self.op)
        self.dropped = [(s, p) for s, p in self._before.in_edges if p >= ops.arity(self.op)]

    def revert(self) -> None:
        self.model.put_back(self._before)


def set_trainable_command(
    model: GraphModel, ids: list[str], trainable: bool, what: str | None = None
) -> SetCommand:
    """Mark leaves as parameters (trainable) or as inputs/constants; ``what``
    names the new role in the undo entry ("data")."""
    what = what or ("parameter" if trainable else "data")
    names = model.label(ids[0]) if len(ids) == 1 else f"{len(ids)} leaves"
    return SetCommand(
        f"Mark {names} as {what}",
        lambda n, v: model.set_attr(n, training.TRAINABLE, v),
        {n: (model.node(n).get(training.TRAINABLE), bool(trainable)) for n in ids},
    )
