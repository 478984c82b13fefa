"""The Code panel's widgets: a line saying whether the code and the canvas
are in step, the code, the error (line and column), Revert and Apply.

It knows nothing of the graph; :mod:`gui.code.code_sync` fills it and acts
on its buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gui.code.code_editor import CodeEditor

#: The panel's width when it is opened (px).
WIDTH = 340
#: state -> (what the line says, its colours)
STATES = {
    "synced": (
        "In step with the canvas. Edit the code, then <b>Apply</b> (Ctrl+Enter).",
        "background: #eef2f7; color: #374151;",
    ),
    "empty": (
        "The canvas is empty. Type code, e.g. <code>L = (a*b + c) * f</code>, then <b>Apply</b>.",
        "background: #eef2f7; color: #374151;",
    ),
    "edited": (
        "<b>Edited, not applied.</b> Apply (Ctrl+Enter) updates the canvas; Revert drops your edits. "
        "Until then the canvas does not rewrite this code.",
        "background: #fff4d6; color: #6b4a00;",
    ),
    "stale": (
        "<b>The canvas changed while you were editing.</b> Apply makes the graph what this code says; "
        "Revert shows the canvas as code.",
        "background: #ffe2c7; color: #7a3300;",
    ),
}


class CodePanel(QWidget):
    """See the module docstring; ``state`` is one of :data:`STATES`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code_panel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        self.state_label = QLabel()
        self.state_label.setObjectName("code_state")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        # room for the longest message, so the code does not jump as it is edited
        self.state_label.setMinimumHeight(3 * self.state_label.fontMetrics().lineSpacing() + 10)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lay.addWidget(self.state_label)
        self.editor = CodeEditor(self)
        self.editor.setObjectName("code_editor")
        self.editor.setPlaceholderText("L = (a*b + c) * f")
        self.editor.setToolTip(
            "The graph as micrograd-style Python. Edit it and press Ctrl+Enter (or Apply):\n"
            "statements you did not change keep their node, place and label; one Undo takes it back.\n"
            "+ - * / ** and exp log tanh relu sigmoid; Value(2.0, label='a'); x.backward() sets the output."
        )
        lay.addWidget(self.editor, 1)
        self.error_label = QLabel()
        self.error_label.setObjectName("code_error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(
            "color: #b91c1c; background: #fdecec; border: 1px solid #f5c2c2;"
            " border-radius: 3px; padding: 4px;"
        )
        self.error_label.hide()
        lay.addWidget(self.error_label)
        row = QHBoxLayout()
        self.revert_button = QPushButton("Revert")
        self.revert_button.setObjectName("code_revert")
        self.revert_button.setToolTip("Drop your edits and show the canvas as code")
        self.apply_button = QPushButton("Apply  (Ctrl+Enter)")
        self.apply_button.setObjectName("code_apply")
        self.apply_button.setToolTip(
            "Update the canvas to what the code says: unchanged statements keep their nodes (one Undo step)"
        )
        self.apply_button.setDefault(True)
        self.apply_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.apply_button.setStyleSheet(
            "QPushButton { background: #2563eb; color: white; font-weight: bold; padding: 5px 12px;"
            " border-radius: 4px; border: 1px solid #1d4ed8; }"
            "QPushButton:disabled { background: #c7d2fe; color: #eef2ff; border-color: #c7d2fe; }"
            "QPushButton:hover:enabled { background: #1d4ed8; }"
        )
        row.addWidget(self.revert_button)
        row.addWidget(self.apply_button, 1)
        lay.addLayout(row)
        self.state = ""
        self.set_state("synced")

    def sizeHint(self) -> QSize:
        """Wide enough for a statement such as ``x1w1 = x1 * w1; x1w1.label = 'x1*w1'``."""
        return QSize(WIDTH, 400)

    def set_state(self, state: str) -> None:
        self.state = state
        text, style = STATES[state]
        self.state_label.setText(text)
        self.state_label.setStyleSheet(style + " padding: 4px; border-radius: 3px;")
        dirty = state in ("edited", "stale")
        self.apply_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setToolTip(message)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.editor.clear_error()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""
