"""The tutorial's welcome page, offered at the first launch, steps aside
once the learner starts building without it, and says so briefly (trial 43
#12: docked until "Not now", it squeezed Properties, which then scrolled and
cut its Inputs row; through a pass the status bar said "The tutorial's
welcome page made room for the pass…" from start to finish, in place of the
usual hints)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea
from test_tutorial_gui import drop, settle
from window_helpers import answers, click_item, tmp_settings, trigger  # noqa: F401

from gui import app as gui_app
from gui.tutorial.feature import WELCOME_ASIDE


def first_launch(qtbot):
    """The app started for the first time, at the trial's 1600 × 1000."""
    w = gui_app.create_window([])
    qtbot.addWidget(w, before_close_func=lambda w: w.undo_stack.setClean())
    w.showNormal()
    w.resize(1600, 1000)
    qtbot.waitExposed(w)
    qtbot.wait(1700)  # the welcome page fitted (the tutorial's FIT_MS)
    settle()
    assert w.tutorial.dock.isVisible() and not w.tutorial.started
    return w


def test_the_first_node_built_puts_the_welcome_away_and_properties_shows_whole(qtbot):
    w = first_launch(qtbot)
    nid = drop(w, "mul", 150.0, -250.0)  # Multiply from the Palette, as the trial built its graph
    settle()
    assert not w.tutorial.dock.isVisible()
    assert w.status_text() == WELCOME_ASIDE
    click_item(qtbot, w, w.scene.node_item(nid))
    settle()
    scroll = w.properties.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() == 0, timeout=2000)  # its Inputs row in view
    # Help › Tutorial shows it again, and it stays while the learner reads it
    w.tutorial.action.trigger()
    settle()
    assert w.tutorial.dock.isVisible()


def test_opening_the_graph_only_leaves_the_welcome_where_it_is(qtbot):
    w = first_launch(qtbot)
    click_item(qtbot, w, w.scene.node_item(next(iter(w.model.nodes()))))  # looking is not building
    settle()
    assert w.tutorial.dock.isVisible()


def test_the_aside_is_a_passing_note_not_the_status_through_a_pass(qtbot):
    w = first_launch(qtbot)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    settle()
    assert not w.tutorial.dock.isVisible()
    assert w.status_text() == WELCOME_ASIDE
    # a few seconds on, with the pass still on screen, the status bar has its usual hints back
    qtbot.waitUntil(lambda: w.status_text() != WELCOME_ASIDE, timeout=6000)
    assert w.backward.animator.active
    click_item(qtbot, w, w.scene.node_item(next(iter(w.model.nodes()))))
    settle()
    assert "selected" in w.status_text()


def test_the_aside_does_not_hide_what_the_edit_itself_said(qtbot):
    """A trial: after Import Code the status bar said only the welcome page's
    note, never the import's summary (what was skipped, which is the output)."""
    w = first_launch(qtbot)
    # a and b are the lecture's, on the canvas: the values table asks, Enter keeps them
    QTimer.singleShot(50, lambda: QApplication.activeModalWidget().accept())
    assert w.add_code is not None and w.add_code("y = a * b\nprint(y)\n") is not None
    settle()
    qtbot.wait(50)
    assert not w.tutorial.dock.isVisible()  # it stepped aside, as for any edit
    said = w.status_text()
    assert said != WELCOME_ASIDE and "print" in said, said


def test_a_quiz_takes_the_column_as_a_pass_does(qtbot):
    """A trial: in Quiz Mode the welcome page stayed, half the right column."""
    w = first_launch(qtbot)
    trigger(w, "learn_quiz")  # Learn › Quiz Mode
    settle()
    assert w.learning.quiz.active and not w.tutorial.dock.isVisible()


def test_select_all_and_delete_says_what_it_deleted_not_the_aside(qtbot):
    """A trial: Ctrl+A, Delete on the start-up example; the status bar said the welcome
    page's note in place of "Deleted 7 nodes" (said before the edit the note followed)."""
    w = first_launch(qtbot)
    n = len(w.model)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    settle()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    settle()
    qtbot.wait(50)
    assert len(w.model) == 0 and not w.tutorial.dock.isVisible()  # (it stepped aside all the same)
    assert w.status_text().startswith(f"Deleted {n} nodes"), w.status_text()
