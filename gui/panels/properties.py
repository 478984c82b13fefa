"""The Properties dock: everything about the selected node, and the few
things about it that are typed rather than drawn (label, value, exponent).

Each edit is one undo command that calls the model; a refused entry (not a
number, not finite, empty) shows why under the field and changes nothing.
The panel re-reads the model whenever it signals, so it never holds state of
its own.
"""
from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QFormLayout, QFrame, QLabel, QLineEdit, QScrollArea,
                               QStackedWidget, QVBoxLayout, QWidget)

from core.autograd import ops
from core.autograd.floats import same_float
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.editing.commands import SetExponentCommand, SetLabelCommand, SetValueCommand
from gui.editing.commands import push as push_command
from core.explain.format import fmt, fmt_full, parse_number


class _Field(QLineEdit):
    """A panel field: Enter or leaving the field commits; Escape puts back
    the model's value. With nothing typed since the last commit, Ctrl+Z and
    Ctrl+Shift+Z undo and redo the document, not the field's text."""

    def event(self, event) -> bool:
        if (event.type() == QEvent.ShortcutOverride and not self.isModified()
                and (event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo)
                     or (event.key() == Qt.Key_Z
                         and event.modifiers() == (Qt.ControlModifier | Qt.ShiftModifier)))):
            event.ignore()  # leave it to the window's Undo / Redo
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.isModified():
            self.setModified(False)
            self.editingFinished.emit()  # the panel re-reads the model
            self.clearFocus()
            return
        super().keyPressEvent(event)


def _title_html(op_name: str, label: str, is_output: bool) -> str:
    """The panel's title: the operation as a pill on the left ("× Multiply"),
    then the node's label; a bare symbol before the name read as a close button."""
    op = ops.OPS[op_name]
    what = "Value" if op_name == "leaf" else f"{op.symbol}&nbsp;{html.escape(op.title)}"
    colours = ("#c9ebd8", "#1d5c3b") if op_name == "leaf" else ("#e0e7ff", "#3b5bdb")
    pill = (f"<span style='background-color:{colours[0]}; color:{colours[1]};'>"
            f"&nbsp;{what}&nbsp;</span>")
    out = " &nbsp;<span style='color:#7c3aed'>(output)</span>" if is_output else ""
    return f"{pill}&nbsp; {html.escape(label)}{out}"


