"""A graph with no edits of its own whose file changed under it (trial 74 #1): another
version kept, a reload that failed, the file deleted. The graph on screen is then the
only good copy: it counts as unsaved (the title's *, Ctrl+Q asks, a recovery copy)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from test_window_file_safety import edit_on_disk, saved_graph
from window_helpers import Button, answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.window.file_questions import FileQuestions
from gui.window.main_window import MainWindow


@pytest.fixture
def real_boxes(monkeypatch):
    """The reload and save-changes questions as the real boxes a user clicks."""
    monkeypatch.setattr(MainWindow, "_ask_reload", FileQuestions._ask_reload)
    monkeypatch.setattr(MainWindow, "_ask_save_changes", FileQuestions._ask_save_changes)


def click_when_shown(window, name: str, press, seen: list[str]) -> None:
    """Once the box ``name`` shows, note its text and click ``press(box)``'s button."""

    def look() -> None:
        box = window.findChild(QMessageBox, name)
        if box is None or not box.isVisible():
            QTimer.singleShot(20, look)
            return
        seen.append(f"{box.text()}\n{box.informativeText()}")
        press(box).click()

    QTimer.singleShot(20, look)


def back_in(qtbot, window) -> None:
    """The window active again once a box closed (its shortcuts work there; offscreen
    nothing gives the focus back, as a window manager does)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def ctrl_q_asks(qtbot, window, why: str) -> None:
    """Ctrl+Q shows "save changes?" saying ``why``; Cancel keeps the window open."""
    back_in(qtbot, window)
    seen: list[str] = []
    click_when_shown(window, "unsaved_changes_box", lambda box: box.button(Button.Cancel), seen)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert "Save the changes to “g.mgraph”" in seen[0]
    assert f"“g.mgraph” {why}. If you don't save, the graph on screen is lost." in seen[0]
    back_in(qtbot, window)
    assert window.isVisible()


def copied_aside(window) -> bool:
    window.autosaver.writer.wait()
    return window.autosaver.graph_path.exists()


def test_keep_this_version_counts_as_unsaved(qtbot, window, real_boxes, tmp_path):
    p = saved_graph(tmp_path)
    window.open_path(p)
    assert not window.isWindowModified()
    seen: list[str] = []
    click_when_shown(window, "reload_box", lambda b: b.findChild(QPushButton, "reload_box_keep"), seen)
    edit_on_disk(p, 9.0)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    QApplication.processEvents()
    assert window.model.node("a")["value"] == 2.0
    assert window.isWindowModified() and copied_aside(window)
    assert "Kept your version" in window.status_text()
    ctrl_q_asks(qtbot, window, "on disk holds another version now (you kept this one)")
    assert fileio.load(p).node("a")["value"] == 9.0  # nothing written behind the user's back


def test_a_reload_that_fails_counts_as_unsaved(qtbot, window, answers, real_boxes, tmp_path):
    p = saved_graph(tmp_path)
    window.open_path(p)
    seen: list[str] = []
    click_when_shown(window, "reload_box", lambda b: b.findChild(QPushButton, "reload_box_reload"), seen)
    p.write_bytes(p.read_bytes()[:400])  # cut off
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=5000)
    assert answers.errors[0][0] == "Cannot reload"
    assert window.model.node("a")["value"] == 2.0
    assert window.isWindowModified() and copied_aside(window)
    ctrl_q_asks(qtbot, window, "on disk could not be read back (it is broken or cut off)")


def test_a_deleted_file_counts_as_unsaved(qtbot, window, real_boxes, tmp_path):
    p = saved_graph(tmp_path)
    window.open_path(p)
    p.unlink()
    qtbot.waitUntil(lambda: "deleted or moved" in window.status_text(), timeout=5000)
    assert window.isWindowModified() and copied_aside(window)
    ctrl_q_asks(qtbot, window, "was deleted or moved")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # writes it again
    assert fileio.load(p).node("a")["value"] == 2.0
    assert not window.isWindowModified() and not copied_aside(window)


def test_an_outside_change_taken_in_is_not_unsaved(qtbot, window, real_boxes, tmp_path):
    p = saved_graph(tmp_path)
    window.open_path(p)
    seen: list[str] = []
    click_when_shown(window, "reload_box", lambda b: b.findChild(QPushButton, "reload_box_reload"), seen)
    edit_on_disk(p, 6.0)
    qtbot.waitUntil(lambda: window.model.node("a")["value"] == 6.0, timeout=5000)
    assert not window.isWindowModified()
