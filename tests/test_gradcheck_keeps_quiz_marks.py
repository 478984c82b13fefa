"""Review 71 #5: Check gradients pressed while Quiz Mode asked wiped the
quiz's marks (the overlay is shared): the quiz went on, but the ring around
the card it asked about (L) was gone. A check that finds nothing wrong now
clears only its own marks; the quiz's ring stays and the quiz goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import open_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401


def test_check_gradients_during_a_quiz_keeps_its_ring(qtbot, window, tmp_path):
    w = window
    w.resize(1600, 1000)
    w.show()
    open_example(w, "blog_L")
    trigger(w, "learn_quiz")  # Learn › Quiz Mode: asks L.grad first
    quiz = w.learning.quiz
    asked = quiz.quiz.current
    assert w.model.label(asked) == "L" and w.scene.node_item(asked).highlight == "current"

    trigger(w, "learn_gradcheck")  # Learn › Gradient Check…
    panel = w.learning.gradcheck
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)  # Check gradients
    qtbot.waitUntil(lambda: not panel.running and panel.result is not None, timeout=5000)
    QApplication.processEvents()
    assert not panel.result.failures  # nothing wrong: nothing of its own to mark
    assert quiz.active and quiz.quiz.current == asked
    assert w.scene.node_item(asked).highlight == "current"  # the question's ring is still there
    w.grab().save(str(tmp_path / "quiz-after-check.png"))  # (looked at by hand)

    qtbot.keyClicks(quiz.answer, "1")  # the quiz goes on as before: L.grad = 1
    qtbot.keyClick(quiz.answer, Qt.Key.Key_Return)
    nxt = quiz.quiz.current
    assert w.scene.node_item(asked).highlight == "done" and w.scene.node_item(nxt).highlight == "current"
