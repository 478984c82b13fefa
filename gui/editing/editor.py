"""The edit API of the canvas: every change a user makes, as undo commands.

The editor holds only references (the scene, whose model it edits, and the
undo stack); it pushes commands that call the model, and the model's signals
update the scene. Gestures, menus, keys and the Properties panel all edit
through it, so "parse, skip when unchanged, push, report a refusal" is
written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.autograd.floats import same_float
from core.explain.format import NoResult, decimal_comma, parse_number
from core.explain.names import formula_hint, is_gradient_name, is_name_or_empty
from core.graph import emptied_groups
from core.graph.errors import GraphError
from core.graph.group_layout import auto_positions
from core.graph.model import GraphModel
from core.learn import training
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.canvas.scene import GraphScene
from gui.editing import clipboard, pasting
from gui.editing import commands as C

#: The end of a wire being dragged: ("out", source) or ("in", target, port).
WireEnd = tuple[str, str] | tuple[str, str, int]


@dataclass(frozen=True)
class Commit:
    """What became of a typed value: ``ok`` (pushed, or the same as before),
    else refused, with ``error`` the reason; ``bad_text`` when the text was
    not a number at all (nothing was tried)."""

    ok: bool
    error: str = ""
    bad_text: bool = False


def _float_word(text: str) -> bool:
    """Is ``text`` a word float() reads (``inf``, ``nan``): refused as no finite number, never a label."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def wired_centre(op: str, drop: QPointF, wire: WireEnd) -> QPointF:
    """The centre of an ``op`` card added where a wire was let go at
    ``drop`` (:meth:`GraphEditor.add_wired_node`): its first input there
    (a wire from an output), or its output (from an input)."""
    if wire[0] == "out":
        return QPointF(drop.x() + W2, drop.y() - PORT_YS[max(1, ops.arity(op))][0])
    return QPointF(drop.x() - W2, drop.y() - OUT_Y)


