"""The Properties panel's Role row: whether Train and Nudge move a leaf.

A hand-made Value is a parameter unless marked otherwise, so a model's
inputs and targets were trained along with its weights (trial 49); the role
was only seen in Learn › Parameter and the Train panel, never beside the
leaf's value."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

#: The choices, in order: trainable first.
CHOICES = ("Param (trained)", "Data (held still)")  # (as the cards tag them; "const": a number of code)


class RoleBox(QComboBox):
    """A leaf's role; ``chosen(trainable)`` when the user picks the other one."""

    chosen = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("properties_role")
        self.addItems(CHOICES)
        # (as narrow as the panel: the longest choice's width made the panel scroll sideways)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setToolTip(
            "Param: a parameter; Learn › Train and Nudge change its value.\n"
            'Data: an input, a target or a constant of the code (tagged "const");\n'
            "training holds it still."
        )
        self.activated.connect(lambda i: self.chosen.emit(i == 0))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # (not by the wheel: see wheelEvent)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel scrolls the panel unless the box has the focus (a review:
        one notch while scrolling Properties marked a leaf as data)."""
        if not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)

    def show_role(self, trainable: bool) -> None:
        """Show the model's role (no signal: only a pick by the user is an edit)."""
        self.setCurrentIndex(0 if trainable else 1)
