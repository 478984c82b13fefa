"""The Chain Rule panel in Quiz Mode (trial 44 #10): it said "Run Backward
to see how the gradient reaches this node" while Backward is refused in Quiz
Mode. It now says why there is no pass and how the node's gradient is made,
without its numbers; with Quiz Mode off, "Run Backward" again."""

from __future__ import annotations

from test_forward_mode_gui import open_example
from window_helpers import answers, click_item, tmp_settings, trigger, window  # noqa: F401

RUN = "Run Backward to see how the gradient reaches this node."


def chain_text(w) -> str:
    return w.backward.chain_panel.text()


def test_the_chain_rule_panel_says_something_true_in_quiz_mode(qtbot, window):
    w = window
    open_example(w, "blog_L")
    click_item(qtbot, w, w.scene.node_item("a"))
    qtbot.waitUntil(lambda: chain_text(w).startswith("a"), timeout=2000)
    assert RUN in chain_text(w)  # (no quiz: Backward is there to run)
    trigger(w, "learn_quiz")  # Learn › Quiz Mode
    assert w.learning.quiz.active
    qtbot.waitUntil(lambda: RUN not in chain_text(w), timeout=2000)  # the panel, as the quiz starts
    click_item(qtbot, w, w.scene.node_item("a"))  # the trial's click on a card mid-quiz
    qtbot.waitUntil(lambda: chain_text(w).startswith("a"), timeout=2000)
    text = chain_text(w)
    assert RUN not in text
    assert "Quiz Mode is on" in text
    assert "a.grad = e.grad × ∂e/∂a" in text  # how it is made: the learner works out the numbers
    assert "6" not in text.split("Gradient", 1)[1]  # (a.grad = 6: not told)
    click_item(qtbot, w, w.scene.node_item("L"))  # the output: its 1 is the quiz's first question
    qtbot.waitUntil(lambda: chain_text(w).startswith("L"), timeout=2000)
    assert "L.grad" not in chain_text(w) and "Quiz Mode is on" in chain_text(w)
    # nothing selected: the hint does not offer Backward either
    w.scene.clearSelection()
    qtbot.waitUntil(lambda: "Select a node" in chain_text(w), timeout=2000)
    assert "or run Backward" not in chain_text(w) and "Quiz Mode is on" in chain_text(w)
    trigger(w, "learn_quiz")  # Quiz Mode off
    assert not w.learning.quiz.active
    click_item(qtbot, w, w.scene.node_item("a"))
    qtbot.waitUntil(lambda: RUN in chain_text(w), timeout=2000)
    assert "Quiz Mode" not in chain_text(w)
