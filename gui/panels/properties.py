"""The Properties dock: everything about the selected node, and the few
things about it that are typed rather than drawn (label, value, exponent).

Each edit goes through the canvas's GraphEditor (the same parse, "same
number: nothing" and push as typing on a card); a refused entry (not a
number, not finite, empty) shows why under the field and changes nothing.
The panel re-reads the model whenever it signals, and the shown gradient
whenever the scene says a card's decoration changed, so it never holds state
of its own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from core.autograd import ops
from core.explain.format import fmt_full
from core.explain.names import names_of
from core.explain.replay import DIM
from core.explain.step_text import meaning
from core.graph.backward import BackwardResult
from core.graph.model import GraphModel
from core.learn.training import is_trainable
from gui.canvas.scene import GraphScene
from gui.common.equation_label import EquationLabel
from gui.common.focus_ring import FocusRing
from gui.common.style import scale_text, set_text_color
from gui.document.document import Document
from gui.editing.editor import GraphEditor
from gui.panels import node_rows
from gui.panels.fields import Field
from gui.panels.group_page import GroupPage, heading_font
from gui.panels.op_row import OpBox
from gui.panels.page_stack import PageStack
from gui.panels.role_row import RoleBox


def _title_html(op_name: str, label: str, is_output: bool) -> str:
    """The panel's title: the operation as a pill on the left ("× Multiply"),
    then the node's label; a bare symbol before the name read as a close button."""
    op = ops.OPS[op_name]
    same = op.symbol.lower() == op.title.lower()  # (ReLU, tanh: "ReLU ReLU y" said it twice, t75 #14)
    what = (
        "Value"
        if op_name == "leaf"
        else html.escape(op.title)
        if same
        else f"{op.symbol}&nbsp;{html.escape(op.title)}"
    )
    colours = ("#c9ebd8", "#1d5c3b") if op_name == "leaf" else ("#e0e7ff", "#3b5bdb")
    pill = f"<span style='background-color:{colours[0]}; color:{colours[1]};'>&nbsp;{what}&nbsp;</span>"
    out = " &nbsp;<span style='color:#7c3aed'>(output)</span>" if is_output else ""
    return f"{pill}&nbsp; {html.escape(label)}{out}"


