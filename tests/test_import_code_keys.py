"""File › Import Code… with the keys alone (trial 72 #11): Tab from the box
went straight to Cancel, and after Alt+O had opened a file the keys stayed
there, so Enter cancelled the import. Tab now goes from the box to the main
choices, the default ("Add to Graph") first, then Open File…, Insert Example
and Cancel; a file opened leaves the keys on the default, so Enter adds it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from test_window_files import edit_a, open_blog_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _dialog(qtbot, w):
    trigger(w, "import_code")  # File › Import Code… (Ctrl+Shift+I)
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.activateWindow()
    dlg.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.editor, timeout=2000)
    return dlg


def _open_file(dlg) -> QPushButton:
    return dlg.findChild(QPushButton, "import_code_open")


def _cancel(dlg) -> QPushButton:
    return dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)


def _tab(qtbot, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, mods)
    return QApplication.focusWidget()


def test_tab_goes_from_the_box_to_the_main_choices_the_default_first_then_the_others(qtbot, window):
    w = window
    open_blog_example(w)  # as opened: Open as New Graph the default, Add to Graph beside it
    dlg = _dialog(qtbot, w)
    assert dlg.new_graph.isDefault()
    assert [_tab(qtbot) for _ in range(2)] == [dlg.new_graph, dlg.ok]
    dlg.reject()
    edit_a(w)  # a graph of the user's now: Add to Graph the default
    dlg = _dialog(qtbot, w)
    assert dlg.new_graph.isVisible() and dlg.ok.isDefault()
    stops = [_tab(qtbot) for _ in range(6)]
    assert stops == [dlg.ok, dlg.new_graph, _open_file(dlg), dlg.example_button, _cancel(dlg), dlg.editor], [
        s.objectName() or s.text() for s in stops
    ]
    assert _tab(qtbot, SHIFT) is _cancel(dlg)  # and Shift+Tab back the same way
    assert _tab(qtbot, SHIFT) is dlg.example_button
    dlg.reject()


def test_with_no_graph_open_tab_goes_to_add_then_open_file(qtbot, window):
    w = window
    trigger(w, "new")  # File › New: an empty graph, nothing but Add offered
    dlg = _dialog(qtbot, w)
    assert not dlg.new_graph.isVisible() and dlg.ok.isDefault()
    assert [_tab(qtbot) for _ in range(4)] == [dlg.ok, _open_file(dlg), dlg.example_button, _cancel(dlg)]
    dlg.reject()


def test_a_file_opened_with_alt_o_after_tab_is_added_by_enter(qtbot, window, tmp_path):
    w = window
    open_blog_example(w)
    code = tmp_path / "f.py"
    text = "x = Value(2.0, label='x')\ny = x**3\n"  # (values given: no table of them asked for)
    code.write_text(text)
    w.code_tools.ask_code_path = lambda: str(code)  # the file dialog's answer
    edit_a(w)  # (the trial's graph was built by hand: Add to Graph the default)
    before = len(w.model)
    dlg = _dialog(qtbot, w)
    while QApplication.focusWidget() is not _cancel(dlg):  # Tab round to Cancel, as the trial did
        _tab(qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, ALT)  # Open File…
    qtbot.waitUntil(lambda: dlg.editor.toPlainText() == text, timeout=2000)
    assert QApplication.focusWidget() is dlg.ok  # the keys on Add to Graph, not left on Cancel
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=2000)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert len(w.model) > before  # added, not cancelled
