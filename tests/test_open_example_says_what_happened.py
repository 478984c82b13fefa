"""Opening a What If example over unsaved changes says what the answer to
"Save the changes?" did (trial 75 #4: after Discard the status bar said
"your graph is as you left it", the changes gone). Driven as a user: the
f(x) bar for the edit, the Learn menu, the panel's button, the question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import Button, answers, menu_action, tmp_settings, trigger, type_formula, window  # noqa: F401


def edit_then_open_the_what_if_example(qtbot, w) -> None:
    menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()
    type_formula(qtbot, w, "M = L * 2")
    assert w.is_modified()
    trigger(w, "learn_whatif_assign")
    button = w.learning.whatif.demo_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert "What If example" in w.windowTitle()


@pytest.mark.parametrize("choice", ["discard", "save"])
def test_the_status_says_what_became_of_the_changes(qtbot, window, answers, tmp_path, choice):
    w = window
    answers.save_changes = Button.Discard if choice == "discard" else Button.Save
    answers.save_path = str(tmp_path / "mine.mgraph")
    edit_then_open_the_what_if_example(qtbot, w)
    said = w.status_text()
    assert said.startswith("Opened b = a + a (What If example); "), said
    assert "as you left it" not in said
    if choice == "discard":
        assert "your unsaved changes were discarded" in said, said
        assert not (tmp_path / "mine.mgraph").exists()
    else:
        assert "your changes are saved in mine.mgraph" in said, said
        assert "M" in (tmp_path / "mine.mgraph").read_text("utf-8")


def test_with_no_changes_the_graph_is_as_left(qtbot, window, answers):
    w = window
    menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()
    trigger(w, "learn_whatif_assign")
    qtbot.mouseClick(w.learning.whatif.demo_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert "your graph is as you left it" in w.status_text()  # (nothing was asked)
