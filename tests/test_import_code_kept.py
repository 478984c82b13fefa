"""File › Import Code…: what was typed in the box survives Esc and Cancel
(trial 69 #9: a student pressed Esc to look at the canvas, and the code
typed was gone when the box opened again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.code.dialogs import KEPT

TYPED = "q = Value(4.0, label='q')"


def reopen(qtbot, w):
    """Ctrl+Shift+I again, once the window has the keys back (offscreen it
    does not get them back by itself when a dialog closes)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    return open_import_dialog(qtbot, w)


def test_esc_keeps_the_typed_code_for_the_next_opening(qtbot, window):
    w = window
    dlg = open_import_dialog(qtbot, w)
    assert not dlg.findChild(QLabel, "import_code_kept").isVisible()  # nothing kept yet
    type_code(qtbot, dlg, TYPED)
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert len(w.model) == 0
    again = reopen(qtbot, w)
    assert again is not dlg and again.editor.toPlainText() == TYPED
    note = again.findChild(QLabel, "import_code_kept")
    assert note.isVisible() and note.text() == KEPT
    assert again.editor.textCursor().position() == len(TYPED)  # typing goes on at its end
    qtbot.mouseClick(again.ok, LEFT)  # added: the next opening starts empty
    QApplication.processEvents()
    assert not again.isVisible() and [w.model.label(n) for n in w.model.nodes()] == ["q"]
    third = reopen(qtbot, w)
    assert third.editor.toPlainText() == ""
    assert not third.findChild(QLabel, "import_code_kept").isVisible()


def test_cancel_keeps_it_too_and_clearing_the_box_hides_the_note(qtbot, window):
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, "a = 2.0\nb = a * 3")
    cancel = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, LEFT)
    again = reopen(qtbot, w)
    assert again.editor.toPlainText() == "a = 2.0\nb = a * 3"
    note = again.findChild(QLabel, "import_code_kept")
    assert note.isVisible()
    qtbot.keyClick(again.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(again.editor, Qt.Key.Key_Delete)
    assert again.editor.toPlainText() == "" and not note.isVisible()
    qtbot.keyClick(again.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert reopen(qtbot, w).editor.toPlainText() == ""  # an empty box kept is empty
