"""Makes a scene and view editable: the editor, the gestures, quick add and
palette drops, and the Edit actions whose keys act on the canvas.

One function used by the window and by tests alike, so a bare canvas gets
its keys through the same QActions as the window's (nothing re-handles them).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from core.autograd import ops
from gui.canvas.painting import H2, OUT_Y, PORT_YS, W2
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.canvas.view_adding import ViewEditing
from gui.common.actions import make_action
from gui.editing.commands import AddNodeCommand
from gui.editing.editor import GraphEditor, WireEnd, wired_centre
from gui.editing.interactions import CanvasInteraction
from gui.editing.placing import Placer, free_near, free_right_of
from gui.editing.quick_add import QuickAdd
from gui.editing.quick_feeds import AddFedCommand, Sources

#: Room kept between a card let go at the canvas's edge and the edge (across, up and down):
#: the card's outline and ring included, as much as its scroll into view keeps (24 px).
EDGE_ROOM = (32, 28)


def in_view(view: GraphView, op: str, drop: QPointF, wire: WireEnd) -> QPointF:
    """Where a wire let go at ``drop`` puts the port of a new ``op`` card:
    there, or moved in as far as the card needs to be whole in view."""
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    rx, ry = EDGE_ROOM
    seen = seen.adjusted(rx, ry, -rx, -ry)
    c = wired_centre(op, drop, wire)
    card = QRectF(c.x() - W2, c.y() - H2, 2 * W2, 2 * H2)
    if card.width() > seen.width() or card.height() > seen.height():
        return drop  # (a canvas smaller than a card: the view moves to it)
    dx = max(0.0, seen.left() - card.left()) + min(0.0, seen.right() - card.right())
    dy = max(0.0, seen.top() - card.top()) + min(0.0, seen.bottom() - card.bottom())
    return drop + QPointF(dx, dy)


class _AddNodes(ViewEditing[GraphView]):
    """Quick add and palette drops add a node through the editor."""

    def __init__(self, editor: GraphEditor) -> None:
        self.editor = editor

    def quick_add(self, view: GraphView, view_pos: QPoint, wire: WireEnd | None = None) -> QuickAdd:
        """``wire``: the end of a wire dropped on empty canvas at ``view_pos``,
        which the node chosen is wired to (no Value where a wire goes into it)."""
        sp, ed = view.mapToScene(view_pos), self.editor
        sc = ed.scene
        # the selected cards (not a folded group's: its card stands for many) feed an operation
        sources = (
            None
            if wire is not None or sc.folding.selected_groups()
            else Sources(ed.model, sc.selected_node_set())
        )
        popup = QuickAdd(view, needs_input=wire is not None and wire[0] == "out", sources=sources)

        def shown(node: str | None) -> None:  # (let go at the canvas's edge: the card in view, whole)
            it = ed.scene.node_item(node) if node is not None else None
            if it is None:
                return
            card = it.sceneBoundingRect()
            if not view.mapToScene(view.viewport().rect()).boundingRect().contains(card):
                view.ensureVisible(card, 24, 24)  # (a card whole in view near the edge: the view stays
                # still; it moved 23 px, a trial: t70 #11)

        if wire is None:  # (at the mouse, unless a card is there: beside it)
            popup.chosen.connect(lambda op: shown(ed.add_node_at(op, free_near(view, sp, op))))
            popup.number_chosen.connect(lambda v: shown(ed.add_node_at("leaf", free_near(view, sp), value=v)))
            popup.named_value_chosen.connect(
                lambda name, v: shown(ed.add_node_at("leaf", free_near(view, sp), value=v, label=name))
            )
            popup.power_chosen.connect(
                lambda k: shown(ed.add_node_at("pow", free_near(view, sp, "pow"), exponent=k))
            )

            def fed(op: str, srcs: tuple[str | None, ...], k: float | None) -> None:
                if any(s is not None and s in ed.model for s in srcs):
                    add_fed(view, ed, op, srcs, k)
                else:  # (its cards gone while the list was open: the operation it asked for, unwired)
                    attrs = {"exponent": k} if op == "pow" and k is not None else {}
                    shown(ed.add_node_at(op, free_near(view, sp, op), **attrs))

            popup.fed_chosen.connect(fed)
        else:
            popup.set_prompt("Add a node on this wire… (type a name)")

            # let go near the canvas's edge: the card moved in, whole in view where the
            # wire was let go (the view moved on to it, away from its source: trial 51 #18)
            def port_at(op: str, wire: WireEnd = wire) -> QPointF:
                return in_view(view, op, sp, wire)

            popup.chosen.connect(lambda op: shown(ed.add_wired_node(op, port_at(op), wire)))
            popup.number_chosen.connect(
                lambda v: shown(ed.add_wired_node("leaf", port_at("leaf"), wire, value=v))
            )
            popup.named_value_chosen.connect(
                lambda name, v: shown(ed.add_wired_node("leaf", port_at("leaf"), wire, value=v, label=name))
            )
            popup.power_chosen.connect(
                lambda k: shown(ed.add_wired_node("pow", port_at("pow"), wire, exponent=k))
            )
        vp = view.viewport()
        canvas = QRect(vp.mapToGlobal(vp.rect().topLeft()), vp.size())
        at = vp.mapToGlobal(view_pos)
        if wire is not None and wire[0] == "in":  # the new card goes left of the drop: the list too,
            at -= QPoint(popup.width(), 0)  # off the card it feeds
        popup.popup_at(at, within=canvas)
        return popup

    def drop_op(self, op: str, scene_pos: QPointF) -> bool:
        return self.editor.add_node_at(op, scene_pos) is not None


def add_fed(
    view: GraphView, ed: GraphEditor, op: str, sources: tuple[str | None, ...], exponent: float | None = None
) -> str | None:
    """An ``op`` added from Quick Add wired from ``sources`` (a card per input,
    None: left free), one undo entry, placed right of them, the wires level
    where it has room (gui/editing/placing.py), and selected: the next Tab
    chains on it. A source no longer in the model (gone while the list was
    open) leaves its input free. Its id."""
    m = ed.model
    kept = tuple(s if s is not None and s in m else None for s in sources)
    fed = [(i, s) for i, s in enumerate(kept) if s is not None]
    if not fed:
        return None
    ports = PORT_YS[max(1, min(ops.arity(op), 2))]
    level = sum(_out_y(ed, s) - ports[min(i, len(ports) - 1)] for i, s in fed) / len(fed)
    spot = free_right_of(view, op, [s for _, s in fed], level)
    attrs = {"exponent": exponent} if op == "pow" and exponent is not None else {}
    cmd = AddFedCommand(m, AddNodeCommand(m, op, round(spot.x()), round(spot.y()), **attrs), kept)
    if not ed.push(cmd) or cmd.node_id is None:
        return None
    ed.scene.select_ids([cmd.node_id])
    ed.node_placed.emit(cmd.node_id)
    it = ed.scene.node_item(cmd.node_id)
    if it is not None and not view.mapToScene(view.viewport().rect()).boundingRect().contains(
        it.sceneBoundingRect()
    ):
        view.ensureVisible(it.sceneBoundingRect(), 24, 24)
    return cmd.node_id


def _out_y(ed: GraphEditor, node: str) -> float:
    """How high ``node``'s wires leave: its card's output port, or its row on
    the card of the folded group showing it (a wire level with that row)."""
    folding = ed.scene.folding
    gid = folding.card_of(node)
    card = folding.card(gid) if gid is not None else None
    if card is not None:
        return card.output_pos(node).y()
    it = ed.scene.node_item(node)
    return it.output_pos().y() if it is not None else ed.model.position(node)[1] + OUT_Y


@dataclass
class CanvasEditing:
    """What ``make_editable`` made."""

    editor: GraphEditor
    interaction: CanvasInteraction
    actions: dict[str, QAction]
    #: Adds a node where the user did not point (the palette's double-click, Graph › Add Node).
    placer: Placer


def make_editable(
    scene: GraphScene, view: GraphView, undo_stack: QUndoStack, owner: QWidget
) -> CanvasEditing:
    """Make ``scene`` (shown in ``view``) editable; the actions are ``owner``'s."""
    editor = GraphEditor(scene, undo_stack, owner)
    interaction = CanvasInteraction(scene, editor, owner)
    adder = _AddNodes(editor)
    view.set_editing(adder)
    interaction.wire_to_empty = lambda pos, wire: adder.quick_add(view, view.mapFromScene(pos), wire)
    return CanvasEditing(editor, interaction, _edit_actions(owner, view, editor), Placer(editor, view))


