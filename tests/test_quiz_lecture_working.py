"""The quiz as a student fresh from the lecture answers it (trial 51): an
answer worked out from the four digits the app shows (``1 - 0.7071**2``) is
right, the value said beside it as the app writes values; an expression's gradient is asked with
its brackets ("(e + 1).grad"); the card asked about is brought into view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from test_learning_gui import answer
from window_helpers import answers, open_file_at, tmp_settings, trigger, window  # noqa: F401

from core.learn.quiz import Quiz

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def in_view(w, node: str) -> bool:
    v = w.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    return seen.contains(w.scene.node_item(node).sceneBoundingRect())


def test_answers_from_the_digits_shown_are_right_and_the_value_is_said(qtbot, window):
    w = window
    assert w.open_path(EX / "neuron_tanh.mgraph")
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    answer(qtbot, p, "1")
    assert "what is n.grad" in p.question.text()
    answer(qtbot, p, "1 - 0.7071**2")  # the lecture's working, with o as the card shows it (0.50000959)
    said = p.feedback.text()
    # written as the app writes values (trial 75 #12: "exactly 0.4999999999999998" read as "not 0.5")
    assert said == "Question 2, n.grad: ✓ right to the digits shown: the gradient is 0.5", said
    assert p.quiz.score == 2
    answer(qtbot, p, "0.49")  # off in the second digit: wrong, as before
    assert "✗ you typed 0.49" in p.feedback.text() and p.quiz.score == 2


def test_a_decimal_comma_is_told_to_use_a_point_as_the_value_box_tells_it(qtbot, window):
    """Trial 75 #12: "-4,0" got "is not a number (e.g. -2, 0.5 or 2*-3)" where the
    leaf's value box says "use a decimal point"; the answer is kept to be typed again."""
    from core.explain.format import parse_number

    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    answer(qtbot, p, "1")  # L.grad
    assert "what is d.grad" in p.question.text()
    answer(qtbot, p, "-2,0")
    said = p.feedback.text()
    assert said == "Question 2, d.grad: '-2,0' is not a number (use a decimal point: -2.0)", said
    try:
        parse_number("-2,0")  # the value box's rule, in the same words
    except ValueError as e:
        assert said.endswith(str(e))
    assert p.quiz.score == 1 and "what is d.grad" in p.question.text()  # asked again
    qtbot.keyClicks(p.answer, "-2.0")  # (the typo selected: typing replaces it)
    answer(qtbot, p, "")
    assert p.feedback.text() == "Question 2, d.grad: ✓ right, −2" and p.quiz.score == 2
    answer(qtbot, p, "1,000")  # a thousand, maybe: not told it is 1.000
    assert "e.g. -2, 0.5 or 2*-3" in p.feedback.text()


def test_the_tolerance_forgives_four_digit_operands_not_a_wrong_answer():
    from core.files import fileio

    q = Quiz(fileio.load(EX / "neuron_exp.mgraph"))
    assert q.answer("1").correct and not q.answers[-1].rounded  # o.grad, exact
    den = q.answer("-4.828/(6.828*6.828)")  # (e + 1).grad as the Chain Rule prints its numbers
    assert den.correct and den.rounded and abs(den.expected - -0.10355339) < 1e-8
    assert not q.answer("0.1464 * 2").correct  # (e − 1).grad is 0.1464: doubled is wrong
    t = Quiz(fileio.load(EX / "neuron_tanh.mgraph"))
    t.answer("1")
    assert not t.answer("0.5004").correct  # off in the fourth digit shown (verify 51): not right


def test_the_question_brackets_an_expression_and_brings_its_card_into_view(qtbot, window):
    w = window
    open_file_at(qtbot, w, EX / "neuron_exp.mgraph", (1366, 768))
    w.view.set_zoom(1.5)
    w.view.centerOn(w.scene.node_item("x1"))  # the student looking at the inputs
    QApplication.processEvents()
    assert not in_view(w, "o") and not in_view(w, "den")
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    QApplication.processEvents()
    assert in_view(w, "o")
    answer(qtbot, p, "1")
    assert "what is (e + 1).grad, the derivative of o with respect to e + 1?" in p.question.text()
    assert in_view(w, "den")


def test_a_wrong_answers_explanation_brackets_an_expressions_gradient():
    """Verify 51: the ✗ explanation read "x1*w1 + x2*w2.grad = 1 × 0.5"."""
    from core.files import fileio

    m = fileio.load(EX / "neuron_tanh.mgraph")
    q = Quiz(m)
    s = next(n for n in q.order if m.label(n) == "x1*w1 + x2*w2")
    text = q.explain(s)
    assert text.startswith("(x1*w1 + x2*w2).grad = 1 × 0.5 = 0.5"), text


def test_a_graph_wholly_in_view_stays_where_it_is_for_the_whole_quiz(qtbot, window):
    """Trial 58: the blog's graph, wholly in view at 110 % as the app opens it, was scrolled to centre
    L for the first question (a, b and half of e off the left edge), and L was cut for the rest."""
    w = window
    open_file_at(qtbot, w, EX / "blog_L.mgraph", (1600, 1000))
    trigger(w, "learn_quiz")
    QApplication.processEvents()
    v = w.view
    whole = w.scene.graph_rect()
    # whole, with less room round it than Fit's margin (the trial's window, its panels as they were)
    v.set_zoom((v.viewport().width() - 30) / whole.width(), center=whole.center())
    QApplication.processEvents()
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    assert seen.contains(whole), "the quiz's panel left the graph whole"
    p = w.learning.quiz
    grads = {"L": "1", "d": "-2", "f": "4", "e": "-2", "c": "-2", "a": "6", "b": "-4"}  # the lecture's
    for _ in grads:
        node = p.question.text().split("what is ", 1)[1].split(".grad", 1)[0]
        answer(qtbot, p, grads[node])
        assert v.mapToScene(v.viewport().rect()).boundingRect() == seen, f"the view moved at {node}"
    assert p.quiz.done and p.quiz.score == 7


def test_a_card_off_the_edge_comes_into_view_with_the_cards_it_feeds(qtbot, window):
    """Zoomed in on the inputs, the question on o brings o in (as before), moved the least."""
    w = window
    open_file_at(qtbot, w, EX / "neuron_exp.mgraph", (1366, 768))
    w.view.set_zoom(1.5)
    w.view.centerOn(w.scene.node_item("x1"))
    QApplication.processEvents()
    trigger(w, "learn_quiz")
    QApplication.processEvents()
    assert in_view(w, "o")
    answer(qtbot, w.learning.quiz, "1")
    asked = w.learning.quiz.question.text()
    assert "(e + 1).grad" in asked and in_view(w, "den") and in_view(w, "o")  # den feeds o
