"""Trial 71 #5: Gradient Check's table stayed open under the canvas while
Quiz Mode asked, its Analytic column reading a 6, b −4, c −2, f 4: the
quiz's answers. While the quiz asks, those columns are hidden and the panel
says why; they come back when the quiz is over or turned off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import open_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from gui.learning.gradcheck import QUIZ_NOTE

#: The lecture's gradients of L = (a*b + c)*f, by label.
GRADS = {"L": "1", "d": "-2", "f": "4", "e": "-2", "c": "-2", "a": "6", "b": "-4"}


def shown_cells(table) -> list[str]:
    """The table's texts a learner can see (hidden columns left out)."""
    return [
        table.item(r, c).text()
        for r in range(table.rowCount())
        for c in range(table.columnCount())
        if not table.isColumnHidden(c) and table.item(r, c) is not None
    ]


def test_quiz_mode_hides_gradient_checks_answers(qtbot, window, tmp_path):
    w = window
    w.resize(1600, 1000)
    w.show()
    open_example(w, "blog_L")
    trigger(w, "learn_gradcheck")  # Learn › Gradient Check…
    panel = w.learning.gradcheck
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)  # Check gradients
    QApplication.processEvents()
    table = panel.table
    assert panel.isVisible() and table.rowCount() == 4
    assert "6" in shown_cells(table) and "-4" in [t.replace("−", "-") for t in shown_cells(table)]

    trigger(w, "learn_quiz")  # Learn › Quiz Mode: asks L.grad, then the others
    quiz = w.learning.quiz
    assert quiz.active and panel.isVisible()
    cells = [t.replace("−", "-") for t in shown_cells(table)]
    assert not {"6", "-4", "-2", "4"} & set(cells), cells  # no answer in sight
    assert sorted(table.item(r, 0).text() for r in range(4)) == ["a", "b", "c", "f"]  # the leaves stay
    assert panel.quiz_note.isVisible() and panel.quiz_note.text() == QUIZ_NOTE
    w.grab().save(str(tmp_path / "quiz-gradcheck.png"))  # (looked at by hand)

    while quiz.quiz is not None and not quiz.quiz.done:  # answered as the learner does, one by one
        asked = w.model.label(quiz.quiz.current)
        qtbot.keyClicks(quiz.answer, GRADS[asked])
        qtbot.keyClick(quiz.answer, Qt.Key.Key_Return)
    assert quiz.question.text() == "Done! Final score: 7 / 7."
    assert not table.isColumnHidden(1) and not panel.quiz_note.isVisible()  # over: shown again
    assert "6" in shown_cells(table)

    trigger(w, "learn_quiz")  # off, and on again: hidden again; off: shown
    trigger(w, "learn_quiz")
    assert quiz.active and table.isColumnHidden(1) and table.isColumnHidden(2)
    trigger(w, "learn_quiz")
    assert not quiz.active and not table.isColumnHidden(1) and not table.isColumnHidden(2)
    assert not panel.quiz_note.isVisible()
