"""Trial 51 #14: mid-quiz, File › Open of another graph ended Quiz Mode
without a word; the Quiz panel stayed with a greyed field and a greyed
"Start again", and nothing said how to play again. Now the status line says
so after what opening said, the panel says why, and its button ("Start the
Quiz") turns Quiz Mode on for the new graph. Driven as a user: the Learn
menu, typing answers, File › Open, the panel's button."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from gui.common.resources import EXAMPLES


def test_opening_a_graph_mid_quiz_says_the_quiz_ended_and_offers_to_start_again(
    qtbot, window, answers, tmp_path
):
    w = window
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    assert p.active
    p.answer.setFocus()
    qtbot.keyClicks(p.answer, "1")  # o.grad
    qtbot.keyClick(p.answer, Qt.Key.Key_Return)
    assert len(p.quiz.answers) == 1
    path = tmp_path / "mine.mgraph"
    shutil.copy(EXAMPLES / "blog_L.mgraph", path)
    answers.open_path = str(path)
    trigger(w, "open")
    qtbot.waitUntil(lambda: "Quiz ended" in w.status_text(), timeout=2000)
    said = w.status_text()
    assert said.startswith(f"Opened {path}") and said.endswith("Quiz ended: another graph was opened"), said
    assert not p.active and "Quiz ended: another graph was opened" in p.question.text()
    # the panel's button is not greyed out: it turns Quiz Mode on again, on the new graph
    b = p.restart_button
    assert b.isEnabled() and b.text() == "Start the Quiz"
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert p.active and menu_action(w.menus["learn"], "learn_quiz").isChecked()
    assert p.quiz.current == w.model.output and p.answer.isEnabled()
    assert b.text() == "Start again"
    trigger(w, "learn_quiz")  # off: the button still starts it
    assert not p.active and b.isEnabled() and b.text() == "Start the Quiz"
