"""Graph › New Operator…: a learner defines an operator by its formula and
writes its derivative; the derivative is graded against finite differences
before the operator is accepted (core/autograd/custom_ops.py).

Accepting installs it in the op table (so the palette, Quick Add, Backward,
forward mode and the gradient graph know it) and records it in the graph's
``custom_ops`` attribute as one undoable edit, so it is saved with the file.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.autograd import ops
from core.autograd.custom_ops import CustomOp, FormulaError, Verdict, grade, install
from core.files.file_check import CUSTOM_OPS
from gui.common.actions import make_action
from gui.editing import commands as C
from gui.host import Host

_GOOD, _BAD = "#15803d", "#b91c1c"


class NewOperatorDialog(QDialog):
    """Name, inputs, formula, derivatives; Check grades them; OK only accepts
    an operator whose derivatives agree with finite differences."""

    def __init__(self, parent: QWidget | None = None, in_use: set[str] | None = None) -> None:
        super().__init__(parent)
        #: the operators the open graph defines or uses: their names are taken
        self.in_use = in_use or set()
        self.setObjectName("new_operator_dialog")
        self.setWindowTitle("New Operator")
        self.name = QLineEdit("swish")
        self.name.setObjectName("new_op_name")
        self.arity = QComboBox()
        self.arity.setObjectName("new_op_arity")
        self.arity.addItems(["1 input: a", "2 inputs: a, b"])
        self.forward = QLineEdit("a*sigmoid(a)")
        self.forward.setObjectName("new_op_forward")
        self.d_a = QLineEdit()
        self.d_a.setObjectName("new_op_da")
        self.d_a.setPlaceholderText("its derivative with respect to a, e.g. sigmoid(a) + a*…")
        self.d_b = QLineEdit()
        self.d_b.setObjectName("new_op_db")
        self.d_b.setPlaceholderText("its derivative with respect to b")
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Inputs:", self.arity)
        self.f_label = QLabel()
        form.addRow(self.f_label, self.forward)
        self.da_label, self.db_label = QLabel(), QLabel()
        form.addRow(self.da_label, self.d_a)
        form.addRow(self.db_label, self.d_b)
        self.form = form
        help_text = QLabel(
            "Write formulas as in the formula bar: numbers, a (and b), + − * / ** (to a number), "
            "exp log tanh relu sigmoid. Your derivatives are checked against finite differences "
            "at several points before the operator is added."
        )
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #6b7280")
        self.verdict = QLabel()
        self.verdict.setObjectName("new_op_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("new_op_check")
        self.check_button.clicked.connect(self.check)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(help_text)
        lay.addLayout(form)
        lay.addWidget(self.verdict)
        lay.addWidget(buttons)
        for w in (self.name, self.forward, self.d_a, self.d_b):
            w.textChanged.connect(self._changed)
        self.arity.currentIndexChanged.connect(self._changed)
        self.defined: CustomOp | None = None
        self._changed()
        self.resize(620, self.sizeHint().height())

    def definition(self) -> CustomOp:
        n = self.arity.currentIndex() + 1
        ders = (self.d_a.text(),) if n == 1 else (self.d_a.text(), self.d_b.text())
        return CustomOp(self.name.text().strip(), n, self.forward.text(), ders)

    def _changed(self, *_args) -> None:
        two = self.arity.currentIndex() == 1
        name = self.name.text().strip() or "f"
        args = "a, b" if two else "a"
        self.f_label.setText(f"{name}({args}) =")
        self.da_label.setText(f"∂{name}/∂a =")
        self.db_label.setText(f"∂{name}/∂b =")
        self.form.setRowVisible(self.d_b, two)
        self.verdict.setText("")

    def check(self) -> Verdict | None:
        """Grade the derivatives; say what is wrong and where."""
        name = self.name.text().strip()
        if name in self.in_use:
            # (a monkey test: the same name again put a second definition under the nodes of
            # the first, their ports and values left as they were, and Undo kept the second;
            # a name the graph no longer has, after an Undo or File › New, is free again)
            self._say(f"“{name}” is an operator already: give this one another name", False)
            return None
        try:
            v = grade(self.definition())
        except FormulaError as e:
            self._say(str(e), False)
            return None
        self._say(("✓ " if v.ok else "✗ ") + v.message, v.ok)
        return v

    def _say(self, text: str, ok: bool) -> None:
        self.verdict.setText(f"<span style='color:{_GOOD if ok else _BAD}'>{html.escape(text)}</span>")

    def accept(self) -> None:
        v = self.check()
        if v is None or not v.ok:
            return  # stays open: the verdict says what to fix
        self.defined = self.definition()
        super().accept()


class NewOperator:
    """The Graph › New Operator… action of one window."""

    def __init__(self, window: Host) -> None:
        self.window = window
        self.action = make_action(
            window.dialog_parent(),
            "new_operator",
            "Ne&w Operator…",
            self.run,
            tip="Define an operator by its formula and write its derivative: "
            "it is checked, then added to the palette",
        )
        window.menu("graph").addAction(self.action)

    def run(self) -> bool:
        m = self.window.model
        defined = m.attrs.get(CUSTOM_OPS)
        defined = defined if isinstance(defined, list) else []
        in_use: set[str] = {str(d.get("name")) for d in defined if isinstance(d, dict)}
        in_use |= {m.op(n) for n in m.nodes()} - ops.BUILTIN_OPS
        dlg = NewOperatorDialog(self.window.dialog_parent(), in_use)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.defined is None:
            return False
        self.add(dlg.defined)
        return True

    def add(self, op: CustomOp) -> None:
        """Install ``op`` and record it in the graph (one undo step)."""
        install(op)
        m = self.window.model
        old = m.attrs.get(CUSTOM_OPS)
        defs = [d for d in (old if isinstance(old, list) else []) if d.get("name") != op.name]
        cmd = C.SetCommand(
            f"New operator {op.name}",
            lambda _k, v: m.set_graph_attr(CUSTOM_OPS, v),
            {None: (old, [*defs, op.to_json()])},
        )
        C.push(self.window.undo_stack, cmd)
        self.window.show_status(
            f"{op.name} is in the Palette and Quick Add (Tab): drag it onto the canvas. "
            "It is saved with the graph."
        )
