"""The keys back to the canvas from the f(x) bar and the Code panel (trial 68
#4): Esc there gives them back, as the Find bar's Esc does, and F6 /
Shift+F6 go round the canvas, the f(x) bar and the open panels, so F fits
the view again instead of typing an "f"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.common.actions import shortcut_rows

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def _on_canvas(w) -> bool:
    f = QApplication.focusWidget()
    return f is w.view or (f is not None and w.view.isAncestorOf(f))


def _f_fits_the_view(qtbot, w) -> None:
    """F, pressed where the keys are now, fits the view (and types nothing)."""
    w.view.set_zoom(3.0)
    target = QApplication.focusWidget()
    qtbot.keyClick(target, Qt.Key.Key_F)
    assert w.view.zoom < 3.0, "F did not fit the view"


def test_escape_in_the_formula_bar_gives_the_keys_to_the_canvas(qtbot, window):
    w = window
    qtbot.keyClick(w.view, Qt.Key.Key_E, CTRL)  # Graph › Type a Formula
    bar = w.findChild(QLineEdit, "expression_bar")
    _focus(qtbot, bar)
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)
    assert bar.text() == ""


def test_escape_in_the_code_panel_gives_the_keys_to_the_canvas(qtbot, window):
    w = window
    w.code_panel.focus()
    editor = w.code_panel.editor
    _focus(qtbot, editor)
    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)
    assert editor.toPlainText() == before
    assert not w.code_panel.dirty


def test_f6_goes_round_the_panes_and_back_to_the_canvas(qtbot, window):
    w = window
    w.code_panel.focus()
    _focus(qtbot, w.code_panel.editor)
    bar = w.findChild(QLineEdit, "expression_bar")
    seen = []
    for _ in range(30):  # round every pane, back to the canvas
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
        if _on_canvas(w):
            break
    assert _on_canvas(w), "F6 never reached the canvas"
    _f_fits_the_view(qtbot, w)
    # from the canvas: the f(x) bar next, and Shift+F6 back to the canvas
    qtbot.keyClick(w.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is bar
    qtbot.keyClick(bar, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert _on_canvas(w)
    # and F6 from the canvas round to the Code panel's editor
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        if QApplication.focusWidget() is w.code_panel.editor or _on_canvas(w):
            break
    assert QApplication.focusWidget() is w.code_panel.editor


def test_the_shortcuts_dialog_lists_the_pane_keys(window):
    rows = {(action, keys) for _menu, action, keys in shortcut_rows(window)}
    assert ("Next Pane", "F6") in rows
    assert ("Previous Pane", "Shift+F6") in rows
