"""The unsaved-changes box's buttons have Alt keys (trial 68 #9: Alt+D did
nothing; Discard took Tab then Space, and a Space typed at the wrong moment
pressed the focused Save): Alt+D discards, Alt+C cancels, Alt+S saves."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from window_helpers import answers, save_questions, tmp_settings, window  # noqa: F401

Button = QMessageBox.StandardButton
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def _edited(qtbot, w) -> None:
    bar = w.findChild(QLineEdit, "expression_bar")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(bar, "q = 2*3")
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.document.modified


def _answer_with(qtbot, key: Qt.Key, seen: list) -> None:
    """When the box shows: its buttons' texts noted, then Alt+``key`` pressed in it."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or QApplication.activeWindow() is not box:
            QTimer.singleShot(30, answer)  # (its keys reach it once it is the active window)
            return
        seen.append({b: box.button(b).text() for b in (Button.Save, Button.Discard, Button.Cancel)})
        qtbot.keyClick(box, key, ALT)

    QTimer.singleShot(30, answer)


def test_alt_d_discards_and_alt_c_cancels(qtbot, window, monkeypatch):
    save_questions(monkeypatch)  # the real box
    w = window
    _edited(qtbot, w)
    n = len(w.model)
    seen: list = []
    _answer_with(qtbot, Qt.Key.Key_C, seen)
    qtbot.keyClick(w.view, Qt.Key.Key_N, CTRL)  # File › New: asked
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    QApplication.processEvents()
    assert seen[0] == {Button.Save: "&Save", Button.Discard: "&Discard", Button.Cancel: "&Cancel"}
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    assert len(w.model) == n and w.document.modified  # cancelled: the graph stays
    _answer_with(qtbot, Qt.Key.Key_D, seen)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    qtbot.waitUntil(lambda: len(w.model) == 0, timeout=3000)  # discarded: a new, empty graph
    assert not w.document.modified
