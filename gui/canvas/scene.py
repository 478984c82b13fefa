"""The canvas scene: a live mirror of a GraphModel, and the editing gestures.

The model's psygnal signals drive everything shown here through one
id -> item map; every edit the user makes becomes an undo command that
calls the model, and the model's signals then update the items. So the
canvas, the undo stack and any other view can never disagree.
"""
from __future__ import annotations

import math
from typing import Iterable

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen, QUndoStack
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsProxyWidget,
                               QGraphicsScene, QLineEdit, QToolTip)

from core.autograd import ops
from core.autograd.floats import same_float
from core.graph.errors import GraphError
from core.graph.layout import layered_positions
from core.graph.model import GraphModel

from gui.editing import clipboard
from gui.editing import commands as C
from gui.editing.clipboard import CLIP_MIME  # noqa: F401 - part of the scene's interface
from gui.common import style as S
from core.explain.format import fmt_full, parse_number
from gui.editing.inline_editor import InlineEditor
from gui.canvas.items import EdgeItem, NodeItem, _esc
from gui.canvas.overview import OverviewLayer
from gui.editing.wiring import WireDrag

OP_MIME = "application/x-micrograd-op"
PASTE_OFFSET = 40.0


class GraphScene(QGraphicsScene):
    """Shows ``model`` and turns gestures into commands on ``undo_stack``."""

    status_message = Signal(str)
    #: A gesture (a wire drag) ended without anything new to say: hints it
    #: gave on the way ("drop the wire on an input port") are stale now.
    gesture_ended = Signal()
    emptied = Signal(bool)  # the graph became empty (True) or got its first node (False)

    def __init__(self, model: GraphModel, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.undo_stack = undo_stack
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[tuple[str, str, int], EdgeItem] = {}
        self._wire: WireDrag | None = None
        self._press_pos: dict[str, QPointF] = {}
        self._editor: QGraphicsProxyWidget | None = None
        self._paste_serial = 0
        self._far = False
        self._refit_pending = False
        self.hidden_wire: tuple | None = None  # a wire picked up by its loose end
        self._styled_wires: set = set()
        self._auto_output: str | None = None  # the single sink Backward starts from
        self._auto_timer = QTimer(self, singleShot=True, interval=0)
        self._auto_timer.timeout.connect(self._update_auto_output)
        self._selection_pending = False
        self._detached = False
        self._said = 0  # status messages so far (to tell whether a drop said something)
        self.status_message.connect(self._count_message)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._layer = OverviewLayer(self)
        self.addItem(self._layer)
        self._build()
        self.selectionChanged.connect(self._selection_changed)
        self._links = [
            (model.node_added, self._on_node_added),
            (model.node_removed, self._on_node_removed),
            (model.edge_added, self._on_edge_added),
            (model.edge_removed, self._on_edge_removed),
            (model.node_changed, self._on_node_changed),
            (model.node_moved, self._on_node_moved),
            (model.values_changed, self._on_values_changed),
            (model.output_changed, self._on_output_changed),
            (model.graph_changed, self._auto_output_later),
        ]
        for sig, slot in self._links:
            sig.connect(slot)
        links = self._links
        self.destroyed.connect(lambda *_: _disconnect(links))

    # ------------------------------------------------------------ lifetime
    def detach(self) -> None:
        """Stop listening to the model and stop signalling (call before
        throwing the scene away). Qt emits selectionChanged once for every
        selected item it removes while a scene is destroyed; a detached scene
        stays silent instead of calling listeners that are going away too."""
        _disconnect(self._links)
        self._detached = True
        try:
            self.selectionChanged.disconnect(self._selection_changed)
        except (RuntimeError, TypeError, ValueError):
            pass
        self.blockSignals(True)

    def _build(self) -> None:
        m = self.model
        nodes = m.graph.nodes
        for n in m.nodes():
            it = NodeItem(m, n)
            a = nodes[n]
            it.setPos(a.get("x", 0.0), a.get("y", 0.0))
            self._nodes[n] = it
            self.addItem(it)
        for s, t, p in m.edges():
            self._add_edge_item(s, t, p)
        self._on_output_changed(m.output)

    # ------------------------------------------------------------ lookup
    def node_item(self, node_id: str) -> NodeItem | None:
        return self._nodes.get(node_id)

    def edge_item(self, source: str, target: str, port: int) -> EdgeItem | None:
        return self._edges.get((source, target, port))

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def edge_items(self) -> list[EdgeItem]:
        return list(self._edges.values())

    def selected_ids(self) -> list[str]:
        """Ids of the selected nodes, inputs before consumers."""
        ids = [it.node_id for it in self.selectedItems() if isinstance(it, NodeItem)]
        return self.model.topological_order(ids)

    def selected_wires(self) -> list[tuple[str, str, int]]:
        return [it.key for it in self.selectedItems() if isinstance(it, EdgeItem)]

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these nodes, with one selectionChanged."""
        items = [self._nodes[n] for n in ids if n in self._nodes]
        self._batch_select(items, clear=True)

    def _selection_signal_later(self) -> None:
        if not self._selection_pending:
            self._selection_pending = True
            QTimer.singleShot(0, self._emit_selection)

    def _emit_selection(self) -> None:
        self._selection_pending = False
        if shiboken6.isValid(self):
            self.selectionChanged.emit()

    def select_all(self) -> None:
        self._batch_select(list(self._nodes.values()), clear=False)

    def _batch_select(self, items: list, clear: bool) -> None:
        # Qt emits selectionChanged for every item; listeners that read the
        # whole selection would make selecting n nodes cost n^2.
        was = self.signalsBlocked()
        self.blockSignals(True)
        try:
            if clear:
                self.clearSelection()
            for it in items:
                it.setSelected(True)
        finally:
            self.blockSignals(was)
        if not was:
            self.selectionChanged.emit()

    # ------------------------------------------------------------ model -> items
    def _on_node_added(self, node_id: str) -> None:
        it = NodeItem(self.model, node_id)
        it.setPos(*self.model.position(node_id))
        it.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self._far)
        self._nodes[node_id] = it
        self.addItem(it)
        self._schedule_refit()
        if len(self._nodes) == 1:
            self.emptied.emit(False)

    def _on_node_removed(self, node_id: str) -> None:
        ed = self.editor
        if ed is not None and ed.node_id == node_id:
            ed.closing = True
            self.close_editor()
        it = self._nodes.pop(node_id, None)
        if it is not None:
            if it.isSelected():
                # One selectionChanged for a whole batch of removals, not one
                # each (Qt would emit it from removeItem).
                self.blockSignals(True)
                try:
                    it.setSelected(False)
                    self.removeItem(it)
                finally:
                    self.blockSignals(False)
                self._selection_signal_later()
            else:
                self.removeItem(it)
        self._schedule_refit()
        if not self._nodes:
            self.emptied.emit(True)

    def _add_edge_item(self, s: str, t: str, p: int) -> EdgeItem:
        e = EdgeItem(s, t, p)
        e.set_ends(self._nodes[s].output_pos(), self._nodes[t].input_pos(p))
        kind = _carries(self.model.value(s))
        if kind != "ok":
            e.set_carries(kind)
        if self._far:
            e.setVisible(False)
        self._edges[(s, t, p)] = e
        self.addItem(e)
        return e

    def _on_edge_added(self, s: str, t: str, p: int) -> None:
        self._add_edge_item(s, t, p)
        self._nodes[t].update()
        self._layer.invalidate()

    def _on_edge_removed(self, s: str, t: str, p: int) -> None:
        e = self._edges.pop((s, t, p), None)
        if e is not None:
            self.removeItem(e)
        if t in self._nodes:
            self._nodes[t].update()
        self._layer.invalidate()

    def _on_node_changed(self, node_id: str, attr: str) -> None:
        it = self._nodes.get(node_id)
        if it is not None:
            it.refresh()

    # ------------------------------------------------------------ level of detail
    @property
    def far(self) -> bool:
        """True while zoomed so far out that the overview layer draws the graph."""
        return self._far

    def set_view_zoom(self, zoom: float) -> None:
        """The view's scale changed: switch the overview layer on or off."""
        far = zoom < S.FAR_ZOOM
        if far == self._far:
            return
        self._far = far
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for it in self._nodes.values():
            it.setFlag(flag, far)  # still there to click and select
        for key, e in self._edges.items():
            e.setVisible(not far and key != self.hidden_wire)
        self._layer.setVisible(far)
        if far:
            self._layer.refit()

    def tooltip_at(self, scene_pos: QPointF) -> str:
        """The tooltip for whatever is at ``scene_pos`` (port, card or wire), or ""."""
        hit = self.port_at(scene_pos)
        m = self.model
        if hit is not None:
            node, kind, port = hit
            if kind == "out":
                return (f"output of <b>{_esc(m.label(node))}</b>: drag to an input port to wire it"
                        f"<br>value {fmt_full(m.value(node))}")
            name = ops.OPS[m.op(node)].ports[port]
            src = m.inputs(node)[port]
            where = (f"from <b>{_esc(m.label(src))}</b> (drag to rewire)" if src is not None
                     else "empty: drag from an output port to here")
            return f"input <b>{name}</b> of <b>{_esc(m.label(node))}</b>, {where}"
        it = self.node_at(scene_pos)
        if it is not None:
            return it.tooltip_text()
        wire = self.wire_at(scene_pos)
        if wire is not None:
            return wire.tooltip_text(m)
        return ""

    def helpEvent(self, event) -> None:
        text = self.tooltip_at(event.scenePos())
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
            event.setAccepted(True)
        else:
            QToolTip.hideText()
            event.setAccepted(False)

    def wire_at(self, scene_pos: QPointF) -> EdgeItem | None:
        """The wire under ``scene_pos`` (a few pixels of slack), unless a node covers it."""
        r = 4.0 / self._view_scale()
        area = QRectF(scene_pos.x() - r, scene_pos.y() - r, 2 * r, 2 * r)
        for it in self.items(area, Qt.ItemSelectionMode.IntersectsItemShape,
                             Qt.SortOrder.DescendingOrder):
            if isinstance(it, NodeItem) and it.contains(it.mapFromScene(scene_pos)):
                return None
            if isinstance(it, EdgeItem) and it.isVisible():
                return it
        return None

    def _select_wire(self, wire: EdgeItem, add: bool) -> None:
        if not add:
            self.clearSelection()
        wire.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        wire.setSelected(not (add and wire.isSelected()))

    def _view_scale(self) -> float:
        views = self.views()
        return max(views[0].transform().m11(), 1e-6) if views else 1.0

    def _selection_changed(self) -> None:
        # Guarded: also called while Qt tears the scene down item by item,
        # when the scene or its overview layer may already be gone.
        if self._detached or not (shiboken6.isValid(self) and shiboken6.isValid(self._layer)):
            return
        now = {it.key for it in self.selectedItems() if isinstance(it, EdgeItem)}
        for key in self._styled_wires ^ now:
            e = self._edges.get(key)
            if e is not None:
                if key not in now:
                    e.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
                e._restyle()
        self._styled_wires = now
        self._layer.invalidate()

    def overview_changed(self) -> None:
        """Something the overview shows (highlight, flow) changed."""
        self._layer.invalidate()

    def _schedule_refit(self) -> None:
        if self._far and not self._refit_pending:
            self._refit_pending = True
            QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        self._refit_pending = False
        if self._far:
            self._layer.refit()

    def _on_node_moved(self, node_id: str, x: float, y: float) -> None:
        it = self._nodes.get(node_id)
        if it is not None and (it.x() != x or it.y() != y):
            it.setPos(x, y)
            self.node_item_moved(node_id)

    def _on_values_changed(self, ids) -> None:
        m, edges = self.model, self._edges
        for n in ids:
            it = self._nodes.get(n)
            if it is not None:
                it.refresh()
                kind = _carries(m.value(n))
                for t, p in m.consumers(n):
                    e = edges.get((n, t, p))
                    if e is not None:
                        e.set_carries(kind)
        self._layer.invalidate()

    def _on_output_changed(self, node_id) -> None:
        for n, it in self._nodes.items():
            if it.is_output and n != node_id:
                it.set_output_flag(False)
        if node_id in self._nodes:
            self._nodes[node_id].set_output_flag(True)
        self._update_auto_output()
        self._layer.invalidate()

    def _auto_output_later(self) -> None:
        """Wires or nodes changed: the single sink may be another node now
        (once per batch of edits: finding it reads every node)."""
        if not self._detached:
            try:
                self._auto_timer.start()
            except RuntimeError:  # the scene is gone, the model lives on
                pass

    def _update_auto_output(self) -> None:
        """Badge the node Backward would start from when no output is set:
        the graph's one end node (none when there are several)."""
        m = self.model
        auto = None
        if m.output is None or m.output not in m:
            sinks = m.sinks()
            auto = sinks[0] if len(sinks) == 1 else None
        old = self._nodes.get(self._auto_output) if self._auto_output is not None else None
        if old is not None and self._auto_output != auto:
            old.set_auto_output(False)
        self._auto_output = auto
        if auto is not None and auto in self._nodes:
            self._nodes[auto].set_auto_output(True)

    def node_item_moved(self, node_id: str) -> None:
        """A node item moved (drag or model): its wires follow."""
        self.nodes_moved((node_id,))

    def nodes_moved(self, ids) -> None:
        """Re-route the wires of the nodes ``ids`` (each wire once)."""
        m = self.model
        keys = set()
        for n in ids:
            if n not in m:
                continue
            keys.update((s, n, p) for p, s in enumerate(m.inputs(n)) if s is not None)
            keys.update((n, t, p) for t, p in m.consumers(n))
        nodes, edges = self._nodes, self._edges
        for key in keys:
            e = edges.get(key)
            if e is not None:
                s, t, p = key
                e.set_ends(nodes[s].output_pos(), nodes[t].input_pos(p))
        if self._far:
            self._schedule_refit()

    # ------------------------------------------------------------ commands
    def push(self, cmd) -> bool:
        """Push ``cmd``; a refusal by the model becomes a status message."""
        try:
            C.push(self.undo_stack, cmd)
        except GraphError as e:
            self.status_message.emit(str(e))
            return False
        return True

    def add_node_at(self, op: str, scene_pos: QPointF, **attrs) -> str | None:
        """Create an ``op`` node centred at ``scene_pos``; its id."""
        if op not in ops.OPS:
            self.status_message.emit(f"unknown operation {op!r}")
            return None
        cmd = C.AddNodeCommand(self.model, op, round(scene_pos.x()), round(scene_pos.y()), **attrs)
        if not self.push(cmd):
            return None
        self.select_ids([cmd.node_id])
        return cmd.node_id

    def delete_selection(self) -> None:
        nodes = self.selected_ids()
        wires = self.selected_wires()
        if not nodes and not wires:
            return
        # Clear first (one signal, not one per removed item); remove consumers
        # before their inputs, so no removal re-evaluates what goes next.
        self.clearSelection()
        self.push(C.DeleteCommand(self.model, nodes[::-1], wires))

    def connect_ports(self, source: str, target: str, port: int) -> bool:
        """Wire ``source`` into ``target[port]`` (replacing), or say why not."""
        why = self.model.can_connect(source, target, port, replace=True)
        if why:
            self.status_message.emit(why)
            return False
        if self.model.inputs(target)[port] == source:
            return True
        return self.push(C.connect_command(self.model, source, target, port))

    def disconnect_port(self, target: str, port: int) -> bool:
        if self.model.inputs(target)[port] is None:
            return False
        return self.push(C.disconnect_command(self.model, target, port))

    def set_value(self, node_id: str, text: str) -> bool:
        return self._set_number(node_id, "value", text)

    def set_exponent(self, node_id: str, text: str) -> bool:
        return self._set_number(node_id, "exponent", text)

    def _set_number(self, node_id: str, what: str, text: str) -> bool:
        name = self.model.label(node_id)
        try:
            v = parse_number(text)
        except ValueError as e:
            self.status_message.emit(f"{what} of {name!r} not changed: {e}")
            return False
        old = self.model.node(node_id).get(what)
        if same_float(old, v):
            return True
        cls = C.SetValueCommand if what == "value" else C.SetExponentCommand
        return self.push(cls(self.model, node_id, v))

    def set_label(self, node_id: str, text: str) -> bool:
        new = text.strip() or None
        if new == self.model.node(node_id).get("label"):
            return True
        return self.push(C.SetLabelCommand(self.model, node_id, new))

    def set_output(self, node_id: str | None) -> None:
        if node_id == self.model.output:
            return
        self.push(C.SetOutputCommand(self.model, node_id))

    def nudge_selection(self, dx: float, dy: float) -> None:
        """Move the selected nodes by (dx, dy); repeated nudges are one undo entry."""
        ids = self.selected_ids()
        if not ids:
            return
        m = self.model
        moves = {}
        for n in ids:
            x, y = m.position(n)
            moves[n] = ((x, y), (x + dx, y + dy))
        cmd = C.MoveCommand(m, moves)
        cmd.merge = True
        self.push(cmd)

    def auto_layout(self) -> None:
        pos = layered_positions(self.model)
        if pos:
            self.push(C.LayoutCommand(self.model, pos))

    # ------------------------------------------------------------ clipboard
    def selection_payload(self) -> dict | None:
        ids = self.selected_ids()
        return clipboard.payload(self.model, ids) if ids else None

    def copy_selection(self) -> bool:
        data = self.selection_payload()
        if data is None:
            self.status_message.emit("nothing selected to copy")
            return False
        clipboard.put(data)
        self._paste_serial = 0
        n = len(data["nodes"])
        self.status_message.emit(f"copied {n} node{'s' if n != 1 else ''}")
        return True

    def paste(self) -> list[str]:
        try:
            data = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        except ValueError as e:
            self.status_message.emit(str(e))
            return []
        if data is None:
            self.status_message.emit("the clipboard holds no nodes to paste")
            return []
        self._paste_serial += 1
        return self._paste_payload(data, PASTE_OFFSET * self._paste_serial, "Paste")

    def duplicate_selection(self) -> list[str]:
        data = self.selection_payload()
        if data is None:
            self.status_message.emit("nothing selected to duplicate")
            return []
        return self._paste_payload(data, PASTE_OFFSET, "Duplicate")

    def _paste_payload(self, data: dict, offset: float, verb: str) -> list[str]:
        try:
            nodes, edges = clipboard.parse(data)
        except ValueError as e:
            self.status_message.emit(str(e))
            return []
        if not nodes:
            return []
        n = len(nodes)
        cmd = C.PasteCommand(self.model, nodes, edges, offset, offset,
                             f"{verb} {n} node{'s' if n != 1 else ''}")
        if not self.push(cmd):
            return []
        self.select_ids(cmd.new_ids)
        return cmd.new_ids

    # ------------------------------------------------------------ hit testing
    def port_at(self, scene_pos: QPointF, radius: float | None = None) -> tuple | None:
        """(node_id, "in"/"out", port) of the port nearest ``scene_pos``, if close."""
        r = radius if radius is not None else self._hit_radius()
        area = QRectF(scene_pos.x() - r - S.NODE_W / 2, scene_pos.y() - r - S.NODE_H / 2,
                      2 * r + S.NODE_W, 2 * r + S.NODE_H)
        best, best_d = None, None
        for it in self.items(area):
            if not isinstance(it, NodeItem):
                continue
            hit = it.port_at(scene_pos, r)
            if hit is None:
                continue
            q = it.local_port(*hit)
            p = it.mapFromScene(scene_pos)
            d = (p.x() - q.x()) ** 2 + (p.y() - q.y()) ** 2
            if best_d is None or d < best_d:
                best, best_d = (it.node_id, *hit), d
        return best

    def _hit_radius(self) -> float:
        scale = self._view_scale()
        # at least ~8 screen pixels, at most a generous 20 scene units
        return max(S.PORT_HIT, min(20.0, 8.0 / max(scale, 1e-6)))

    def node_at(self, scene_pos: QPointF) -> NodeItem | None:
        for it in self.items(scene_pos):
            if isinstance(it, NodeItem):
                return it
        return None

    # ------------------------------------------------------------ mouse
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._editor is None:
            hit = self.port_at(event.scenePos())
            if hit is not None:
                self._start_wire(hit, event.scenePos())
                event.accept()
                return
            wire = self.wire_at(event.scenePos())
            if wire is not None:
                self._select_wire(wire, bool(event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)))
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = {it.node_id: it.pos() for it in self.selectedItems()
                               if isinstance(it, NodeItem)}

    def mouseMoveEvent(self, event) -> None:
        if self._wire is not None:
            self._wire.move_to(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self._press_pos and isinstance(self.mouseGrabberItem(), NodeItem):
            self.nodes_moved(self._press_pos)

    def _count_message(self, _text: str) -> None:
        self._said += 1

    def mouseReleaseEvent(self, event) -> None:
        if self._wire is not None and event.button() == Qt.MouseButton.LeftButton:
            wire, self._wire = self._wire, None
            said = self._said
            wire.finish(event.scenePos())
            if self._said == said:  # wired (or dropped nowhere): no refusal to show
                self.gesture_ended.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_pos:
            self._commit_move()

    def _commit_move(self) -> None:
        moves = {}
        for n, p0 in self._press_pos.items():
            it = self._nodes.get(n)
            if it is None or n not in self.model:
                continue
            p1 = it.pos()
            if p1 != p0:
                moves[n] = ((p0.x(), p0.y()), (round(p1.x(), 2), round(p1.y(), 2)))
        self._press_pos = {}
        if moves:
            self.push(C.MoveCommand(self.model, moves))

    def mouseDoubleClickEvent(self, event) -> None:
        it = self.node_at(event.scenePos())
        if it is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self.edit(it.node_id, it.region_at(event.scenePos()))
        event.accept()

    def contextMenuEvent(self, event) -> None:
        if self._wire is not None:
            return
        from gui.editing.context_menu import build_menu

        menu = build_menu(self, event.scenePos(), event.widget())
        menu.exec(event.screenPos())
        menu.deleteLater()
        event.accept()

    def cancel_gesture(self) -> None:
        """Abort a wire being dragged (Escape)."""
        if self._wire is not None:
            wire, self._wire = self._wire, None
            wire.cancel()
            self.gesture_ended.emit()

    # ------------------------------------------------------------ wiring
    def _start_wire(self, hit: tuple, pos: QPointF) -> None:
        node, kind, port = hit
        m = self.model
        if kind == "in" and m.inputs(node)[port] is not None:
            # pick up the existing wire by its loose end
            src = m.inputs(node)[port]
            self._wire = WireDrag(self, src, "out", 0, picked=(node, port))
        else:
            self._wire = WireDrag(self, node, kind, port)
        self._wire.move_to(pos)

    def wire_target_state(self, node: str, kind: str, port: int) -> str | None:
        """During a wire drag: why (node, kind, port) is not a valid drop, or None."""
        if self._wire is None:
            return "no wire"
        return self._wire.reason(node, kind, port)

    @property
    def wiring(self) -> bool:
        return self._wire is not None

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self._wire is None or self._far:  # zoomed far out, ports are too small to mark
            return
        w = self._wire
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ok_pen = QPen(S.PORT_VALID, 2.5)
        for it in self.items(rect):
            if not isinstance(it, NodeItem):
                continue
            for kind, port in w.candidate_ports(it):
                good = w.reason(it.node_id, kind, port) is None
                if not good:
                    continue
                c = QColor(S.PORT_VALID)
                c.setAlpha(70)
                painter.setPen(ok_pen)
                painter.setBrush(c)
                painter.drawEllipse(it.mapToScene(it.local_port(kind, port)), S.PORT_R + 2.5, S.PORT_R + 2.5)

    # ------------------------------------------------------------ inline editing
    def edit(self, node_id: str, what: str) -> QLineEdit | None:
        """Open the inline editor for ``what`` ("value", "label" or "exponent") of a node."""
        self.close_editor()
        it = self._nodes.get(node_id)
        if it is None:
            return None
        a = self.model.node(node_id)
        if what == "value" and a["op"] != "leaf":
            what = "label"
        if what == "exponent" and a["op"] != "pow":
            what = "label"
        text = {"value": lambda: fmt_full(a.get("value")),
                "exponent": lambda: fmt_full(a.get("exponent")),
                "label": lambda: self.model.label(node_id)}[what]()
        ed = InlineEditor(self, node_id, what)
        ed.setText(text)
        ed.selectAll()
        proxy = self.addWidget(ed)
        proxy.setZValue(10.0)
        r = it.editor_rect(what)
        proxy.setGeometry(r)
        self._editor = proxy
        self.setFocusItem(proxy)
        ed.setFocus()
        return ed

    @property
    def editor(self) -> QLineEdit | None:
        return self._editor.widget() if self._editor is not None else None

    def close_editor(self) -> None:
        proxy, self._editor = self._editor, None
        if proxy is not None:
            ed = proxy.widget()
            if ed is not None:
                ed.closing = True
            self.removeItem(proxy)
            proxy.deleteLater()
            views = self.views()
            if views:
                views[0].setFocus()

    def commit_editor(self, ed: InlineEditor) -> bool:
        """Apply the editor's text; keep it open when the text is refused."""
        if ed.node_id not in self.model:
            self.close_editor()
            return True
        if ed.what == "label":
            ok = self.set_label(ed.node_id, ed.text())
        elif ed.what == "value":
            ok = self.set_value(ed.node_id, ed.text())
        else:
            ok = self.set_exponent(ed.node_id, ed.text())
        if ok:
            self.close_editor()
        else:
            ed.mark_bad()
        return ok


def _carries(v: float | None) -> str:
    if v is None:
        return "none"
    return "ok" if math.isfinite(v) else "nonfinite"


def _disconnect(links) -> None:
    while links:
        sig, slot = links.pop()
        try:
            sig.disconnect(slot)
        except (ValueError, RuntimeError):
            pass
