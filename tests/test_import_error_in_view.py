"""Import Code scrolls to every located error and marks it (trial 68 #9): the
lecture's export, its long comments wrapped in the box, was refused at "line
16, column 1" while the box stayed on lines 2-10, nothing underlined in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from test_import_code_nn import open_import_dialog
from window_helpers import answers, tmp_settings, window  # noqa: F401

LONG = "# " + " ".join(["a comment long enough to wrap in the box"] * 6)
CODE = "\n".join(
    [LONG] * 10
    + ["import random", "", "from micrograd_studio import Value", "", ""]
    + ["class Neuron:", "    def __init__(self, nin):", "        self.b = Value(1.0)", ""]
    + ["x = Value(1.0)"] * 30
)


def _marked_in_view(editor, line: int) -> bool:
    """The error's underline and the cursor on code line ``line``, in the box's view."""
    under = [s for s in editor.extraSelections() if s.cursor.hasSelection()]
    if not under or under[0].cursor.blockNumber() != line - 1:
        return False
    cur = editor.textCursor()
    if cur.blockNumber() != line - 1:
        return False
    shown = editor.viewport().rect()
    return shown.contains(editor.cursorRect(cur)) and shown.contains(editor.cursorRect(under[0].cursor))


def test_a_refusal_below_wrapped_lines_scrolls_there_and_is_underlined(qtbot, window):
    w = window
    dlg = open_import_dialog(qtbot, w)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=2000)
    QApplication.clipboard().setText(CODE)
    dlg.editor.setFocus()
    qtbot.keyClick(dlg.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # pasted
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # back to the top
    assert dlg.editor.verticalScrollBar().value() == 0
    assert dlg.editor.document().findBlockByNumber(15).text() == "class Neuron:"
    qtbot.keyClick(dlg.editor, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Add to Graph
    qtbot.waitUntil(dlg.error.isVisible, timeout=2000)  # (the button is clicked a moment later)
    assert dlg.isVisible() and len(w.model) == 0
    assert dlg.error.text().startswith("line 16, column 1: micrograd's nn, written out"), dlg.error.text()
    assert dlg.editor.error_at == (16, 1)
    assert _marked_in_view(dlg.editor, 16)
    assert dlg.editor.textCursor().block().text() == "class Neuron:"
    # an error further down, after the box was scrolled back to the top: there too
    text = CODE.replace("class Neuron:\n    def __init__(self, nin):\n        self.b = Value(1.0)\n", "")
    text += "\ny = x % 2\n"
    dlg.editor.setPlainText(text)
    dlg.editor.moveCursor(QTextCursor.MoveOperation.Start)
    dlg.error.hide()
    qtbot.keyClick(dlg.editor, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dlg.error.isVisible, timeout=2000)
    line = text.split("\n").index("y = x % 2") + 1
    assert dlg.error.text().startswith(f"line {line}, column "), dlg.error.text()
    assert _marked_in_view(dlg.editor, line)
