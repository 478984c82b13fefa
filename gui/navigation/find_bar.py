"""The find bar: a small strip over the top right of the canvas (not a
dialog, so the graph stays in sight and in reach). It only shows and
reports; what a search does is the controller's (finding.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

_STYLE = """
QFrame#find_bar { background: #ffffff; border: 1px solid #c5cad3; border-radius: 8px; }
QFrame#find_bar QLineEdit { border: 1px solid #c5cad3; border-radius: 5px; padding: 3px 6px;
    font-size: 13px; background: #ffffff; }
QFrame#find_bar QLineEdit[nomatch="true"] { border-color: #dc2626; background: #fdecec; }
QLabel#find_count { color: #4b5563; font-size: 12px; min-width: 64px; }
QLabel#find_count[nomatch="true"] { color: #b91c1c; }
QLabel#find_note { color: #7c2d12; font-size: 12px; }
QToolButton { border: none; border-radius: 4px; padding: 2px 5px; font-size: 13px; color: #374151; }
QToolButton:hover { background: #e9edf5; }
QToolButton:disabled { color: #b8bec9; }
QToolButton#find_open_group { border: 1px solid #fdba74; background: #fff7ed; color: #7c2d12;
    font-size: 12px; padding: 2px 8px; }
QToolButton#find_open_group:hover { background: #ffedd5; }
"""


#: the window's Undo/Redo keys (gui/window/commands.py), besides the platform's
_UNDO = (QKeySequence("Ctrl+Z"),)
_REDO = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


class FindBar(QFrame):
    """Text field, "3 of 12", previous/next, close; a second row when the
    current match is folded away inside a group, offering to open it.

    Keys in the text field: Enter next, Shift+Enter previous, Alt+Enter
    opens the group, Esc closes (the current match alone left selected, so
    Enter or F2 on the canvas edits it: trial 68), Ctrl+Enter closes with
    every match left selected (F3/Shift+F3 are the window's actions).
    Ctrl+Z / Ctrl+Y go back through what was done in time order, the typing
    and the graph's edits alike: the typing is undone only once the graph is
    back where it was when it was typed (verify 57: after Alt+Enter opened a
    group, Ctrl+Z emptied the field while the group stayed open; verify 58: a
    second Ctrl+Z then undid Insert MLP, skipping the typing done after it)."""

    text_edited = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    open_group_requested = Signal()
    #: the bar closed; True: with every match left selected (Ctrl+Enter), else the current one alone
    closed = Signal(bool)

    MARGIN = 10

    def __init__(self, view: QAbstractScrollArea) -> None:
        # a child of the view, not of its viewport: the viewport scrolls its children
        super().__init__(view)
        self.setObjectName("find_bar")
        self.setStyleSheet(_STYLE)
        self._view = view
        self.edit = QLineEdit(self)
        self.edit.setObjectName("find_text")
        self.edit.setPlaceholderText("Find a label or id")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(190)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self.text_edited.emit)
        #: where the graph's history stood when the text was last typed (None: not typed since opened)
        self._typed_at: int | None = None
        self._history: Callable[[], int] = lambda: 0
        self.edit.textEdited.connect(self._typed)
        self.count = QLabel(self)
        self.count.setObjectName("find_count")
        self.prev_button = self._button("find_previous", "▲", "Previous match (Shift+Enter, Shift+F3)")
        self.next_button = self._button("find_next", "▼", "Next match (Enter, F3)")
        self.close_button = self._button(
            "find_close", "✕", "Close, the current match selected (Esc); every match selected: Ctrl+Enter"
        )
        self.prev_button.clicked.connect(self.previous_requested.emit)
        self.next_button.clicked.connect(self.next_requested.emit)
        self.close_button.clicked.connect(lambda: self.close_bar())
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)

        self.note = QLabel(self)
        self.note.setObjectName("find_note")
        self.note.setWordWrap(True)
        self.open_button = self._button("find_open_group", "Open group  Alt+Enter", "")
        self.open_button.clicked.connect(self.open_group_requested.emit)
        self.note_row = QWidget(self)
        self._note_lay = note = QHBoxLayout(self.note_row)
        note.setContentsMargins(2, 0, 0, 0)
        note.setSpacing(6)
        note.addWidget(self.note, 1)
        note.addWidget(self.open_button)
        self.note_row.hide()

        self._lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 6, 6)
        lay.setSpacing(5)
        lay.addLayout(row)
        lay.addWidget(self.note_row)
        self.setFixedWidth(400)
        self.show_count(0, 0, "")
        view.viewport().installEventFilter(self)
        self.hide()

    def _button(self, name: str, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName(name)
        b.setText(text)
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field keeps the keys
        b.setCursor(Qt.CursorShape.PointingHandCursor)
        return b

    # ------------------------------------------------------------ showing
    def open_bar(self) -> None:
        """Show the bar with its text selected, ready to type over; its
        undo starts afresh (a search typed minutes ago is not brought back)."""
        with QSignalBlocker(self.edit):
            self.edit.setText(self.edit.text())  # (which clears the field's undo)
        self._typed_at = None
        self.show()
        self.raise_()
        self._place()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self, every_match: bool = False) -> None:
        """Hide the bar; ``every_match``: the matches stay selected, not only the current one."""
        if self.isVisible():
            self.hide()
            self.closed.emit(every_match)

    def text(self) -> str:
        return self.edit.text()

    def show_count(self, current: int, total: int, text: str) -> None:
        """ "3 of 12", "No match" (for a non-blank text), or nothing."""
        nomatch = bool(text.strip()) and total == 0
        if nomatch:
            self.count.setText("No match")
        elif total:
            self.count.setText(f"{current + 1:,} of {total:,}")
        else:
            self.count.setText("")
        for w in (self.count, self.edit):
            if w.property("nomatch") != nomatch:
                w.setProperty("nomatch", nomatch)
                w.style().unpolish(w)
                w.style().polish(w)
        self.prev_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)

    def show_note(self, text: str, can_open: bool) -> None:
        """A line under the text field ("inside the folded group …"); "" hides it."""
        self.note.setText(text)
        self.open_button.setVisible(can_open)
        self.note_row.setVisible(bool(text))
        self._place()

    def note_text(self) -> str:
        return self.note.text() if self.note_row.isVisible() else ""

    def _place(self) -> None:
        vp = self._view.viewport().geometry()
        width = max(220, min(400, vp.width() - 2 * self.MARGIN))
        self.setFixedWidth(width)
        # as tall as its note wraps at this width, its layouts told of a new note now, not when
        # their posted requests come (they kept the last note's height: a note of three lines
        # was cut at top and bottom, trial 59)
        self._note_lay.invalidate()
        self.note_row.updateGeometry()  # (the bar's layout asks it afresh, not its cached height)
        lay = self._lay
        lay.invalidate()
        lay.activate()
        self.setFixedHeight(
            lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        )
        self.move(vp.right() - self.width() - self.MARGIN + 1, vp.top() + self.MARGIN)

    def follow_history(self, index: Callable[[], int]) -> None:
        """``index``: where the graph's undo history stands (the document's undo stack)."""
        self._history = index

    def _typed(self, _text: str) -> None:
        self._typed_at = self._history()

    # ------------------------------------------------------------ keys
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress:
                return self._key(event)
            if event.type() == QEvent.Type.ShortcutOverride and self._graphs_key(event):
                event.ignore()  # (not taken by the field: the window's Undo/Redo shortcut runs)
                return True
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _graphs_key(self, event: QKeyEvent) -> bool:
        """Is this Undo/Redo the graph's rather than the field's?"""
        keys = QKeySequence(event.keyCombination())
        at, typed = self._history(), self._typed_at
        if event.matches(QKeySequence.StandardKey.Undo) or keys in _UNDO:
            return not (at == typed and self.edit.isUndoAvailable())
        if event.matches(QKeySequence.StandardKey.Redo) or keys in _REDO:
            return not (at == typed and self.edit.isRedoAvailable())
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ControlModifier:
                self.close_bar(every_match=True)
            elif mods & Qt.KeyboardModifier.AltModifier:
                self.open_group_requested.emit()
            elif mods & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return True
        if key == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        return False