def _edit_actions(owner: QWidget, view: GraphView, editor: GraphEditor) -> dict[str, QAction]:
    A = make_action
    S = QKeySequence.StandardKey
    acts = {
        "cut": A(
            owner,
            "cut",
            "Cu&t",
            editor.cut_selection,
            shortcut=S.Cut,
            tip="Copy the selected nodes and delete them",
        ),
        "copy": A(
            owner,
            "copy",
            "&Copy",
            editor.copy_selection,
            shortcut=S.Copy,
            tip="Copy the selected nodes (with the wires between them)",
        ),
        "paste": A(owner, "paste", "&Paste", editor.paste, shortcut=S.Paste, tip="Paste copied nodes"),
        "duplicate": A(
            owner,
            "duplicate",
            "Dup&licate",
            editor.duplicate_selection,
            shortcut="Ctrl+D",
            tip="Copy and paste the selected nodes in one step",
        ),
        # not S.Delete: on X11 it includes Ctrl+D (Duplicate here)
        "delete": A(
            owner,
            "delete",
            "&Delete",
            editor.delete_selection,
            shortcut=["Del", "Backspace"],
            icon="delete",
            tip="Delete the selected nodes and wires",
        ),
        "select_all": A(
            owner,
            "select_all",
            "Select &All",
            editor.select_all,
            shortcut=S.SelectAll,
            tip="Select every node",
        ),
    }
    for act in acts.values():
        bind_to_canvas(owner, view, act)
    return acts


def bind_to_canvas(owner: QWidget, view: GraphView, act: QAction) -> None:
    """Keys that mean something else in a text field, list or table act on
    the canvas only while it has the focus; the menus work from anywhere."""
    owner.removeAction(act)
    view.addAction(act)
    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
