"""A teacher's 1366×768 screen (trial 70 #5).

Beside Learn › Train… at step 11 ("One step of training") the Tutorial kept
only the step's title in view: a step with nothing left to do and no button
was taken for the last page, and the instruction was cut after "set Steps
to 1 and", the rest in a small scrolled box. Beside Order at step 10 the ✓
line at the top was cut through its letters: the page's end came before the
next line's top, so it scrolled to its end, mid-line (the panel now keeps
its page whole there; dragged smaller, its lines scroll away whole).

Driven as a user: the Tutorial's buttons, Learn › Train…, Backward's keys,
the panel's edge dragged (the dock made taller a few px at a time)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from test_tutorial_gui import click, open_tutorial, settle, title
from test_window_height import SCREEN_H, SCREEN_W, fits_the_screen, in_front, step_to, whole_in
from window_helpers import Button, answers, step_by_hand, tmp_settings, trigger, window  # noqa: F401

from gui.common import resources
from gui.tutorial.feature import FIT_MS
from gui.window.main_window import MainWindow


def at_1366(qtbot, w: MainWindow, answers) -> None:
    answers.save_changes = Button.Discard  # (the steps' buttons open examples)
    w.resize(SCREEN_W, SCREEN_H)
    settle()
    assert w.open_example(resources.DEFAULT_EXAMPLE)
    open_tutorial(qtbot, w)


def step_words_cut(w: MainWindow) -> list[str]:
    """The step's title, instruction, what is left to do and button not drawn whole in view."""
    p = w.tutorial.panel
    vp = p.scroll_area.viewport()
    parts = (p.title, p.text, p.todo, p.action_button)
    return [part.objectName() for part in parts if part.isVisible() and not whole_in(part, vp)]


def lines_cut(w: MainWindow) -> list[str]:
    """The lines above the step's title cut through by the panel's top edge
    (a line scrolled away whole, or shown whole, is fine)."""
    p = w.tutorial.panel
    vp = p.scroll_area.viewport()
    cut = []
    for part in (p.header, p.praise):
        if not part.isVisible():
            continue
        r = QRect(part.mapTo(vp, QPoint(0, 0)), part.size())
        hidden = -r.top()  # px of the label above the panel's top edge
        if 0 < hidden < r.height() and hidden % part.fontMetrics().lineSpacing():
            cut.append(f"{part.objectName()} cut {hidden} px down")
    return cut


def test_step_11s_instruction_is_whole_beside_train(qtbot, window, answers):
    w = window
    at_1366(qtbot, w, answers)
    p = w.tutorial.panel
    step_to(qtbot, w, "Bring in a neuron")
    click(qtbot, p.action_button)  # "Open the neuron"
    qtbot.wait(FIT_MS + 200)
    settle()
    assert title(w) == "One step of training"
    assert p.praise.isVisible() and not p.todo.isVisible() and not p.action_button.isVisible()
    trigger(w, "learn_train")  # Learn › Train…
    qtbot.wait(FIT_MS + 200)
    fits_the_screen(w)
    assert in_front(w.learning.dock_train) and in_front(w.tutorial.dock)
    assert "set <b>Steps</b> to 1 and press <b>Start</b>" in p.text.text()
    assert step_words_cut(w) == []  # "… set Steps to 1 and press Start …" whole


def test_the_lines_over_step_10_scroll_away_whole_beside_order(qtbot, window, answers):
    w = window
    at_1366(qtbot, w, answers)
    p = w.tutorial.panel
    step_to(qtbot, w, "Open a graph that uses a node twice")
    click(qtbot, p.action_button)  # "Open b = a + a"
    qtbot.wait(FIT_MS + 200)
    assert title(w) == "Watch its gradient add up"
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # to its end: the step is done
    qtbot.wait(FIT_MS + 200)
    settle()
    assert title(w) == "Bring in a neuron" and p.praise.text().startswith("✓ a.grad = 1 + 1 = 2")
    assert in_front(w.backward.dock_order) and in_front(w.tutorial.dock)
    assert p.praise.height() > p.praise.fontMetrics().lineSpacing()  # (two lines)
    dock = w.tutorial.dock
    start = dock.height()
    assert p.hidden_height() == 0  # the panel kept its page whole beside Order (t71 #10, #12)
    seen = set()
    # its top edge dragged down, then up again a few px at a time: the page scrolls through
    for more in range(-64, 64, 3):
        w.resizeDocks([dock], [start + more], Qt.Orientation.Vertical)
        settle()
        seen.add(p.scroll_area.verticalScrollBar().value())
        assert step_words_cut(w) == [], more
        assert lines_cut(w) == [], (more, p.scroll_area.viewport().height())
    assert len(seen) > 2  # (the page scrolled less as the panel grew)