# ------------------------------------------------------------ the panel
class PropertiesPanel(QWidget):
    """Shows and edits the selected node of the current scene."""

    #: Ask the window to select and show a node (a link in Inputs/Used by).
    node_link_activated = Signal(str)

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("properties_panel")
        self._undo = undo_stack
        self._scene = None
        self._model: GraphModel | None = None
        self._node: str | None = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        # Gradients are view state of the canvas (no model signal): look again
        # now and then while a node is shown.
        self._grad_timer = QTimer(self, interval=250)
        self._grad_timer.timeout.connect(self._refresh_grad)

        self._pages = QStackedWidget()
        self._empty = QLabel()
        self._empty.setObjectName("properties_hint")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self._empty.setMargin(12)
        self._empty.setStyleSheet("color: palette(placeholder-text);")
        self._pages.addWidget(self._empty)
        self._pages.addWidget(self._build_form())

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self._pages)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)
        self.setMinimumWidth(240)
        self._clear_error(self.value_error)
        self._clear_error(self.exponent_error)
        self._set_row_visible(self.value_reason, False)
        self.refresh()

    # ---------------------------------------------------------------- build
    def _build_form(self) -> QWidget:
        w = QWidget()
        outer = QVBoxLayout(w)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(8)
        self.title = QLabel()
        self.title.setObjectName("properties_title")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setTextFormat(Qt.RichText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        outer.addWidget(self.title)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        self._form = form

        self.label_edit = _Field()
        self.label_edit.setObjectName("properties_label")
        self.label_edit.setPlaceholderText("(none: the id is shown)")
        self.label_edit.setToolTip("The name shown on the node. Empty shows the node's id.")
        self.label_edit.editingFinished.connect(self._commit_label)
        form.addRow("&Label", self.label_edit)

        self.id_label = self._info("properties_id")
        form.addRow("Id", self.id_label)
        self.op_label = self._info("properties_op")
        form.addRow("Operation", self.op_label)
        self.formula_label = self._info("properties_formula")
        form.addRow("Computes", self.formula_label)
        self.derivative_label = self._info("properties_derivative")
        form.addRow("Derivative", self.derivative_label)

        self.value_edit = _Field()
        self.value_edit.setObjectName("properties_value")
        self.value_edit.editingFinished.connect(self._commit_value)
        form.addRow("&Value", self.value_edit)
        self.value_reason = self._info("properties_value_reason")
        self.value_reason.setStyleSheet("color: #b45309;")
        form.addRow("", self.value_reason)
        self.value_error = self._error("properties_value_error")
        form.addRow("", self.value_error)

        self.exponent_edit = _Field()
        self.exponent_edit.setObjectName("properties_exponent")
        self.exponent_edit.setToolTip("k in aᵏ: any finite number")
        self.exponent_edit.editingFinished.connect(self._commit_exponent)
        form.addRow("E&xponent k", self.exponent_edit)
        self.exponent_error = self._error("properties_exponent_error")
        form.addRow("", self.exponent_error)

        self.grad_label = self._info("properties_grad")
        form.addRow("Gradient", self.grad_label)
        self.inputs_label = self._info("properties_inputs", links=True)
        form.addRow("Inputs", self.inputs_label)
        self.consumers_label = self._info("properties_consumers", links=True)
        form.addRow("Used by", self.consumers_label)
        self.note_label = self._info("properties_note")
        self.note_label.setStyleSheet("color: #b45309;")
        form.addRow("", self.note_label)
        outer.addLayout(form)
        outer.addStretch(1)
        return w

    def _info(self, name: str, links: bool = False) -> QLabel:
        lab = QLabel()
        lab.setObjectName(name)
        lab.setWordWrap(True)
        lab.setTextInteractionFlags(Qt.TextBrowserInteraction if links else Qt.TextSelectableByMouse)
        if links:
            lab.setTextFormat(Qt.RichText)
            lab.linkActivated.connect(self._on_link)
        else:
            lab.setTextFormat(Qt.PlainText)
        return lab

    def _error(self, name: str) -> QLabel:
        lab = QLabel()
        lab.setObjectName(name)
        lab.setWordWrap(True)
        lab.setStyleSheet("color: #c62828;")
        return lab

    # ---------------------------------------------------------------- wiring
    def set_scene(self, scene) -> None:
        """Follow ``scene`` (and its model) from now on."""
        if self._model is not None:
            for sig in self._model_signals(self._model):
                try:
                    sig.disconnect(self._schedule)
                except (ValueError, RuntimeError, TypeError):
                    pass
        self._scene = scene
        self._model = scene.model if scene is not None else None
        if self._model is not None:
            for sig in self._model_signals(self._model):
                sig.connect(self._schedule)
        if scene is not None:
            scene.selectionChanged.connect(self._schedule)
        self._node = None
        self.refresh()

    @staticmethod
    def _model_signals(m: GraphModel) -> list:
        return [m.node_changed, m.node_removed, m.node_added, m.edge_added, m.edge_removed,
                m.values_changed, m.output_changed]

    def _schedule(self, *args) -> None:
        self._refresh_timer.start()

    @property
    def node_id(self) -> str | None:
        """The node shown, or None."""
        return self._node

    # ---------------------------------------------------------------- showing
    def refresh(self) -> None:
        self._refresh_timer.stop()
        sel = self._selected()
        if len(sel) != 1:
            self._show_empty(len(sel))
            return
        nid = sel[0]
        if nid != self._node:
            self._clear_error(self.value_error)
            self._clear_error(self.exponent_error)
        self._node = nid
        self._show_node(nid)

    def _selected(self) -> list[str]:
        if self._scene is None or self._model is None:
            return []
        try:
            ids = list(self._scene.selected_ids())
        except RuntimeError:  # scene already deleted
            return []
        return [n for n in ids if n in self._model]

    def _show_empty(self, n: int) -> None:
        self._node = None
        self._grad_timer.stop()
        if self._model is None or len(self._model) == 0:
            text = ("The graph is empty.\n\nAdd a node from the Palette (drag it onto the canvas "
                    "or double-click it), or press Tab on the canvas.")
        elif n == 0:
            text = ("Select a node to see its value, gradient and wires, and to edit "
                    "its label, value or exponent.")
        else:
            text = f"{n} nodes selected.\n\nSelect a single node to see and edit its properties."
        self._empty.setText(text)
        self._pages.setCurrentIndex(0)

    def _show_node(self, nid: str) -> None:
        m = self._model
        op_name = m.op(nid)
        op = ops.OPS[op_name]
        a = m.node(nid)
        self._pages.setCurrentIndex(1)
        self.title.setText(_title_html(op_name, m.label(nid), m.output == nid))
        self._set_text(self.label_edit, a.get("label") or "")
        self.id_label.setText(nid)
        self.op_label.setText(f"{op.title} ({op.symbol})" if op_name != "leaf" else "Value (a leaf)")
        self.formula_label.setText("" if op_name == "leaf" else f"out = {op.formula}")
        self.derivative_label.setText("—" if op_name == "leaf" else op.derivative)
        self.derivative_label.setToolTip("The local derivative of out with respect to each input")
        self._set_row_visible(self.formula_label, op_name != "leaf")
        self._set_row_visible(self.derivative_label, op_name != "leaf")

        is_leaf = op_name == "leaf"
        self.value_edit.setReadOnly(not is_leaf)
        self.value_edit.setFocusPolicy(Qt.StrongFocus if is_leaf else Qt.ClickFocus)
        self.value_edit.setToolTip("Type a number and press Enter" if is_leaf else
                                   "Computed from the inputs (read-only); edit a leaf to change it")
        v = m.value(nid)
        # no value yet: a dash in the field, and why under it (wrapped, not clipped)
        self._set_text(self.value_edit, "—" if v is None else fmt_full(v))
        self.value_edit.setCursorPosition(0)
        reason = "" if v is not None else (m.reason(nid) or "incomplete")
        self.value_reason.setText(f"No value yet: {reason}" if reason else "")
        self._set_row_visible(self.value_reason, bool(reason))

        has_k = op_name == "pow"
        self._set_row_visible(self.exponent_edit, has_k)
        if has_k:
            self._set_text(self.exponent_edit, fmt_full(a.get("exponent", 2.0)))
        if not has_k:
            self._clear_error(self.exponent_error)

        self._refresh_grad()
        self._grad_timer.start()

        names = op.ports
        srcs = m.inputs(nid)
        if names:
            lines = []
            for name, s in zip(names, srcs):
                if s is None:
                    lines.append(f"{name}: <span style='color:#b45309'>not connected</span>")
                else:
                    lines.append(f"{name} ← {self._link(s)} = {html.escape(fmt(m.value(s)))}")
            self.inputs_label.setText("<br>".join(lines))
        else:
            self.inputs_label.setText("none (a leaf has no inputs)")
        cons = m.consumers(nid)
        if cons:
            lines = []
            for t, p in sorted(cons, key=lambda tp: (m.label(tp[0]), tp[1])):
                port = ops.OPS[m.op(t)].ports[p]
                lines.append(f"{self._link(t)}, input {html.escape(port)}")
            self.consumers_label.setText("<br>".join(lines))
        else:
            self.consumers_label.setText("nothing" + (" (this is the output)" if m.output == nid else ""))

        note = m.nonfinite_reason(nid) if v is not None else None
        self.note_label.setText(note or "")
        self._set_row_visible(self.note_label, bool(note))

    def _refresh_grad(self) -> None:
        nid = self._node
        if nid is None or self._scene is None or self._model is None or nid not in self._model:
            return
        g = None
        try:
            item = self._scene.node_item(nid)
            g = getattr(item, "grad", None) if item is not None else None
        except (RuntimeError, KeyError, AttributeError):
            g = None
        if g is not None:
            text = fmt_full(g)  # what the canvas shows now (the pass may be half way)
        elif self._pass_shown():
            text = "not reached yet"
        else:
            text = "— (run Backward)"
        if self.grad_label.text() != text:
            self.grad_label.setText(text)

    def _pass_shown(self) -> bool:
        """True while the canvas shows a backward pass (some card has a
        gradient or a highlight), so a missing gradient is "not reached yet"."""
        try:
            return any(it.grad is not None or it.highlight is not None
                       for it in self._scene.node_items())
        except (RuntimeError, AttributeError):
            return False

    def _link(self, nid: str) -> str:
        return f"<a href='node:{html.escape(nid)}'>{html.escape(self._model.label(nid))}</a>"

    def _on_link(self, href: str) -> None:
        if href.startswith("node:"):
            self.node_link_activated.emit(href[5:])

    def _set_row_visible(self, field: QWidget, visible: bool) -> None:
        self._form.setRowVisible(field, visible)

    @staticmethod
    def _set_text(edit: QLineEdit, text: str) -> None:
        # Never overwrite what the user is typing.
        if edit.hasFocus() and edit.isModified():
            return
        if edit.text() != text:
            edit.setText(text)
        edit.setModified(False)

    # ---------------------------------------------------------------- editing
    def _commit_label(self) -> None:
        nid, m = self._node, self._model
        if nid is None or m is None or not self.label_edit.isModified():
            return
        self.label_edit.setModified(False)
        new = self.label_edit.text().strip() or None
        old = m.node(nid).get("label") or None
        if new == old:
            return
        push_command(self._undo, SetLabelCommand(m, nid, new))
        self.refresh()

    def _commit_value(self) -> None:
        nid, m = self._node, self._model
        if nid is None or m is None or m.op(nid) != "leaf":
            return
        if not self.value_edit.isModified():
            self.refresh()
            return
        old = m.node(nid)["value"]
        self._commit_number(self.value_edit, self.value_error, f"value of {m.label(nid)}", old,
                            lambda new: SetValueCommand(m, nid, new))

    def _commit_exponent(self) -> None:
        nid, m = self._node, self._model
        if nid is None or m is None or m.op(nid) != "pow":
            return
        if not self.exponent_edit.isModified():
            self.refresh()
            return
        old = m.node(nid)["exponent"]
        self._commit_number(self.exponent_edit, self.exponent_error, f"exponent of {m.label(nid)}", old,
                            lambda new: SetExponentCommand(m, nid, new))

    def _commit_number(self, edit: QLineEdit, error: QLabel, what: str, old: float,
                       make_command: Callable[[float], QUndoCommand]) -> None:
        text = edit.text()
        edit.setModified(False)
        try:
            new = parse_number(text)
        except ValueError as e:
            self._show_error(error, f"Not changed: {e}. The {what} stays {fmt_full(old)}.")
            edit.setText(fmt_full(old))
            edit.selectAll()
            return
        self._clear_error(error)
        if same_float(new, old):
            edit.setText(fmt_full(old))
            return
        try:
            push_command(self._undo, make_command(new))
        except GraphError as e:  # the model refused it: say why, keep the old value
            self._show_error(error, f"Not changed: {e}")
        self.refresh()

    def _show_error(self, error: QLabel, text: str) -> None:
        error.setText(text)
        self._set_row_visible(error, True)

    def _clear_error(self, error: QLabel) -> None:
        error.setText("")
        self._set_row_visible(error, False)

    # for tests and the window
    def error_text(self) -> str:
        """The refusal shown under the value or exponent field, if any."""
        return self.value_error.text() or self.exponent_error.text()
