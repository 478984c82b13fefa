"""A teacher's 1366×768 screen (trial 70 #11): the f(x) bar's dialogs had
their titles cut by the window manager, "Values for the new…  microgradstudio"
and "Name on the canvas… — …": each was sized by its contents only. A dialog
is now as wide as its title bar's words (the app's name after the title, in
bold, beside the window's icon and buttons). Driven as a user: typing in the
f(x) bar, Enter, the values table and the name question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from gui.code.dialogs import LeafValuesDialog
from gui.common.title_room import TITLE_ROOM, shown_title, title_width


@pytest.fixture
def app_name():
    """The app's name as the title bars write it (gui/app.py names it so)."""
    before = QApplication.applicationDisplayName()
    QApplication.setApplicationDisplayName("micrograd-studio")
    yield
    QApplication.setApplicationDisplayName(before)


def type_formula(qtbot, w, formula: str, answer: str = "") -> list[tuple[str, int, int]]:
    """Type ``formula`` in the f(x) bar and press Enter; each dialog that opens
    is answered (the values table with Enter, the name question with the
    button whose name ends with ``answer``). Each one's title as written, its
    width and the width its title needs."""
    seen: list[tuple[str, int, int]] = []

    def poll() -> None:
        dlg = QApplication.activeModalWidget()
        if isinstance(dlg, QDialog) and dlg.isVisible():
            seen.append((shown_title(dlg), dlg.width(), title_width(dlg)))
            if isinstance(dlg, LeafValuesDialog):
                qtbot.keyClick(dlg.table, Qt.Key.Key_Return)
            elif isinstance(dlg, QMessageBox):
                next(b for b in dlg.findChildren(QPushButton) if b.objectName().endswith(answer)).click()
        timer.start()

    timer = QTimer(w, singleShot=True, interval=50)
    timer.timeout.connect(poll)
    timer.start()
    e = w.findChild(QLineEdit, "expression_bar")
    e.setFocus()
    qtbot.keyClick(e, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(e, formula)
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()
    timer.stop()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    return seen


def test_the_formula_bars_questions_are_as_wide_as_their_titles(qtbot, window, app_name):
    w = window
    w.resize(1366, 768)
    trigger(w, "new")  # Ctrl+N
    seen = type_formula(qtbot, w, "y = x**2 + 3*x")
    assert [s[0] for s in seen] == ["Values for the new leaves — micrograd-studio"]
    seen += type_formula(qtbot, w, "z = y * x")  # (y and x on the canvas: Enter uses them)
    seen += type_formula(qtbot, w, "y = x - 1", answer="replace")
    titles = [s[0] for s in seen]
    assert "Name on the canvas already — micrograd-studio" in titles, titles
    for title, width, need in seen:
        assert need > TITLE_ROOM + 200  # (the words measured)
        assert width >= need, f"{title!r}: {width} px wide, its title needs {need}"
    assert w.model.label(w.model.output) == "z"  # (the replace went through)
