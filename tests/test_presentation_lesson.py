"""Trial 60: a teacher projecting a lesson at 1280×800 in Presentation Mode.
#4: the questions the class reads mid-lesson (Forward Mode's "which leaf?")
write as large as the panels; #8: while a pass is stepped, the status bar
says how to step it, not how to wire cards."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QInputDialog
from test_presentation_mode import CTRL_SHIFT, press, toggle_presentation
from test_window_files import open_blog_example
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401

from gui.window.main_window import MainWindow

BUILDING = "Drag from a node's output"


def ask_leaf(qtbot, w: MainWindow) -> tuple[int, int]:
    """Backward › Forward Mode… (Shift+F5): the leaf picker's text size and height, then Escape."""
    seen: list[tuple[int, int]] = []

    def answer() -> None:  # (once it is asked: the action asks after the key's event)
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog):
            timer.stop()
            seen.append((QFontInfo(box.font()).pixelSize(), box.height()))
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    timer = QTimer(interval=5)
    timer.timeout.connect(answer)
    timer.start()
    w.scene.clearSelection()
    # (Backward › Forward Mode…: Shift+F5 once a dialog closed finds no active window offscreen)
    menu_action(w.menus["backward"], "forward_mode").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen[0]


def test_the_leaf_picker_is_as_large_as_the_panels_while_presenting(qtbot, window):
    w = window
    w.resize(1280, 800)
    open_blog_example(w)
    usual, usual_h = ask_leaf(qtbot, w)
    presenting = menu_action(w.menus["view"], "presentation")  # (Ctrl+Shift+P: as ask_leaf says)
    presenting.trigger()
    assert presenting.isChecked()
    large, large_h = ask_leaf(qtbot, w)
    assert large >= round(usual * 1.4), (usual, large)
    assert large_h > usual_h  # laid out for its larger text
    presenting.trigger()
    assert ask_leaf(qtbot, w)[0] == usual  # off: as usual again


def test_while_a_pass_is_stepped_the_status_bar_says_how_to_step_it(qtbot, window):
    w = window
    w.resize(1280, 800)
    open_blog_example(w)
    toggle_presentation(qtbot, w)
    w.scene.clearSelection()
    w.status_line.end_message()  # ("Opened the example …", timed out)
    QApplication.processEvents()
    assert BUILDING in w.status_text()
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.scene.clearSelection()
    press(qtbot, w, Qt.Key.Key_Right)
    w.status_line.end_message()  # (a message of the step, timed out)
    QApplication.processEvents()
    text = w.status_text()
    assert BUILDING not in text and "→ next step" in text and "End" in text, text
    press(qtbot, w, Qt.Key.Key_End)
    w.status_line.end_message()
    QApplication.processEvents()
    assert "finished" in w.status_text() and BUILDING not in w.status_text(), w.status_text()
    press(qtbot, w, Qt.Key.Key_B, CTRL_SHIFT)  # Clear Gradients: building again
    w.status_line.end_message()
    QApplication.processEvents()
    assert BUILDING in w.status_text(), w.status_text()
