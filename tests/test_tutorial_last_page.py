"""The tutorial's last page fits (trial 75 #6): at 1280 × 800, with Train
open after the training step, "That's the tour" showed its title and one
line of its text ("…and trained" cut mid-sentence), the rest to be scrolled
to. The last page's words are what it says: the panel keeps them whole."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from test_tutorial_gui import click, open_tutorial, run_backward_to_the_end, settle, title
from window_helpers import Button, answers, tmp_settings, trigger, window  # noqa: F401


def test_thats_the_tour_shows_its_whole_text_beside_train(qtbot, window, answers):
    w = window
    w.resize(1280, 800)
    settle()
    open_tutorial(qtbot, w)
    panel = w.tutorial.panel
    while w.tutorial.progress.index < 7:  # the building steps skipped
        click(qtbot, panel.next_button)
        settle()
    answers.save_changes = Button.Discard
    click(qtbot, panel.action_button)  # "Open b = a + a"
    settle()
    run_backward_to_the_end(qtbot, w)
    assert title(w) == "Bring in a neuron"
    QTimer.singleShot(50, lambda: QApplication.activeModalWidget().accept())
    trigger(w, "learn_insert_neuron")  # Learn › Insert Neuron…
    settle()
    trigger(w, "learn_train")
    train = w.learning.train
    train.steps.setValue(1)
    click(qtbot, train.start_button)
    qtbot.waitUntil(lambda: not train.running, timeout=5000)
    settle()
    qtbot.wait(300)
    settle()
    assert title(w) == "That's the tour" and w.learning.dock_train.isVisible()
    view = panel.scroll_area.viewport()
    text = panel.text
    top = text.mapTo(view, text.rect().topLeft()).y()
    bottom = text.mapTo(view, text.rect().bottomLeft()).y()
    assert top >= 0 and bottom <= view.height(), (top, bottom, view.height())  # every line in view
    assert text.height() >= text.heightForWidth(text.width())
    assert panel.close_button.isVisible()
