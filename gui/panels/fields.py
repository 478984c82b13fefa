"""The Properties panel's typed fields (label, value, exponent)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit

#: A computed node's value: the window's background, no white box to type in (trial 54: it looked
#: editable, a focus ring and a selection, and ignored what was typed).
COMPUTED_STYLE = (
    "QLineEdit { background: palette(window); color: palette(text); border: 1px solid palette(mid);"
    " border-radius: 2px; padding: 1px 2px; }"
)
#: The keys that move or select in a field, or copy from it: not typing.
_MODS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


class Field(QLineEdit):
    """A panel field: Enter or leaving the field commits; Escape puts back
    the model's value. With nothing typed since the last commit, Ctrl+Z and
    Ctrl+Shift+Z undo and redo the document, not the field's text. Made
    read-only (:meth:`set_computed`) it looks it, and a character typed
    into it is told (``typed_read_only``): the panel says why it is not taken."""

    typed_read_only = Signal()

    def set_computed(self, computed: bool) -> None:
        """Read-only and looking it (``computed``: a value worked out from inputs), else typed into."""
        self.setReadOnly(computed)
        self.setStyleSheet(COMPUTED_STYLE if computed else "")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus if computed else Qt.FocusPolicy.StrongFocus)

    def event(self, event) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and not self.isModified()
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or (
                    event.key() == Qt.Key.Key_Z
                    and event.modifiers()
                    == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
                )
            )
        ):
            event.ignore()  # leave it to the window's Undo / Redo
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isModified():
            self.setModified(False)
            self.editingFinished.emit()  # the panel re-reads the model
            self.clearFocus()
            return
        text = event.text()
        if self.isReadOnly() and text.strip() and text.isprintable() and not event.modifiers() & _MODS:
            self.typed_read_only.emit()
        super().keyPressEvent(event)
