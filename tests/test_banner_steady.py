"""The banner over the canvas keeps one height through a pass, the tallest
its sentences need, reserved at the pass's start (t72 #10: a forward pass's
4-line "Finished" pushed the canvas down ~10 px at its last step, the graph
jumping under the presenter; a gradient graph's pass of one-line sentences
had a 75 px banner, three lines reserved and the label stuck at that)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_forward_mode_gui import start_forward
from test_order_rows_whole import blog_pass
from window_helpers import action, answers, tmp_settings, type_formula, window  # noqa: F401


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def canvas_top(w) -> int:
    return w.view.viewport().geometry().top()


def step_to_end(qtbot, w) -> list[int]:
    """The canvas's top at the start and after each → to the end of the pass."""
    tops = [canvas_top(w)]
    while not w.backward.animator.at_end:
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        settle()
        tops.append(canvas_top(w))
    return tops


def test_a_forward_pass_never_moves_the_canvas_and_its_last_sentence_is_whole(qtbot, window):
    w = window
    w.resize(1366, 768)
    start_forward(qtbot, w, "blog_L", "a")
    settle()
    banner = w.backward.narration
    assert banner.isVisible()
    tops = step_to_end(qtbot, w)
    assert len(set(tops)) == 1, tops  # (the 4-line "Finished" fitted from the start)
    assert banner.height() >= banner.heightForWidth(banner.width())
    assert banner.geometry().bottom() < canvas_top(w)


def test_a_pass_of_one_line_sentences_has_a_one_line_banner(qtbot, window, answers):
    """A pass first (its banner three lines tall at its end), then y = x**3 typed in the f(x) bar, Backward ›
    Build Gradient Graph and Backward to its end (the trial's pass): one line's strip."""
    w = window
    blog_pass(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    settle()
    answers.save_changes = QMessageBox.StandardButton.Discard
    action(w, "new").trigger()
    settle()
    type_formula(qtbot, w, "y = x**3")
    action(w, "gradient_graph").trigger()
    settle()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    banner = w.backward.narration
    heights = []
    tops = [canvas_top(w)]
    while not w.backward.animator.at_end:
        heights.append(banner.height())
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        settle()
        tops.append(canvas_top(w))
    heights.append(banner.height())
    assert len(set(tops)) == 1, tops
    one = banner.fontMetrics().lineSpacing() + banner.CHROME
    assert heights[0] <= one + 2, (heights, one)  # (its start one line: not kept at three)
    assert min(heights) < max(heights)  # (each as tall as its own sentence)
    # the strip as tall as the pass's tallest sentence needs, no more (three lines' room, before)
    assert canvas_top(w) - w.view.frameWidth() == max(heights) + 2 * banner.MARGIN
