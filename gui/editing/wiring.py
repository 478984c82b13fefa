"""Dragging a wire from a port: the curve that follows the mouse, which
ports would take it (and why the others would not), and what a drop does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from core.autograd import ops
from gui.canvas.hit_testing import PortHit
from gui.canvas.items import NodeItem, wire_path
from gui.canvas.scene import GraphScene
from gui.common import style as S
from gui.editing.editor import GraphEditor, WireEnd
from gui.editing.quick_add import QuickAdd

#: A wire dragged from an output over another output, or from an input over an input: why not.
OUT_ON_OUT = "an output sends its value, it takes none: drop the wire on an input port (left side of a card)"
IN_ON_IN = "an input takes a value, it sends none: drop the wire on an output port (right side of a card)"


class WireDrag:
    """A wire being dragged from a port, with a curve following the mouse."""

    def __init__(
        self,
        scene: GraphScene,
        editor: GraphEditor,
        node: str,
        kind: str,
        port: int,
        picked: tuple[str, int] | None = None,
        on_empty: Callable[[QPointF, WireEnd], QuickAdd | None] | None = None,
    ) -> None:
        self.scene, self.editor = scene, editor
        #: a new wire dropped on empty canvas: offered a node to end on there (Quick Add)
        self.on_empty = on_empty
        self.node, self.kind, self.port = node, kind, port
        self.picked = picked  # (target, port) of a wire picked up from an input
        self._told: PortHit | str | None = None  # the port (or folded card's refusal) said last
        self._reasons: dict[tuple, str | None] = {}
        self.path = QGraphicsPathItem()
        pen = QPen(S.WIRE_DRAG, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.path.setPen(pen)
        self.path.setZValue(5.0)
        scene.addItem(self.path)
        if picked is not None:
            scene.hide_wire((node, picked[0], picked[1]))
        scene.update()

    def nodes(self) -> set[str]:
        """The nodes the drag hangs on (its own, and a picked-up wire's target)."""
        return {self.node} | ({self.picked[0]} if self.picked is not None else set())

    def _card(self, node: str) -> NodeItem:
        it = self.scene.node_item(node)
        assert it is not None, node  # the interaction cancels a drag whose node goes
        return it

    def anchor(self) -> QPointF:
        it = self._card(self.node)
        return it.output_pos() if self.kind == "out" else it.input_pos(self.port)

    def move_to(self, pos: QPointF) -> None:
        a = self.anchor()
        hit = self.scene.port_at(pos)
        if hit == (self.node, self.kind, self.port):
            hit = None  # its own port: nothing to say (t75: "an output … takes none" at every press)
        folded = self._folded_at(pos) if hit is None or not self._card(hit[0]).isVisible() else None
        if folded is not None:  # over a folded card: why it takes no wire, not a hidden card's port
            hit = None
        why = folded or (self.reason(*hit) if hit is not None else None)
        if hit is not None and why is None:
            it = self._card(hit[0])
            pos = it.mapToScene(it.local_port(hit[1], hit[2]))
        told = hit if folded is None else folded
        if why and told != self._told:  # say why before the user lets go
            self.editor.say(why)
        self._told = told if why else None
        if self.kind == "out":
            self.path.setPath(wire_path(a, pos))
        else:
            self.path.setPath(wire_path(pos, a))

    def candidate_ports(self, it: NodeItem) -> list[tuple[str, int]]:
        if self.kind == "out":
            return [("in", i) for i in range(it.arity)]
        return [("out", 0)]

    def reason(self, node: str, kind: str, port: int) -> str | None:
        key = (node, kind, port)
        if key not in self._reasons:
            self._reasons[key] = self._compute(node, kind, port)
        return self._reasons[key]

    def _compute(self, node: str, kind: str, port: int) -> str | None:
        m = self.scene.model
        if kind == self.kind:
            return OUT_ON_OUT if kind == "out" else IN_ON_IN  # (why, not only where: t69 #14)
        if kind == "in":
            return m.can_connect(self.node, node, port, replace=True)
        return m.can_connect(node, self.node, self.port, replace=True)

    def finish(self, pos: QPointF) -> bool:
        """Drop the wire at ``pos``; False when it was refused (and the
        editor said why), True when it was wired or dropped to no effect."""
        sc, ed = self.scene, self.editor
        self._remove()
        hit = sc.port_at(pos)
        if hit is None:
            folded = self._folded_at(pos)
            if folded is not None:  # a folded group shows no ports of its nodes
                ed.say(folded)
                return False
            card = sc.node_at(pos)
            if card is None:
                if self.picked is not None:  # dropped in empty space: unwire
                    return ed.disconnect_port(*self.picked)
                if self.on_empty is not None:
                    self._offer_node(pos)
                return True
            if card.node_id == self.node:
                return True
            found = self._port_on_card(card.node_id)
            if isinstance(found, str):
                ed.say(found)
                return False
            hit = found
        node, kind, port = hit
        if self.picked is not None:
            t0, p0 = self.picked
            if kind == "in" and (node, port) == (t0, p0):
                return True
        elif (node, kind, port) == (self.node, self.kind, self.port):
            return True
        why = self.reason(node, kind, port)
        if why:
            ed.say(why)
            return False
        if self.picked is not None:
            return ed.rewire(self.node, self.picked[0], self.picked[1], node, port)
        if kind == "in":
            return ed.connect_ports(self.node, node, port)
        return ed.connect_ports(node, self.node, self.port)

    def _offer_node(self, pos: QPointF) -> None:
        """Let go on empty canvas: Quick Add there (``on_empty``), the wire
        drawn on to it while the list is open, so it shows what it is for."""
        assert self.on_empty is not None
        end: WireEnd = ("out", self.node) if self.kind == "out" else ("in", self.node, self.port)
        self.move_to(pos)
        sc, path = self.scene, self.path
        sc.addItem(path)
        popup = self.on_empty(pos, end)
        if popup is None:
            sc.removeItem(path)
        else:

            def gone() -> None:
                if path.scene() is not None:
                    sc.removeItem(path)

            popup.closed.connect(gone)

    def _folded_at(self, pos: QPointF) -> str | None:
        """Why the folded card under ``pos`` (if any) takes no wire: said
        while the wire is over it, and again if it is dropped there."""
        gid = self.scene.folding.at(pos)
        card = self.scene.folding.card(gid) if gid is not None else None
        if card is None:
            return None
        return (
            f"“{card.label}” is folded: open it first (double-click it, or Ctrl+]) "
            "to wire into one of its nodes"
        )

    def _port_on_card(self, node: str) -> PortHit | str:
        """A wire dropped on a card, not on a port: its first free input that
        takes the wire (or its output, when the wire came from an input); if
        there is none, why not."""
        m = self.scene.model
        if self.kind == "in":
            why = self.reason(node, "out", 0)
            return (node, "out", 0) if why is None else why
        if m.op(node) == "leaf":
            return m.can_connect(self.node, node, 0) or f"{m.label(node)!r} has no inputs"
        ports = range(ops.arity(m.op(node)))
        ok = [p for p in ports if self.reason(node, "in", p) is None]
        free = [
            p
            for p in ok
            if m.inputs(node)[p] is None or (self.picked is not None and (node, p) == self.picked)
        ]
        if free:
            return node, "in", free[0]
        if ok:
            return (
                f"every input of {m.label(node)!r} is taken: drop the wire on "
                "an input port to replace its wire"
            )
        # no input takes it (ok is empty): input 1's reason says why
        return self.reason(node, "in", 0) or f"no input of {m.label(node)!r} takes the wire"

    def cancel(self) -> None:
        self._remove()

    def _remove(self) -> None:
        sc = self.scene
        if self.picked is not None:
            sc.hide_wire(None)
        sc.removeItem(self.path)
        sc.update()
