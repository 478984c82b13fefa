"""The Tutorial's ✓ line keeps its room on a step's page once it is gone,
so the step's button stays where the learner clicks it (a trial, 71 #10:
Step Back at the end of the pass hid "✓ Every gradient of L…", "Open
b = a + a" went up 30 px and the learner's click missed)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from test_tutorial_gui import click, open_tutorial, run_backward_to_the_end, settle, title
from window_helpers import answers, shown_window, tmp_settings, window  # noqa: F401

from gui.common import resources


def test_stepping_back_from_the_end_leaves_the_steps_button_in_place(qtbot, window):
    w = window
    shown_window(qtbot, w)
    assert w.open_example(resources.DEFAULT_EXAMPLE)  # the lecture's L graph
    settle()
    open_tutorial(qtbot, w)
    panel = w.tutorial.panel
    while title(w) != "Run Backward from L":
        click(qtbot, panel.next_button)  # Skip ›
    w.view.setFocus()
    run_backward_to_the_end(qtbot, w)
    qtbot.wait(1700)  # (the panel has fitted its page)
    settle()
    assert title(w) == "Open a graph that uses a node twice"
    assert panel.praise.text().startswith("✓ Every gradient of L")
    button = panel.action_button
    spot = button.mapTo(w, QPoint(0, 0))
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # Step Back: the pass is no longer at its end
    settle()
    assert not w.backward.animator.at_end
    assert title(w) == "Open a graph that uses a node twice" and "✓" not in panel.praise.text()
    assert button.isVisible() and button.mapTo(w, QPoint(0, 0)) == spot
    assert panel.title.mapTo(w, QPoint(0, 0)).y() < spot.y()
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # the ✓ back: still the same place
    settle()
    assert panel.praise.text().startswith("✓ Every gradient of L")
    assert button.mapTo(w, QPoint(0, 0)) == spot
