"""Undo commands: every canvas edit is one of these, and each calls the model.

A command stores ids and plain values, never items, so it survives the scene
being rebuilt. ``redo`` runs when the command is pushed.
"""
from __future__ import annotations

from typing import Iterable

from PySide6.QtGui import QUndoCommand

from core import ops
from core.model import GraphModel, NodeSnapshot

from .format import fmt

MOVE_ID = 1001


def _plural(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


class AddNodeCommand(QUndoCommand):
    """Create one node (the id is chosen on the first redo and then kept)."""

    def __init__(self, model: GraphModel, op: str, x: float, y: float, **attrs) -> None:
        super().__init__(f"Add {ops.OPS[op].title if op == 'leaf' else op}")
        self.model, self.op, self.x, self.y, self.attrs = model, op, x, y, attrs
        self.node_id: str | None = attrs.pop("node_id", None)

    def redo(self) -> None:
        self.node_id = self.model.add_node(self.op, self.node_id, x=self.x, y=self.y, **self.attrs)

    def undo(self) -> None:
        self.model.remove_node(self.node_id)


class DeleteCommand(QUndoCommand):
    """Delete nodes with their wires, plus single wires; undo puts all back."""

    def __init__(self, model: GraphModel, nodes: Iterable[str], wires: Iterable[tuple] = ()) -> None:
        super().__init__()
        self.model = model
        self.nodes = list(nodes)
        node_set = set(self.nodes)
        # wires touching a deleted node go with it
        self.wires = [(s, t, p) for s, t, p in wires if s not in node_set and t not in node_set]
        self.snaps: list[NodeSnapshot] = []
        if self.nodes and not self.wires:
            self.setText(f"Delete {model.label(self.nodes[0])}" if len(self.nodes) == 1
                         else f"Delete {len(self.nodes)} nodes")
        elif self.wires and not self.nodes:
            s, t, p = self.wires[0]
            self.setText(f"Disconnect {model.label(s)} → {model.label(t)}" if len(self.wires) == 1
                         else f"Delete {len(self.wires)} wires")
        else:
            self.setText(f"Delete {_plural(len(self.nodes), 'node')} and "
                         f"{_plural(len(self.wires), 'wire')}")

    def redo(self) -> None:
        for s, t, p in self.wires:
            self.model.disconnect(t, p)
        self.snaps = [self.model.remove_node(n) for n in self.nodes]

    def undo(self) -> None:
        # Reverse order: a node removed later lost its wires to the earlier
        # ones, which the earlier snapshots hold and reconnect.
        for snap in reversed(self.snaps):
            self.model.restore_node(snap)
        self.snaps = []
        for s, t, p in self.wires:
            self.model.connect(s, t, p)


class WireCommand(QUndoCommand):
    """Clear some input ports, then make some wires: connect, replace a
    wire, disconnect and rewire are all this, each as one undo entry."""

    def __init__(self, model: GraphModel, text: str, clear: Iterable[tuple[str, int]] = (),
                 add: Iterable[tuple[str, str, int]] = ()) -> None:
        super().__init__(text)
        self.model = model
        self.add = list(add)
        ports = list(dict.fromkeys(list(clear) + [(t, p) for _, t, p in self.add]))
        self.ports = ports
        self.old: list[tuple[str, int, str | None]] = []

    def redo(self) -> None:
        m = self.model
        self.old = [(t, p, m.inputs(t)[p]) for t, p in self.ports]
        for t, p, s in self.old:
            if s is not None:
                m.disconnect(t, p)
        for s, t, p in self.add:
            m.connect(s, t, p)

    def undo(self) -> None:
        m = self.model
        for s, t, p in self.add:
            m.disconnect(t, p)
        for t, p, s in self.old:
            if s is not None:
                m.connect(s, t, p)


def connect_command(model: GraphModel, source: str, target: str, port: int) -> WireCommand:
    """Wire source -> target[port], replacing whatever was in that port."""
    old = model.inputs(target)[port]
    name = ops.OPS[model.op(target)].ports[port]
    text = f"Connect {model.label(source)} → {model.label(target)}"
    if ops.arity(model.op(target)) > 1:
        text += f".{name}"
    if old is not None:
        text += f" (replacing {model.label(old)})"
    return WireCommand(model, text, add=[(source, target, port)])


def disconnect_command(model: GraphModel, target: str, port: int) -> WireCommand:
    old = model.inputs(target)[port]
    return WireCommand(model, f"Disconnect {model.label(old)} → {model.label(target)}",
                       clear=[(target, port)])


def rewire_command(model: GraphModel, source: str, old_target: str, old_port: int,
                   target: str, port: int) -> WireCommand:
    """Move the wire source -> old_target[old_port] to target[port]."""
    return WireCommand(model, f"Rewire {model.label(source)} → {model.label(target)}",
                       clear=[(old_target, old_port)], add=[(source, target, port)])


class MoveCommand(QUndoCommand):
    """Nodes moved by one gesture: {id: ((x0, y0), (x1, y1))}."""

    def __init__(self, model: GraphModel, moves: dict, text: str | None = None) -> None:
        super().__init__(text or (f"Move {model.label(next(iter(moves)))}" if len(moves) == 1
                                  else f"Move {len(moves)} nodes"))
        self.model, self.moves = model, dict(moves)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Only keyboard nudges of the same nodes merge; each mouse drag
        # stays its own entry.
        if not isinstance(other, MoveCommand) or set(other.moves) != set(self.moves):
            return False
        if not (getattr(self, "merge", False) and getattr(other, "merge", False)):
            return False
        for n, (a, b) in other.moves.items():
            self.moves[n] = (self.moves[n][0], b)
        return True

    def redo(self) -> None:
        for n, (_, (x, y)) in self.moves.items():
            self.model.set_position(n, x, y)

    def undo(self) -> None:
        for n, ((x, y), _) in self.moves.items():
            self.model.set_position(n, x, y)


class LayoutCommand(MoveCommand):
    def __init__(self, model: GraphModel, positions: dict) -> None:
        moves = {n: (model.position(n), (float(x), float(y))) for n, (x, y) in positions.items()}
        super().__init__(model, moves, "Auto layout")

    def id(self) -> int:  # noqa: A003
        return -1


class SetValueCommand(QUndoCommand):
    def __init__(self, model: GraphModel, node: str, value: float) -> None:
        super().__init__(f"Set {model.label(node)} = {fmt(value)}")
        self.model, self.node, self.new = model, node, float(value)
        self.old = model.node(node)["value"]

    def redo(self) -> None:
        self.model.set_value(self.node, self.new)

    def undo(self) -> None:
        self.model.set_value(self.node, self.old)


class SetExponentCommand(QUndoCommand):
    def __init__(self, model: GraphModel, node: str, exponent: float) -> None:
        super().__init__(f"Set exponent of {model.label(node)} = {fmt(exponent)}")
        self.model, self.node, self.new = model, node, float(exponent)
        self.old = model.node(node)["exponent"]

    def redo(self) -> None:
        self.model.set_exponent(self.node, self.new)

    def undo(self) -> None:
        self.model.set_exponent(self.node, self.old)


class SetLabelCommand(QUndoCommand):
    def __init__(self, model: GraphModel, node: str, label: str | None) -> None:
        old_name = model.label(node)
        label = (label or "").strip() or None
        super().__init__(f"Rename {old_name} to {label or node}")
        self.model, self.node, self.new = model, node, label
        self.old = model.node(node).get("label")

    def redo(self) -> None:
        self.model.set_label(self.node, self.new)

    def undo(self) -> None:
        self.model.set_label(self.node, self.old)


class SetOutputCommand(QUndoCommand):
    def __init__(self, model: GraphModel, node: str | None) -> None:
        super().__init__(f"Set output to {model.label(node)}" if node else "Clear output")
        self.model, self.new, self.old = model, node, model.output

    def redo(self) -> None:
        self.model.set_output(self.new)

    def undo(self) -> None:
        self.model.set_output(self.old)


class PasteCommand(QUndoCommand):
    """Add copied nodes under fresh ids, with the wires between them.

    ``nodes`` are dicts of node attributes with an "id" (the old id);
    ``edges`` are (old source, old target, port).
    """

    def __init__(self, model: GraphModel, nodes: list[dict], edges: list, dx: float, dy: float,
                 text: str | None = None) -> None:
        super().__init__(text or f"Paste {_plural(len(nodes), 'node')}")
        self.model, self.nodes, self.edges, self.dx, self.dy = model, nodes, edges, dx, dy
        self.ids: dict[str, str] = {}  # old id -> new id, chosen on first redo

    def redo(self) -> None:
        m = self.model
        first = not self.ids
        for nd in self.nodes:
            a = dict(nd)
            old = a.pop("id")
            op = a.pop("op")
            x, y = float(a.pop("x", 0.0)) + self.dx, float(a.pop("y", 0.0)) + self.dy
            nid = self.ids.get(old) if not first else m.new_id("x" if op == "leaf" else op)
            self.ids[old] = m.add_node(op, nid, x=x, y=y, **a)
        for s, t, p in self.edges:
            m.connect(self.ids[s], self.ids[t], p)

    def undo(self) -> None:
        for nid in reversed(list(self.ids.values())):
            self.model.remove_node(nid)

    @property
    def new_ids(self) -> list[str]:
        return list(self.ids.values())
