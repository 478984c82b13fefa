"""The canvas gestures: what a press, drag, release, double-click, right-click
or key on the scene means. The scene forwards its events here (it knows only
the SceneInteraction base); every edit goes through the GraphEditor.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsProxyWidget, QLineEdit

from core.explain.format import fmt_full
from gui.canvas.cards.card_shelves import on_top
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.scene import GraphScene
from gui.canvas.scene_interaction import SceneInteraction
from gui.canvas.still_wires import StillWires
from gui.canvas.view import GraphView
from gui.common import style as S
from gui.editing.context_menu import GroupMenu, build_menu
from gui.editing.editor import GraphEditor, WireEnd
from gui.editing.inline_editor import InlineEditor
from gui.editing.quick_add import QuickAdd
from gui.editing.wiring import WireDrag

#: Cards a drag moved that are raised over the cards they were let go on (more: left as they are).
RAISED_MAX = 50

_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
#: The keys that step a shown pass (its actions' shortcuts, when enabled).
_PASS_KEYS = {*_ARROWS, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp}


class CanvasInteraction(QObject, SceneInteraction):
    """Wire drags, card moves, inline editing, the context menu and the
    canvas keys no action binds (Escape, F2/Enter, arrows)."""

    #: A gesture (a wire drag) ended without anything new to say: hints it
    #: gave on the way ("drop the wire on an input port") are stale now.
    gesture_ended = Signal()
    #: A box over a card opened or closed (the Tutorial holds its hints while one is typed in).
    typing_changed = Signal()

    def __init__(self, scene: GraphScene, editor: GraphEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene, self.editor = scene, editor
        self._wire: WireDrag | None = None
        self._press_pos: dict[str, QPointF] = {}
        self._wire_click: tuple[EdgeItem, bool, QPointF] | None = None  # a press on a wire
        self._proxy: QGraphicsProxyWidget | None = None
        #: Whether the arrow keys may move the selected cards now (the window
        #: says no while a backward pass is shown).
        self.arrows_move: Callable[[], bool] = lambda: True
        #: A group's own right-click actions (the window hands the Groups feature's).
        self.group_menu: GroupMenu | None = None
        #: a new wire dropped on empty canvas: Quick Add there, its choice wired in (make_editable)
        self.wire_to_empty: Callable[[QPointF, WireEnd], QuickAdd | None] | None = None
        scene.set_interaction(self)
        # a new leaf is named and valued in one typed entry (a = 2) right away
        editor.node_placed.connect(self._name_new_leaf)

    # ------------------------------------------------------------ state
    @property
    def wiring(self) -> bool:
        return self._wire is not None

    def dragging(self) -> bool:
        return self._wire is not None or bool(self._press_pos and self.scene.mouseGrabberItem() is not None)

    def typing(self) -> bool:
        return self._proxy is not None

    def wire_target_state(self, node: str, kind: str, port: int) -> str | None:
        """During a wire drag: why (node, kind, port) is not a valid drop, or None."""
        if self._wire is None:
            return "no wire"
        return self._wire.reason(node, kind, port)

    # ------------------------------------------------------------ mouse
    def mouse_press(self, event, default) -> bool:
        sc = self.scene
        proxy = self._proxy
        if event.button() == Qt.MouseButton.LeftButton and proxy is not None:
            if not proxy.sceneBoundingRect().contains(event.scenePos()):
                # a press elsewhere leaves the editor as a click away does (a good entry kept),
                # then does what it does: a trial's drag from a port moved the card instead
                self._leave_editor()
        if event.button() == Qt.MouseButton.LeftButton and self._proxy is None:
            hit = sc.port_at(event.scenePos())
            if hit is not None:
                self._start_wire(hit, event.scenePos())
                event.accept()
                return True
            wire = sc.wire_at(event.scenePos())
            if wire is not None:
                # picked at the release if the mouse stays put (a click); a
                # drag from it draws the selection box as on empty canvas
                # (where wires are dense, nearly every pixel is on one)
                add = event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                )
                self._wire_click = (wire, bool(add), event.screenPos())
        default()
        if self._wire_click is not None and event.isAccepted():
            if self.scene.mouseGrabberItem() is not self._wire_click[0]:
                # an item over the wire took the press (a frame's ▾ folding it: a
                # trial's release then picked the wire it left under the pointer)
                self._wire_click = None
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = {it.node_id: it.pos() for it in sc.selectedItems() if isinstance(it, NodeItem)}
        return True

    def mouse_move(self, event, default) -> bool:
        if self._wire is not None:
            self._wire.move_to(event.scenePos())
            event.accept()
            return True
        default()
        if self._press_pos and isinstance(self.scene.mouseGrabberItem(), NodeItem):
            still = self._still()
            if still is not None and not still.active:  # the drag starts: the other wires stay put
                m = self.scene.model
                moving = {(s, n, p) for n in self._press_pos if n in m for p, s in enumerate(m.inputs(n))}
                moving |= {(n, t, p) for n in self._press_pos if n in m for t, p in m.consumers(n)}
                still.freeze(moving)
            self.scene.nodes_moved(self._press_pos)
        return True

    def _still(self) -> StillWires | None:
        views = self.scene.views()
        return views[0].still if views and isinstance(views[0], GraphView) else None

    def _thaw(self) -> None:
        still = self._still()
        if still is not None:
            still.thaw()

    def mouse_release(self, event, default) -> bool:
        self._thaw()
        if self._wire is not None and event.button() == Qt.MouseButton.LeftButton:
            wire, self._wire = self._wire, None
            self.gesture_ended.emit()  # the drag's hints are stale: what the drop says stays
            wire.finish(event.scenePos())
            event.accept()
            return True
        default()
        click, self._wire_click = self._wire_click, None
        if click is not None and event.button() == Qt.MouseButton.LeftButton:
            picked, add, at = click
            if (event.screenPos() - at).manhattanLength() < QApplication.startDragDistance():
                self.scene.select_wire(picked, add)
        if event.button() == Qt.MouseButton.LeftButton and self._press_pos:
            self._commit_move()
        return True

    def _commit_move(self) -> None:
        sc, m = self.scene, self.scene.model
        moves = {}
        for n, p0 in self._press_pos.items():
            it = sc.node_item(n)
            if it is None or n not in m:
                continue
            p1 = it.pos()
            if p1 != p0:
                moves[n] = ((p0.x(), p0.y()), (round(p1.x(), 2), round(p1.y(), 2)))
        self._press_pos = {}
        if self.editor.move_nodes(moves) and len(moves) <= RAISED_MAX:  # let go over another card: on top
            for it in (sc.node_item(n) for n in moves):
                if it is not None:
                    on_top(it, sc.cards_meeting)

    def mouse_double_click(self, event) -> bool:
        it = self.scene.node_at(event.scenePos())
        if it is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        self.edit(it.node_id, it.region_at(event.scenePos()))
        event.accept()
        return True

    def context_menu(self, event) -> bool:
        if self._wire is not None:
            return True
        # (its parent the window, as its dialogs': told of it, as Presentation Mode's larger text is)
        view = event.widget()
        parent = view.window() if view is not None else None
        menu = build_menu(self.editor, self, event.scenePos(), parent, self.group_menu)
        menu.exec(event.screenPos())
        menu.deleteLater()
        event.accept()
        return True

    # ------------------------------------------------------------ keys
    def key_press(self, event) -> bool:
        sc, key = self.scene, event.key()
        if key == Qt.Key.Key_Escape:
            self.cancel_gesture()
            sc.clearSelection()
            return True
        ids = sc.selected_ids()
        if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(ids) == 1:
            # F2 renames; Enter edits what the card is about (value, exponent or label)
            op = sc.model.op(ids[0])
            what = (
                "label"
                if key == Qt.Key.Key_F2
                else "value"
                if op == "leaf"
                else "exponent"
                if op == "pow"
                else "label"
            )
            self.edit(ids[0], what)
            return True
        if key in _PASS_KEYS and not self.arrows_move():
            # e.g. a backward pass is shown: the arrows (and a clicker's Page
            # Down/Up) step it or, at its ends, do nothing, never scroll or nudge
            return True
        if key in _ARROWS and ids:
            step = 1.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else S.GRID / 2
            dx, dy = _ARROWS[key]
            self.editor.nudge_selection(dx * step, dy * step)
            return True
        return False

    def cancel_gesture(self) -> None:
        """Abort a wire being dragged (Escape)."""
        self._thaw()
        if self._wire is not None:
            wire, self._wire = self._wire, None
            wire.cancel()
            self.gesture_ended.emit()

    # ------------------------------------------------------------ wiring
    def _start_wire(self, hit: tuple, pos: QPointF) -> None:
        node, kind, port = hit
        m = self.scene.model
        if kind == "in" and m.inputs(node)[port] is not None:
            # pick up the existing wire by its loose end
            self._wire = WireDrag(
                self.scene, self.editor, m.inputs(node)[port], "out", 0, picked=(node, port)
            )
        else:
            self._wire = WireDrag(self.scene, self.editor, node, kind, port, on_empty=self.wire_to_empty)
        still = self._still()
        if still is not None:  # no wire moves while one is dragged (a picked-up one is hidden)
            still.freeze(set())
        self._wire.move_to(pos)

    def draw_foreground(self, painter: QPainter, rect: QRectF) -> None:
        w = self._wire
        if w is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ok_pen = QPen(S.PORT_VALID, 2.5)
        fill = QColor(S.PORT_VALID)
        fill.setAlpha(70)
        for it in self.scene.node_items_in(rect):  # from the card grid: not every item of the scene
            for kind, port in w.candidate_ports(it):
                if w.reason(it.node_id, kind, port) is None:
                    painter.setPen(ok_pen)
                    painter.setBrush(fill)
                    painter.drawEllipse(
                        it.mapToScene(it.local_port(kind, port)), S.PORT_R + 2.5, S.PORT_R + 2.5
                    )

    # ------------------------------------------------------------ inline editing
    def edit(self, node_id: str, what: str) -> QLineEdit | None:
        """Open the inline editor for ``what`` of a node: "value", "label",
        "exponent", or "entry" (a leaf's ``name = value`` in one line)."""
        self.close_editor()
        sc = self.scene
        it = sc.node_item(node_id)
        if it is None:
            return None
        m = sc.model
        a = m.node(node_id)
        if what == "value" and a["op"] != "leaf":
            what = "label"
        if what == "exponent" and a["op"] != "pow":
            what = "label"
        if what == "entry" and a["op"] != "leaf":
            what = "label"
        text = {
            "value": lambda: fmt_full(a.get("value")),
            "exponent": lambda: fmt_full(a.get("exponent")),
            "label": lambda: m.label(node_id),
            "entry": lambda: f"{m.label(node_id)} = {fmt_full(a.get('value'))}",
        }[what]()
        ed = InlineEditor(self, node_id, what)
        if what == "entry":
            ed.setToolTip("Name and value in one go, e.g. a = 2 (or just 2*-3). Esc keeps it as it is.")
        elif what == "label" and a["op"] == "leaf":
            ed.setToolTip("Its name, or name and value in one go: a = 2. Esc keeps it as it is.")
        elif what == "value":
            ed.setToolTip("Its value (2.5, 2*-3), or name and value in one go: a = 2. Esc keeps it.")
        ed.setText(text)
        ed.selectAll()
        proxy = sc.addWidget(ed)
        proxy.setZValue(10.0)
        rect = it.editor_rect("value" if what == "entry" else what)
        proxy.setGeometry(rect)
        zoom = sc.views()[0].transform().m11() if sc.views() else 1.0
        if 0 < zoom < 1:  # drawn as at 100 %, over the card's spot (at 62 % it was 7 px text in a 60 px box)
            c = rect.center()
            proxy.setGeometry(QRectF(0, 0, rect.width(), rect.height()))
            size = proxy.size()  # (at least the line edit's own least height)
            proxy.setScale(1 / zoom)
            proxy.setPos(c.x() - size.width() / zoom / 2, c.y() - size.height() / zoom / 2)
        self._proxy = proxy
        sc.setFocusItem(proxy)
        ed.setFocus()
        self.typing_changed.emit()
        return ed

    @property
    def inline_editor(self) -> QLineEdit | None:
        """The line edit open over a card, if any."""
        ed = self._proxy.widget() if self._proxy is not None else None
        return ed if isinstance(ed, QLineEdit) else None

    def _name_new_leaf(self, node_id: str) -> None:
        m = self.scene.model
        if m.op(node_id) != "leaf" or m.node(node_id).get("label"):  # (named as added: Quick Add's x1 = 2)
            return
        if self.scene.views() and self.edit(node_id, "entry"):
            # (a trial: the box over a Value made from a typed 2.5 did not say what it asked for)
            name = self.scene.model.label(node_id)
            self.editor.status_message.emit(
                f"Name the new Value: type e.g. a = 2 or just a name · Enter keeps {name} · "
                "Tab keeps it and adds the next node · Esc leaves it as it is"
            )

    def tab_from_editor(self, ed: InlineEditor) -> None:
        """Tab in a box over a card: its text applied, then Quick Add for the
        next node, as Tab on the canvas (a trial: it only closed the box, and
        what was typed next went nowhere); a refused text stays, marked."""
        if self.commit_editor(ed):
            view = next((v for v in self.scene.views() if isinstance(v, GraphView)), None)
            if view is not None:
                view.setFocus()
                view.open_quick_add()

    def node_removing(self, node_id: str) -> None:
        self.nodes_removing((node_id,))

    def nodes_removing(self, ids: Collection[str]) -> None:
        """Once for a batch of cards about to go (not a pass over the view's
        wires and the gestures per card)."""
        self._thaw()  # a wire of theirs may be in the picture
        w = self._wire
        if w is not None and any(n in ids for n in w.nodes()):  # its card goes: the drag goes with it
            self.cancel_gesture()
        ed = self.inline_editor
        if isinstance(ed, InlineEditor) and ed.node_id in ids:
            ed.closing = True
            self.close_editor()

    def close_editor(self) -> None:
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            ed = proxy.widget()
            if isinstance(ed, InlineEditor):
                ed.closing = True
            self.scene.removeItem(proxy)
            proxy.deleteLater()
            views = self.scene.views()
            if views:
                views[0].setFocus()
            self.typing_changed.emit()

    def _leave_editor(self) -> None:
        """Apply the open editor's entry if good, else drop it (as its focus-out does)."""
        ed = self._proxy.widget() if self._proxy is not None else None
        if isinstance(ed, InlineEditor) and not ed.closing and self.commit_editor(ed):
            return
        if isinstance(ed, InlineEditor):
            ed.closing = True
        self.close_editor()

    def commit_editor(self, ed: InlineEditor) -> bool:
        """Apply the editor's text; keep it open when the text is refused."""
        if ed.node_id not in self.scene.model:
            self.close_editor()
            return True
        set_ = {
            "label": self.editor.set_name,
            "value": self.editor.set_value_typed,
            "exponent": self.editor.set_exponent,
            "entry": self.editor.set_entry,
        }[ed.what]
        ok = set_(ed.node_id, ed.text())
        if ok:
            self.close_editor()
        else:
            ed.mark_bad()
        return ok
