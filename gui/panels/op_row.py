"""The Properties panel's Operation row: an operation node's operation, to
change in place (t75 #8: Subtract picked for Add meant delete, add, wire and
rename again). Picking another one is the canvas's Change Operation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from core.autograd import ops


class OpBox(QComboBox):
    """An operation node's operation; ``chosen(op)`` when the user picks another."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("properties_op")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # (narrower than its names: at Presentation Mode's 1.5× text eight made the panel scroll)
        self.setMinimumContentsLength(5)
        self.setToolTip(
            "Pick another operation: the node keeps its name, place and the wires its new\n"
            "inputs take (a one-input operation keeps in₁'s). Ctrl+Z changes it back."
        )
        self.activated.connect(lambda i: self.chosen.emit(self.itemData(i)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel scrolls the panel unless the box has the focus (one notch
        while scrolling Properties would change the node's operation)."""
        if not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)

    def show_op(self, op: str) -> None:
        """Show the model's operation (no signal: only a pick by the user is an edit)."""
        names = [n for n in ops.OPS if n != "leaf"]  # (custom operations too, as the graph has them)
        if [self.itemData(i) for i in range(self.count())] != names:
            self.clear()
            for n in names:
                t, sym = ops.OPS[n].title, ops.OPS[n].symbol
                self.addItem(t if sym.lower() == t.lower() else f"{t} ({sym})", n)  # (not "ReLU (ReLU)")
        self.setCurrentIndex(max(0, self.findData(op)))