class GraphEditor(QObject):
    """Edits the scene's model through undo commands on ``undo_stack``."""

    #: A refusal or a report for the status bar ("copied 2 nodes").
    status_message = Signal(str)
    #: A node the user just placed (palette, quick add, menu): its id.
    node_placed = Signal(str)
    #: Auto Layout moved the cards: its command (a LayoutCommand), whose view
    #: the window fits and whose undo puts the view back.
    laid_out = Signal(object)

    def __init__(self, scene: GraphScene, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.undo_stack = undo_stack

    @property
    def model(self) -> GraphModel:
        """The model the scene shows (it changes when a document is replaced)."""
        return self.scene.model

    # ------------------------------------------------------------ pushing
    def push(self, cmd: QUndoCommand, then: Callable[[], object] | None = None) -> bool:
        """Push ``cmd`` (and, once accepted, what ``then`` pushes, in one
        undo entry); a refusal by the model becomes a status message."""
        try:
            C.push(self.undo_stack, cmd, then)
        except GraphError as e:
            self.status_message.emit(str(e))
            return False
        return True

    def _push_quietly(self, make) -> str:
        """Build and push a command; the model's refusal as text ("" if none)."""
        try:
            C.push(self.undo_stack, make())
        except GraphError as e:
            return str(e)
        return ""

    # ------------------------------------------------------------ nodes and wires
    def add_node_at(self, op: str, scene_pos: QPointF, **attrs) -> str | None:
        """Create an ``op`` node centred at ``scene_pos``; its id."""
        if op not in ops.OPS:
            self.status_message.emit(f"unknown operation {op!r}")
            return None
        cmd = C.AddNodeCommand(self.model, op, round(scene_pos.x()), round(scene_pos.y()), **attrs)
        if not self.push(cmd) or cmd.node_id is None:
            return None
        self.scene.select_ids([cmd.node_id])
        self.node_placed.emit(cmd.node_id)
        self._say_if_shared(cmd.node_id)
        return cmd.node_id

    def add_wired_node(self, op: str, drop: QPointF, wire: WireEnd, **attrs) -> str | None:
        """A wire dropped on empty canvas, then ``op`` chosen there: a new
        node placed with its port at ``drop`` and wired to the wire's end
        (``wire``: ("out", source) dragged from an output, into the new
        node's first input; ("in", target, port) from an input, fed by the
        new node), in one undo entry; its id."""
        if op not in ops.OPS or (wire[0] == "out" and not ops.arity(op)):
            self.status_message.emit(f"a {ops.OPS[op].title if op in ops.OPS else op!r} cannot take a wire")
            return None
        c = wired_centre(op, drop, wire)
        x, y = c.x(), c.y()
        cmd = C.AddNodeCommand(self.model, op, round(x), round(y), **attrs)
        cmd.setText(f"{cmd.text()} and Wire It")

        def wire_it() -> None:
            new = cmd.node_id
            assert new is not None
            if len(wire) == 2:  # ("out", source)
                C.push(self.undo_stack, C.connect_command(self.model, wire[1], new, 0))
            else:
                C.push(self.undo_stack, C.connect_command(self.model, new, wire[1], wire[2]))

        if not self.push(cmd, then=wire_it) or cmd.node_id is None:
            return None
        self.scene.select_ids([cmd.node_id])
        self.node_placed.emit(cmd.node_id)
        self._say_if_shared(cmd.node_id)
        return cmd.node_id

    def _say_if_shared(self, node_id: str) -> None:
        """Say so when a card's new name is another's too (verify 49: Quick
        Add's ``x1=5`` beside an x1 made a second one unsaid, and a formula
        then read neither). One pass over the labels: only after a naming."""
        name = self.model.node(node_id).get("label")
        if not name:
            return
        k = sum(1 for a in self.model.attr_table().values() if a.get("label") == name)
        if k > 1:
            self.say(
                f"{k} cards are named “{name}” now: a formula in the f(x) bar reads neither "
                f"(it makes a new “{name}”) · rename one to tell them apart"
            )

    def delete_selection(self) -> None:
        sc, m = self.scene, self.model
        # every card selected (Select All) and none in a group: the whole graph, in its own
        # order (not the selection's topological one: a sort of 50,000 ids for nothing)
        every = sc.all_selected() and len(m) > 0 and not m.groups.ids()
        nodes = m.nodes() if every else sc.selected_ids()
        wires = sc.selected_wires()
        if not nodes and not wires:
            return
        # Selected wires: cleared first (one signal, not one per removed wire).
        # The cards leave the selection as they go, with one signal for the
        # batch (gui/canvas/scene_batches.py), never recoloured on the way out.
        # Consumers go before their inputs, so no removal re-evaluates what goes next.
        if wires:
            sc.clearSelection()
        cmd = C.DeleteCommand(m, nodes if every else nodes[::-1], wires, every)
        # said (a folded group deleted went without a word: a trial), before the push: a pass
        # cleared by it says so after, and a refusal says why
        self.status_message.emit(self._deleted(cmd, nodes, wires))
        self.push(cmd)

    def _deleted(self, cmd: QUndoCommand, nodes: list[str], wires: list) -> str:
        """What a delete takes away, said: "Deleted the group “inputs” (3 nodes) · Ctrl+Z …"."""
        gs, gone, whole = self.model.groups, [], False
        if len(gs):  # (the groups the delete empties, which go with it)
            taken = set(nodes)
            direct = set(map(gs.membership().get, nodes))  # (their groups, in C: not a walk up per node)
            near = {g for g in direct if g is not None}
            for g in list(near):
                near.update(gs.ancestors(g))
            emptied, whole = emptied_groups.emptied_by(gs, taken, near)  # (whole: the group, nothing else)
            gone = [gs.get(g).label for g in emptied]
        what = cmd.text().removeprefix("Delete ").removeprefix("Disconnect ")
        if whole and len(nodes) > 1 and not wires:
            what = f"the group “{gone[0]}” ({len(nodes)} nodes)"
        elif gone:
            what += f" and the group “{gone[0]}”" if len(gone) == 1 else f" and {len(gone)} groups"
        done = "Disconnected" if cmd.text().startswith("Disconnect ") else "Deleted"
        back = "it" if len(nodes) + len(wires) == 1 or (whole and not wires) else "them"
        return f"{done} {what} · Ctrl+Z brings {back} back"

    def say(self, text: str) -> None:
        """Tell the user something about an edit (a refusal, what was copied)."""
        self.status_message.emit(text)

    def connect_ports(self, source: str, target: str, port: int) -> bool:
        """Wire ``source`` into ``target[port]`` (replacing), or say why not."""
        why = self.model.can_connect(source, target, port, replace=True)
        if why:
            self.status_message.emit(why)
            return False
        m = self.model
        old = m.inputs(target)[port]
        if old == source:
            return True
        into, named = C.port_name(m, target, port), m.label(target)  # (read before: it may follow the wire)
        if not self.push(C.connect_command(m, source, target, port)):
            return False
        if old is not None:  # (said: a trial's student lost x1's wire without a word)
            was = m.label(old)
            now = f" (it reads {m.label(target)} now)" if m.label(target) != named else ""
            said = f"Wired {m.label(source)} into {into} in place of {was}{now} · Ctrl+Z puts {was} back"
            self.status_message.emit(said)
        return True

    def disconnect_port(self, target: str, port: int) -> bool:
        """Take out the wire into ``target[port]`` and say so (trial 54: a wire's
        end dragged off onto empty canvas went without a word)."""
        m = self.model
        source = m.inputs(target)[port]
        if source is None:
            return False
        said = f"Disconnected {m.label(source)} from {C.port_name(m, target, port)} · Ctrl+Z brings it back"
        if not self.push(C.disconnect_command(m, target, port)):
            return False
        self.status_message.emit(said)
        return True

    def rewire(self, source: str, old_target: str, old_port: int, target: str, port: int) -> bool:
        """Move the wire source -> old_target[old_port] to target[port]."""
        return self.push(C.rewire_command(self.model, source, old_target, old_port, target, port))

    def move_nodes(self, moves: dict, merge: bool = False) -> bool:
        """Nodes moved: {id: ((x0, y0), (x1, y1))}; ``merge`` joins repeated nudges."""
        if not moves:
            return True
        cmd = C.MoveCommand(self.model, moves)
        cmd.merge = merge
        return self.push(cmd)

    def nudge_selection(self, dx: float, dy: float) -> None:
        """Move the selected nodes by (dx, dy); repeated nudges are one undo entry."""
        m = self.model
        moves = {}
        for n in self.scene.selected_ids():
            x, y = m.position(n)
            moves[n] = ((x, y), (x + dx, y + dy))
        self.move_nodes(moves, merge=True)

    def auto_layout(self) -> None:
        m = self.model
        with gc_paused():  # every node moves: many small objects, no cycles
            # each group kept whole: an open one as a block in its frame, a folded one as its card
            pos = auto_positions(m)
            cmd = C.LayoutCommand(self.model, pos) if pos else None
        if cmd is not None and not cmd.moves_any:  # (an empty undo step said nothing: trial 62)
            self.status_message.emit("Auto Layout: every card is already where it puts it; nothing moved")
            self.laid_out.emit(None)  # (the view still fits the graph, as asked)
            return
        if cmd is not None and self.push(cmd):
            self.laid_out.emit(cmd)

    def set_output(self, node_id: str | None) -> None:
        if node_id == self.model.output:
            return
        self.push(C.set_output_command(self.model, node_id))

    def change_op(self, node_id: str, op: str) -> bool:
        """Give ``node_id`` the operation ``op`` (a wrong one picked), and say
        which wires went with the ports the new operation lacks."""
        m = self.model
        if op == m.op(node_id):
            return False
        was, ports = ops.OPS[m.op(node_id)].title, ops.OPS[m.op(node_id)].ports
        cmd = C.ChangeOpCommand(m, node_id, op)
        if not self.push(cmd):
            return False
        self.scene.select_ids([node_id])  # (its card is drawn anew for its new ports)
        title, n = ops.OPS[op].title, ops.arity(op)
        said = f"Changed {m.label(node_id)} from {was} to {title}"
        if cmd.dropped:  # (said: a wire gone without a word is lost work)
            gone = " and ".join(f"{m.label(s)} (into {ports[p]})" for s, p in cmd.dropped)
            said += f"; {title} has {n} input{'s' if n != 1 else ''}, so the wire from {gone} was removed"
        self.status_message.emit(f"{said} · Ctrl+Z changes it back")
        return True

    # ------------------------------------------------------------ typed values
    def commit_number(self, node_id: str, what: str, text: str) -> Commit:
        """Set ``what`` ("value" or "exponent") of a node from typed ``text``:
        refused when it is not a number or the model says no; nothing is
        pushed when it is the same number (sign of zero included)."""
        try:
            new = parse_number(text)
        except ValueError as e:
            return Commit(False, str(e), bad_text=True)
        old = self.model.node(node_id).get(what)
        if old is not None and same_float(old, new):
            return Commit(True)
        make = C.set_value_command if what == "value" else C.set_exponent_command
        why = self._push_quietly(lambda: make(self.model, node_id, new))
        return Commit(not why, why)

    def commit_label(self, node_id: str, text: str) -> Commit:
        """Rename a node (empty text: show its id); nothing pushed when unchanged."""
        new = text.strip() or None
        if new == (self.model.node(node_id).get("label") or None):
            return Commit(True)
        why = self._push_quietly(lambda: C.set_label_command(self.model, node_id, new))
        return Commit(not why, why)

    def set_role(self, node_id: str, trainable: bool) -> None:
        """Mark a leaf a parameter (Train and Nudge move it) or data (held still)."""
        if training.is_trainable(self.model, node_id) != trainable:
            role = None if trainable else "data"
            self.push(C.set_trainable_command(self.model, [node_id], trainable, role))

    def set_value(self, node_id: str, text: str) -> bool:
        return self._say(self.commit_number(node_id, "value", text), node_id, "value")

    def set_exponent(self, node_id: str, text: str) -> bool:
        return self._say(self.commit_number(node_id, "exponent", text), node_id, "exponent")

    def set_label(self, node_id: str, text: str) -> bool:
        had = self.model.node(node_id).get("label")
        return self._named(node_id, had, text, self._say(self.commit_label(node_id, text), node_id, "label"))

    def _named(self, node_id: str, had: str | None, text: str, ok: bool) -> bool:
        """What a rename of ``node_id`` (labelled ``had`` before) to ``text`` tells."""
        hint = formula_hint(text.strip()) if ok and self.model.op(node_id) == "leaf" else None
        if ok and had and not self.model.node(node_id).get("label"):  # (t69 #14: unsaid before)
            self.say(f"Name cleared: the card shows its id, “{node_id}”, until it is named again")
        elif hint:  # ("L = a*b + c" typed as a leaf's label: trial 69 #6)
            self.say(hint)
        elif ok:
            self._say_if_shared(node_id)
        return ok

    def set_value_typed(self, node_id: str, text: str) -> bool:
        """The value box over a leaf (a double-click on its number): a number,
        or ``c = 10`` (or ``= 10``), name and value in one undo step, as the new
        Value's box takes it (t71 #2: refused as "not a number", where a mouse
        user aims to give a placed leaf its name and number)."""
        name, eq, _ = text.partition("=")
        if eq and is_name_or_empty(name.strip()) and self.model.op(node_id) == "leaf":
            return self.set_entry(node_id, text)
        return self.set_value(node_id, text)

    def set_name(self, node_id: str, text: str) -> bool:
        """The name box over a card (a double-click on its name): a name, or,
        as the new Value's box takes it, ``a = 2`` (or ``= 2``) for a leaf
        (t71 #1: the Tutorial's "double-click its name and type a = 2" made
        the label "a = 2", and the hint said so again); an operator's number
        comes from its inputs, so a value part is refused, saying why. A word
        right of "=" (``loss=mse``) is no value: the whole is the label."""
        name, eq, value = text.partition("=")
        if not eq or not is_name_or_empty(name.strip()) or value.lstrip().startswith("="):
            return self.set_label(node_id, text)
        if is_name_or_empty(value.strip()) and value.strip() and not _float_word(value):
            return self.set_label(node_id, text)  # "loss=mse": a label with "=" in it (review 71 #6)
        m, name = self.model, name.strip() or self.model.label(node_id)
        if m.op(node_id) == "leaf":
            try:
                parse_number(value)
            except ValueError as e:  # ("L = a*b + c": a formula, not a number; t69 #6)
                self.say(
                    f"Not changed: {e} · this box takes a name, or name = number (a = 2) · "
                    "to build a formula, type it in the f(x) bar"
                )
                return False
            return self.set_entry(node_id, text)
        spec = ops.OPS[m.op(node_id)]
        self.say(  # (not begun with the label: the status line would capitalise e's name)
            f"Only a name here: {m.label(node_id)} is a {spec.symbol} ({spec.title}) node, its value "
            f"comes from its inputs (type {name}) · a Value's box takes name = number"
        )
        return False

    def set_entry(self, node_id: str, text: str) -> bool:
        """A leaf named and valued in one typed entry: ``a = 2`` (also just
        ``a``, or just ``2*-3``), as one undo entry; refused whole if the
        value is not a number."""
        name, eq, number = text.partition("=")
        if not eq:
            try:
                parse_number(text)
            except ValueError as e:
                if decimal_comma(text) or isinstance(e, NoResult):  # 0,7: a number mistyped, not a name
                    # (trial 50); 1/0: arithmetic, its reason said (trial 60)
                    return self._say(Commit(False, str(e), bad_text=True), node_id, "value")
                name, number = text, ""
            else:
                name, number = "", text
        name, number = name.strip(), number.strip()
        value = None
        if number:
            try:
                value = parse_number(number)
            except ValueError as e:
                return self._say(Commit(False, str(e), bad_text=True), node_id, "value")
        if number and is_gradient_name(name) and name != self.model.label(node_id):  # (a leaf read as one)
            self.say(
                f"Not changed: {name} is a gradient, which Backward works out (Ctrl+B), not a name to "
                "give a value · this box takes a name, or name = number (a = 2)"
            )
            return False
        m = self.model
        name = name if name and name != m.label(node_id) else ""
        old = m.node(node_id).get("value")
        number = number if value is not None and not (old is not None and same_float(old, value)) else ""
        if not name or not number:  # one part or none (nothing changed: no empty undo entry)
            return (not name or self.set_label(node_id, name)) and (
                not number or self.set_value(node_id, number)
            )
        had = m.node(node_id).get("label")
        new = value if value is not None else 0.0  # (``number`` is its text: never None here)

        def both() -> C.JoinedCommand:  # (built in _push_quietly: a refusal there is said too)
            parts: list[C.ModelCommand] = [C.set_label_command(m, node_id, name)]
            return C.JoinedCommand(f"Set {name} = {number}", [*parts, C.set_value_command(m, node_id, new)])

        why = self._push_quietly(both)
        if why:  # one undo step, or nothing at all (review 71 #6)
            return self._say(Commit(False, why), node_id, "value")
        return self._named(node_id, had, name, True)

    def _say(self, result: Commit, node_id: str, what: str) -> bool:
        if result.bad_text:
            self.status_message.emit(f"{what} of {self.model.label(node_id)!r} not changed: {result.error}")
        elif not result.ok:
            self.status_message.emit(result.error)
        return result.ok

    # ------------------------------------------------------------ clipboard
    def selection_payload(self) -> dict | None:
        ids = self.scene.selected_ids()
        return clipboard.payload(self.model, ids) if ids else None

    def copy_selection(self) -> bool:
        data = self.selection_payload()
        if data is None:
            self.status_message.emit("nothing selected to copy")
            return False
        clipboard.put(data)
        n = len(data["nodes"])
        self.status_message.emit(f"copied {n} node{'s' if n != 1 else ''}")
        return True

    def cut_selection(self) -> None:
        """Copy, then delete, as one undo entry."""
        if self.copy_selection():
            self.undo_stack.beginMacro("Cut")
            try:
                self.delete_selection()
            finally:
                self.undo_stack.endMacro()

    def paste(self) -> list[str]:
        try:
            data = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        except ValueError as e:
            self.status_message.emit(str(e))
            return []
        if data is None:
            self.status_message.emit("the clipboard holds no nodes to paste")
            return []
        return self._paste_payload(data, "Paste")

    def duplicate_selection(self) -> list[str]:
        data = self.selection_payload()
        if data is None:
            self.status_message.emit("nothing selected to duplicate")
            return []
        return self._paste_payload(data, "Duplicate", duplicate=True)

    def _paste_payload(self, data: dict, verb: str, duplicate: bool = False) -> list[str]:
        """The payload added in free room, its groups and kept wires with it (gui/editing/pasting.py)."""
        return pasting.paste_payload(self, data, verb, duplicate)

    def select_all(self) -> None:
        self.scene.select_all()
