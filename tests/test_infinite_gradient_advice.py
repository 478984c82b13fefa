"""Trial 69 #8: an infinite gradient got advice no step can follow. Nudge
Up on y = x**0.5 at x = 0 said "use a smaller step", Train on a loss
already nan said "lower the learning rate". Now the real reason: x's
gradient is infinite, where from, and what to do; training refuses a loss
that is not finite, saying so."""

from __future__ import annotations

from test_learning_gui import click
from test_no_slope_where_nan import node
from window_helpers import answers, shown_window, tmp_settings, trigger, type_formula, type_on_card, window  # noqa: F401


def test_nudge_with_an_infinite_gradient_says_why_no_step_helps(qtbot, window):
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "y = x**0.5", None)
    x = node(w, "x")
    type_on_card(qtbot, w, x, "0")
    n0 = w.undo_stack.count()
    trigger(w, "learn_nudge_up")
    said = w.learning.nudge.result.text()
    assert said == (
        "Cannot nudge: x's gradient is inf (vertical slope (0.5·0^−0.5) at 'y'), "
        "so no step size helps: move x away from 0 first"
    ), said
    assert "smaller step" not in said
    assert w.undo_stack.count() == n0 and w.model.value(x) == 0.0


def test_train_refuses_a_loss_that_is_not_finite(qtbot, window):
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "p = s*s + 1/t", None)
    type_on_card(qtbot, w, node(w, "s"), "1e200")
    type_on_card(qtbot, w, node(w, "t"), "-0")
    trigger(w, "learn_train")
    panel = w.learning.train
    n0 = w.undo_stack.count()
    click(qtbot, panel.start_button)
    said = panel.status.text()
    assert said.startswith("Cannot train: p is nan already (inf + (−inf) at 'p': "), said
    assert said.endswith(": gradient descent needs a finite loss to lower; change the values first"), said
    assert "learning rate" not in said
    assert w.undo_stack.count() == n0 and panel.start_button.text() == "Start"


def test_train_with_an_infinite_gradient_says_why_no_rate_helps(qtbot, window):
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "y = x**0.5", None)
    type_on_card(qtbot, w, node(w, "x"), "0")
    trigger(w, "learn_train")
    panel = w.learning.train
    click(qtbot, panel.start_button)
    said = panel.status.text()
    assert said == (
        "Cannot train: x's gradient is inf (vertical slope (0.5·0^−0.5) at 'y'), "
        "so no learning rate helps: move x away from 0 first"
    ), said
