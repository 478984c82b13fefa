"""The line edit laid over a card while its value, label or exponent is typed."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gui.common import style as S


class EditorHost(Protocol):
    """Who opened the editor: applies its text and closes it."""

    def commit_editor(self, ed: InlineEditor) -> bool: ...

    def close_editor(self) -> None: ...

    def tab_from_editor(self, ed: InlineEditor) -> None: ...


class InlineEditor(QLineEdit):
    """The line edit shown over a card while its value/label/exponent is typed."""

    def __init__(self, host: EditorHost, node_id: str, what: str) -> None:
        super().__init__()
        self._host, self.node_id, self.what = host, node_id, what
        self.closing = False
        self.setObjectName(f"inline_{what}_editor")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrame(False)
        self.setStyleSheet(
            f"QLineEdit {{ background: white; border: 2px solid {S.SELECT.name()};"
            " border-radius: 4px; font-size: 13px; padding: 0 2px; }"
        )
        self.returnPressed.connect(self._commit)

    def _commit(self) -> None:
        if not self.closing:
            self._host.commit_editor(self)

    def mark_bad(self) -> None:
        self.setStyleSheet(
            f"QLineEdit {{ background: #fff1f1; border: 2px solid {S.BAD.name()};"
            " border-radius: 4px; font-size: 13px; padding: 0 2px; }"
        )
        self.selectAll()

    def event(self, event) -> bool:
        # Tab would move the focus away (closing the box); the host applies it and goes on
        if event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Tab and not self.closing:
            self._host.tab_from_editor(self)
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closing = True
            self._host.close_editor()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if not self.closing and event.reason() != Qt.FocusReason.PopupFocusReason:
            # leaving the editor applies a good entry and drops a bad one
            if not self._host.commit_editor(self):
                self.closing = True
                self._host.close_editor()
