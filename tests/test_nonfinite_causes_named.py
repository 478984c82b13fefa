"""Trial 69 #11: where an inf/nan came from, said whole and in the
learner's words. p = s*s + 1/t (s = 1e200, t = −0) is inf + (−inf): p's
Properties named only "mul overflowed float64 at 's*s'", not the −inf of
1/t; "float64" is jargon; and y = x**0.5 at x = 0 gave x's caption
"⚠ inf/nan from 'y'" where the other cases name the cause."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_no_slope_where_nan import click_card, finished_pass, node
from window_helpers import (  # noqa: F401
    answers,
    shown_window,
    step_by_hand,
    tmp_settings,
    type_formula,
    type_on_card,
    window,
)


def test_a_nan_where_two_infinities_meet_names_both_causes(qtbot, window):
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "p = s*s + 1/t", None)
    s, t, p = node(w, "s"), node(w, "t"), node(w, "p")
    type_on_card(qtbot, w, s, "1e200")
    type_on_card(qtbot, w, t, "-0")
    assert w.model.value(p) != w.model.value(p)  # nan
    click_card(qtbot, w, p)
    assert w.properties.node_id == p
    note = w.properties.note_label.text()
    assert note == (
        "inf + (−inf) at 'p': mul overflowed (larger than the largest number, ~1.8e308) at 's*s', "
        "and division by zero at '1/t'"
    ), note
    assert "float64" not in note
    # the overflow alone, on s*s
    click_card(qtbot, w, node(w, "s*s"))
    assert (
        w.properties.note_label.text() == "mul overflowed (larger than the largest number, ~1.8e308) at 's*s'"
    )


def test_an_infinite_gradient_from_a_vertical_slope_says_so_on_the_caption(qtbot, window):
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "y = x**0.5", None)
    x = node(w, "x")
    type_on_card(qtbot, w, x, "0")
    finished_pass(qtbot, w)
    caption = w.scene.node_item(x).note
    assert caption.startswith("x.grad = inf  ") and caption.endswith(
        "⚠ vertical slope (0.5·0^−0.5) at 'y'"
    ), caption
    click_card(qtbot, w, x)
    panel = w.backward.chain_panel
    qtbot.waitUntil(lambda: "⚠ not finite" in panel.text(), timeout=2000)
    assert "(vertical slope (0.5·0^−0.5) at 'y')" in panel.text(), panel.text()


def test_forward_modes_caption_names_the_vertical_slope(qtbot, window):
    """Trial 69 remainder: forward mode's caption said "inf/nan from 'y'" for
    x**0.5 at 0 where reverse mode's texts name the vertical slope."""
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "y = x**0.5", None)
    x, y = node(w, "x"), node(w, "y")
    type_on_card(qtbot, w, x, "0")
    step_by_hand(w)
    click_card(qtbot, w, x)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # Forward Mode from x
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    caption = w.scene.node_item(y).note
    assert caption.startswith("dy/dx = inf") and caption.endswith("⚠ vertical slope (0.5·0^−0.5) at 'y'"), (
        caption
    )


def test_a_nan_from_inf_times_zero_names_the_product_and_the_infs_cause(qtbot, window):
    """Trial 69 remainder: p = log(x)*b with x = 0, b = 0 is (−inf) × 0 = nan; p's
    Properties named only "log of zero at 'log(x)'" (the −inf's cause), as if p
    were −inf; and x's gradient, inf × 0 (∂/∂x of log at 0, times a gradient 0),
    named the inf alone too."""
    w = window
    shown_window(qtbot, w)
    type_formula(qtbot, w, "p = log(x)*b", None)
    x, b, p, lg = node(w, "x"), node(w, "b"), node(w, "p"), node(w, "log(x)")
    type_on_card(qtbot, w, x, "0")
    type_on_card(qtbot, w, b, "0")
    click_card(qtbot, w, p)
    assert w.properties.node_id == p
    note = w.properties.note_label.text()
    assert note == "(−inf) × 0 at 'p': log of zero at 'log(x)'", note
    finished_pass(qtbot, w)
    caption = w.scene.node_item(x).note
    assert caption.endswith("⚠ inf × 0 at 'log(x)': log of zero at 'log(x)'"), caption
    # b's gradient, ∂p/∂b = log(x) = −inf: that infinity's cause, not p's nan's
    caption = w.scene.node_item(b).note
    assert caption.endswith("⚠ log of zero at 'log(x)'"), caption
    assert w.model.label(lg) == "log(x)"