# ------------------------------------------------------------ the panel
class PropertiesPanel(QWidget):
    """Shows and edits the selected node of the current scene."""

    #: Ask the window to select and show a node (a link in Inputs/Used by).
    node_link_activated = Signal(str)

    def __init__(
        self, document: Document, scene: GraphScene, editor: GraphEditor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("properties_panel")
        self._document = document
        self._scene = scene
        self._editor = editor
        self._node: str | None = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)

        self._pages = PageStack()
        self._empty = QLabel()
        self._empty.setObjectName("properties_hint")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._empty.setMargin(12)
        set_text_color(self._empty, QPalette.ColorRole.PlaceholderText)
        self._pages.addWidget(self._empty)
        self._pages.addWidget(self._build_form())
        self.group_page = GroupPage()  # a folded group's card selected: the group
        self._pages.addWidget(self.group_page)
        self._pages.fit_shown()

        scroll = self.scroll_area = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._pages)
        scroll.setObjectName("properties_scroll")
        self._ring = FocusRing(scroll)  # F6 stops here: seen to
        self.escaped = self._ring.escaped  # Esc there: the keys to the canvas
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)
        self.setMinimumWidth(240)
        self._clear_error(self.value_error)
        self._clear_error(self.exponent_error)
        for row in (self.value_reason, self.value_how):
            self._set_row_visible(row, False)
        scene.selectionChanged.connect(self._schedule)
        # Gradients are the canvas's view state (no model signal): the scene
        # says when a card's shown gradient or highlight changed.
        scene.decorations_changed.connect(self._refresh_grad)
        document.replaced.connect(self._follow_model)
        document.structure_changed.connect(self._refresh_timer.start)
        document.values_changed.connect(self._schedule)
        document.node_changed.connect(self._schedule)
        document.groups_changed.connect(self._schedule)  # a rename, a fold
        self.refresh()

    def set_text_scale(self, scale: float) -> None:
        """The panel's text ``scale`` times the app's (View › Presentation Mode)."""
        scale_text(self, scale)
        for title in (self.title, self.group_page.title):
            title.setFont(heading_font(self.font()))

    # ---------------------------------------------------------------- build
    def _build_form(self) -> QWidget:
        w = QWidget()
        outer = QVBoxLayout(w)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(8)
        self.title = QLabel()
        self.title.setObjectName("properties_title")
        self.title.setFont(heading_font(self.title.font()))
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.title)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        self._form = form

        self.label_edit = Field()
        self.label_edit.setObjectName("properties_label")
        self.label_edit.setPlaceholderText("(none: the id is shown)")
        self.label_edit.setToolTip(
            "The name shown on the node. Empty shows the node's id. A leaf takes name = number (a = 2)."
        )
        self.label_edit.editingFinished.connect(self._commit_label)
        form.addRow("L&abel", self.label_edit)  # (Alt+A: Alt+L opens the Learn menu, Alt+V View)

        self.id_label = self._info("properties_id")
        form.addRow("Id", self.id_label)
        self.op_box = OpBox()  # (another operation picked: Change Operation, as on the card)
        self.op_box.chosen.connect(self._commit_op)
        form.addRow("Operation", self.op_box)
        # (each wraps only between whole terms, never inside "3 × 2**(3 - 1)": t72 #11e)
        self.formula_label = self._info("properties_formula", equations=True)
        form.addRow("Computes", self.formula_label)
        self.derivative_label = self._info("properties_derivative", equations=True)
        form.addRow("Derivative", self.derivative_label)

        self.value_edit = Field()
        self.value_edit.setObjectName("properties_value")
        self.value_edit.editingFinished.connect(self._commit_value)
        self.value_edit.typed_read_only.connect(self._say_computed)
        form.addRow("Val&ue", self.value_edit)
        self.value_how = self._info(
            "properties_value_how"
        )  # (a computed node's: why the box takes no typing)
        self.value_how.setText("computed from its inputs (read-only)")
        set_text_color(self.value_how, QPalette.ColorRole.PlaceholderText)
        form.addRow("", self.value_how)
        self.value_reason = self._info("properties_value_reason")
        set_text_color(self.value_reason, "#b45309")
        form.addRow("", self.value_reason)
        self.value_error = self._error("properties_value_error")
        form.addRow("", self.value_error)

        self.role_box = RoleBox()
        self.role_box.chosen.connect(self._commit_role)
        form.addRow("Role", self.role_box)

        self.exponent_edit = Field()
        self.exponent_edit.setObjectName("properties_exponent")
        self.exponent_edit.setToolTip("k in aᵏ: any finite number")
        self.exponent_edit.editingFinished.connect(self._commit_exponent)
        form.addRow("E&xponent k", self.exponent_edit)
        self.exponent_error = self._error("properties_exponent_error")
        form.addRow("", self.exponent_error)

        self.grad_label = self._info("properties_grad")
        self.grad_row = QLabel("Gradient")  # "Tangent d/da" in forward mode
        self.grad_row.setObjectName("properties_grad_row")
        form.addRow(self.grad_row, self.grad_label)
        self.slope_label = self._info("properties_slope")  # (what the gradient says: a finished pass's)
        set_text_color(self.slope_label, "#4b5563")
        form.addRow("", self.slope_label)
        self.inputs_label = self._info("properties_inputs", links=True)
        form.addRow("Inputs", self.inputs_label)
        self.consumers_label = self._info("properties_consumers", links=True)
        form.addRow("Used by", self.consumers_label)
        self.note_label = self._info("properties_note")
        set_text_color(self.note_label, "#b45309")
        form.addRow("", self.note_label)
        outer.addLayout(form)
        outer.addStretch(1)
        return w

    def _info(self, name: str, links: bool = False, equations: bool = False) -> QLabel:
        lab = EquationLabel() if equations else QLabel()
        lab.setObjectName(name)
        lab.setWordWrap(not equations)  # (an equation's lines are broken by its label)
        lab.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            if links
            else Qt.TextInteractionFlag.TextSelectableByMouse
        )
        if links:
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.linkActivated.connect(self._on_link)
        else:
            lab.setTextFormat(Qt.TextFormat.PlainText)
        return lab

    def _error(self, name: str) -> QLabel:
        lab = QLabel()
        lab.setObjectName(name)
        lab.setWordWrap(True)
        set_text_color(lab, "#c62828")
        return lab

    # ---------------------------------------------------------------- wiring
    @property
    def _model(self) -> GraphModel:
        return self._document.model

    def _follow_model(self) -> None:
        """A new model in the document: nothing of the old one is shown."""
        self._node = None
        self.refresh()

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
        gid = self._scene.selected_group(sel)
        if gid is not None:
            self._node = None
            self.group_page.show_group(self._model, gid)
            self._pages.setCurrentWidget(self.group_page)
            return
        if len(sel) != 1:
            self._show_empty(len(sel))
            return
        nid = next(iter(sel))
        if nid != self._node:
            self._clear_error(self.value_error)
            self._clear_error(self.exponent_error)
        self._node = nid
        self._show_node(nid)

    def _selected(self) -> set[str]:
        ids = self._scene.selected_node_set()  # how many, or which one: no order needed
        # all there: no check one by one (set.issubset would copy every node of the graph)
        # (every card: the scene's, which are the model's nodes)
        if len(ids) > 1 and (self._scene.all_selected() or self._model.attr_table().keys() >= ids):
            return ids
        return {n for n in ids if n in self._model}

    def _show_empty(self, n: int) -> None:
        self._node = None
        if len(self._model) == 0:
            text = (
                "The graph is empty.\n\nAdd a node from the Palette (drag it onto the canvas "
                "or double-click it), or press Tab on the canvas."
            )
        elif n == 0:
            text = (
                "Select a node to see its value, gradient and wires, and to edit "
                "its label, value or exponent."
            )
        else:
            text = f"{n} nodes selected.\n\nSelect a single node to see and edit its properties."
        self._empty.setText(text)
        self._pages.setCurrentIndex(0)

    def _show_node(self, nid: str) -> None:
        m = self._model
        op_name = m.op(nid)
        a = m.node(nid)
        self._pages.setCurrentIndex(1)
        self.title.setText(_title_html(op_name, m.label(nid), m.output == nid))
        self._set_text(self.label_edit, a.get("label") or "")
        self.id_label.setText(nid)
        if op_name != "leaf":
            self.op_box.show_op(op_name)
        # a leaf's Role in its place (its title says Value): the form no taller than before
        self._set_row_visible(self.op_box, op_name != "leaf")
        # in its inputs' names, as the Chain Rule panel: "∂/∂a = b" read as the leaves a, b (a trial)
        self.formula_label.setText(node_rows.computes_text(m, nid))
        self.derivative_label.setText(node_rows.derivative_text(m, nid))
        self.derivative_label.setToolTip(
            f"The local derivative of {m.label(nid)} with respect to each input"
            + (
                " (an input not wired yet is named by its port, as on the card)"
                if None in m.inputs(nid)
                else ""
            )
        )
        self._set_row_visible(self.formula_label, op_name != "leaf")
        self._set_row_visible(self.derivative_label, op_name != "leaf")

        is_leaf = op_name == "leaf"
        self.value_edit.set_computed(not is_leaf)
        v = m.value(nid)
        self._set_row_visible(self.value_how, not is_leaf and v is not None)  # (else why not, below)
        # no value yet: a dash in the field, and why under it (wrapped, not clipped)
        shown, tip = node_rows.value_field(v, is_leaf)
        self.value_edit.setToolTip(tip)
        self._set_text(self.value_edit, shown)
        self.value_edit.setCursorPosition(0)
        reason = "" if v is not None else (m.reason(nid) or "incomplete")
        self.value_reason.setText(f"No value yet: {reason}" if reason else "")
        self._set_row_visible(self.value_reason, bool(reason))

        self._set_row_visible(self.role_box, is_leaf)
        if is_leaf:
            self.role_box.show_role(is_trainable(m, nid))

        has_k = op_name == "pow"
        self._set_row_visible(self.exponent_edit, has_k)
        if has_k:
            self._set_text(self.exponent_edit, fmt_full(a.get("exponent", 2.0)))
        if not has_k:
            self._clear_error(self.exponent_error)

        self._refresh_grad()

        self.inputs_label.setText(node_rows.inputs_html(m, nid, self._link))
        self._set_row_visible(self.inputs_label, not is_leaf)  # (a leaf has none: room for its Role)
        self.consumers_label.setText(node_rows.consumers_html(m, nid, self._link))

        note = m.nonfinite_reason(nid) if v is not None else None
        self.note_label.setText(note or "")
        self._set_row_visible(self.note_label, bool(note))

    def _refresh_grad(self) -> None:
        nid = self._node
        if nid is None or nid not in self._model:
            return
        item = self._scene.node_item(nid)
        g = item.grad if item is not None else None
        # what the canvas shows: in forward mode a tangent, d(node)/d(leaf), not
        # the gradient (a trial's e read "Gradient −3.0", its de/da; dL/de is −2)
        name = item.grad_name if item is not None and self._scene.pass_shown() else "grad"
        row = "Gradient" if name == "grad" else f"Tangent {name}"
        tip = ""
        if g is not None:
            # what the canvas shows now (the pass may be half way), in 15 digits as a computed
            # value is: −1.4999999999999993 is −1.5 in every other text (t72 #8)
            text = node_rows.computed_text(g)
            if text != fmt_full(g):
                tip = f"In float64 exactly {fmt_full(g)}: rounding in the arithmetic (to 15 digits: {text})"
        elif self._scene.pass_shown() and item is not None and item.highlight == DIM:
            text = (
                f"0 (it does not depend on {name.removeprefix('d/d')})"
                if name != "grad"
                else "0 (the root does not depend on it)"
            )
        elif self._scene.pass_shown():
            text = "not reached yet"
        else:
            text = "— (run Backward)"
        if self.grad_label.text() != text:
            self.grad_label.setText(text)
        if self.grad_label.toolTip() != tip:
            self.grad_label.setToolTip(tip)
        if self.grad_row.text() != row:
            self.grad_row.setText(row)
        slope = self._slope(nid, g) if name == "grad" else ""
        if self.slope_label.text() != slope:
            self.slope_label.setText(slope)
        self._set_row_visible(self.slope_label, bool(slope))

    def _slope(self, nid: str, g: float | None) -> str:
        """The gradient of ``nid`` (``g``, as shown) as the slope of the pass's root, "" if none."""
        p, at = self._document.backward_pass, self._document.pass_position
        if not isinstance(p, BackwardResult) or (at is not None and at < len(p.order)):
            return ""  # (half way a gradient may still grow: the slope once the pass is done)
        m, root, v = self._model, p.root, self._model.value(nid)
        if g is None or root == nid or root not in m or v is None:
            return ""
        return "= " + meaning(m, names_of(m), root, nid, g)  # ("a (id a)"; y nan: no slope, trial 69)

    def _link(self, nid: str) -> str:
        shown = node_rows.breakable(html.escape(self._model.label(nid)))
        return f"<a href='node:{html.escape(nid)}'>{shown}</a>"

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
        # (the node may be gone by now: several undos at once, its field still focused)
        if nid is None or m is None or nid not in m or not self.label_edit.isModified():
            return
        self.label_edit.setModified(False)
        # (a = 2 names and values a leaf in one step, as the canvas's name box takes it: t71)
        if self._editor.set_name(nid, self.label_edit.text()):  # (says so when the name is taken)
            self.refresh()

    def _commit_op(self, op: str) -> None:
        if self._node is not None and self._node in self._model and self._model.op(self._node) != "leaf":
            self._editor.change_op(self._node, op)

    def _commit_role(self, trainable: bool) -> None:
        if self._node is not None and self._node in self._model and self._model.op(self._node) == "leaf":
            self._editor.set_role(self._node, trainable)

    def _commit_value(self) -> None:
        self._commit_number("value", "leaf", self.value_edit, self.value_error)

    def _say_computed(self) -> None:
        """A key typed into a computed node's value: say why nothing changes (trial 54: silence)."""
        nid = self._node
        if nid is not None and nid in self._model:
            name = self._model.label(nid)
            self._editor.say(
                f"The value of {name} is computed from its inputs: edit a leaf it depends on to change it"
            )

    def _commit_exponent(self) -> None:
        self._commit_number("exponent", "pow", self.exponent_edit, self.exponent_error)

    def _commit_number(self, what: str, op: str, edit: QLineEdit, error: QLabel) -> None:
        nid, m = self._node, self._model
        if nid is None or m is None or nid not in m or m.op(nid) != op:
            return
        if not edit.isModified():
            self.refresh()
            return
        old = m.node(nid)[what]
        edit.setModified(False)
        result = self._editor.commit_number(nid, what, edit.text())
        if result.bad_text:
            self._show_error(
                error, f"Not changed: {result.error}. The {what} of {m.label(nid)} stays {fmt_full(old)}."
            )
            edit.setText(fmt_full(old))
            edit.selectAll()
            return
        self._clear_error(error)
        if not result.ok:  # the model refused it: say why, keep the old value
            self._show_error(error, f"Not changed: {result.error}")
        edit.setText(fmt_full(m.node(nid)[what]))
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
