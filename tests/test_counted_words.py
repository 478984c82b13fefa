"""Counts of one in the window's words (core/explain/words.py): a trial read
"1 nodes"-style wording on a small graph; driven as a user gets there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_learning_gui import blog, click, click_node  # noqa: F401
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.explain.words import counted, the_counted


def test_counted_says_one_thing_or_many():
    assert counted(1, "node") == "1 node" and counted(2, "node") == "2 nodes"
    assert counted(0, "error") == "0 errors"
    assert counted(1, "leaf", "leaves") == "1 leaf" and counted(3, "leaf", "leaves") == "3 leaves"
    assert counted(50_000, "node", sep=",") == "50,000 nodes"
    assert the_counted(1, "leaf", "leaves") == "leaf" and the_counted(3, "leaf", "leaves") == "3 leaves"


def test_checking_one_selected_leaf_says_the_gradient_agrees(qtbot, blog):
    w = blog
    trigger(w, "learn_gradcheck")
    click_node(qtbot, w, "a")  # only the selected leaf is checked
    click(qtbot, w.learning.gradcheck.run_button)
    text = w.learning.gradcheck.summary.text()
    assert "✓ The gradient agrees (1 selected leaf," in text and "1 gradients" not in text


def test_a_one_step_backward_says_its_one_step_is_done(qtbot, window):
    w = window
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)  # Quick Add: a lone Value, 2
    qtbot.keyClicks(w.view._quick.edit, "2")
    qtbot.keyClick(w.view._quick.edit, Qt.Key.Key_Return)
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Escape)  # (its name and value entry: kept as it is)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    ctl = w.backward
    assert ctl.replay is not None and ctl.replay.last == 1 and ctl.animator.at_end
    status = ctl.order_panel.status.text()
    assert status.endswith("Finished: its one step done.") and "1 steps" not in status


def test_names_are_listed_as_a_sentence_lists_them():
    from core.explain.words import listed

    assert listed(["a"]) == "a"
    assert listed(["a", "b"]) == "a and b"
    assert listed(["a", "b", "c"]) == "a, b and c"
