"""Review 73 #1: in Presentation Mode (the vanishing example, 1600×1000) the
Order list lent its rows for Gradient Flow's twelve bars at a step, took them
back at the next and lent them again: Qt took the room from Chain Rule, not
from Gradient Flow, so Chain Rule's page was cut under a scroll bar ("w3.grad
= 3.735e−6" out of view at step 56) and the right column changed height at
every step (Order 1–3 rows). The rows are now lent at the pass's end only and
kept as the pass is stepped, till a new pass (or the mode's end)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget
from test_gradient_flow import open_example, turn_on
from test_presentation_gradient_flow import bars_in_view, presenting_the_pass
from test_presentation_mode import press, settle, toggle_presentation
from window_helpers import answers, step_by_hand, tmp_settings, window  # noqa: F401

from gui.backward.order_panel import LENT_ROWS, MIN_ROWS
from gui.common.dock_places import KEEPS
from gui.window.main_window import MainWindow


def order_rows(w: MainWindow) -> int:
    """The Order list's rows in view (whole: its height is whole rows)."""
    t = w.backward.order_panel.table
    assert t.viewport().height() % t.model().row_h == 0  # (no row cut)
    return t.viewport().height() // t.model().row_h


def heights(w: MainWindow) -> tuple[int, int, int]:
    """The right column's panels' heights: Order, Chain Rule, Gradient Flow."""
    return w.backward.dock_order.height(), w.backward.dock_chain.height(), w.gradient_flow.dock.height()


def at_least(dock: QDockWidget) -> bool:
    """``dock`` as short as it can be (nothing more to give Chain Rule)."""
    return dock.height() <= dock.minimumSizeHint().height()


def chain_rule_whole(w: MainWindow) -> bool:
    """Chain Rule's page whole, or cut only where the panels around it are at their least (the
    first steps' long pages at 1600×1000, as before Order lent its rows): none keeps room from it."""
    page = w.backward.dock_chain.widget().view.verticalScrollBar().maximum() == 0
    return page or (at_least(w.backward.dock_order) and at_least(w.gradient_flow.dock))


def step(qtbot, w: MainWindow, key: Qt.Key) -> None:
    """One key press, the column laid out again and the panels' asks for room answered."""
    press(qtbot, w, key)
    for _ in range(3):
        settle()


def test_stepping_back_from_the_end_the_column_stays_steady_and_chain_rule_whole(qtbot, window):
    """End, then ← through the pass: the rows lent at the end stay lent (the column steady:
    heights change only where Chain Rule's page needs another height), Chain Rule's page is
    whole at each step of the last layers (272 px, not 221 behind a scroll bar), and the
    twelve bars stay in view beside it."""
    w = window
    presenting_the_pass(qtbot, w)
    assert bars_in_view(w) == 12 and order_rows(w) == LENT_ROWS
    chain = w.backward.dock_chain
    seen = []
    while w.backward.animator.pos > 0:
        step(qtbot, w, Qt.Key.Key_Left)
        pos = w.backward.animator.pos
        assert order_rows(w) == LENT_ROWS, pos  # (1, 2, 3 rows by the step before)
        assert chain_rule_whole(w), pos
        seen.append((pos, chain.property(KEEPS), heights(w)))
        if pos >= 38:  # (the last four layers: Chain Rule's page short, 272 px)
            assert chain.widget().view.verticalScrollBar().maximum() == 0, pos
            assert bars_in_view(w) == 12, pos
    for (pos, keeps, was), (_, keeps_next, now) in zip(seen, seen[1:], strict=False):
        if keeps == keeps_next and was[2] == now[2]:  # the same page's room: the column as it was
            assert was == now, pos
    steady = [h for p, _, h in seen if 38 <= p <= 58]
    assert len(steady) > 5 and len(set(steady)) == 1  # (Chain Rule 228–285 px by the step before)


def test_stepping_forward_the_order_list_lends_its_rows_at_the_end_only(qtbot, window):
    """Ctrl+B, then → through the pass: the Order list keeps its four rows mid-pass (the column
    steady, Chain Rule's page whole where it fits), and lends them at the end, for the twelve
    bars; Home and → keep them lent; a new pass (Ctrl+B) has them back, and so does leaving
    the mode."""
    w = window
    w.resize(1600, 1000)
    settle()
    turn_on(w)
    open_example(w, "vanishing_tanh")
    step_by_hand(w)
    toggle_presentation(qtbot, w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    anim = w.backward.animator
    chain = w.backward.dock_chain
    seen = []
    while not anim.at_end:
        step(qtbot, w, Qt.Key.Key_Right)
        assert chain_rule_whole(w), anim.pos
        if not anim.at_end:
            assert order_rows(w) == MIN_ROWS, anim.pos  # (1 or 2 rows mid-pass before)
            seen.append((anim.pos, heights(w)))
        if anim.pos >= 38:
            assert chain.widget().view.verticalScrollBar().maximum() == 0, anim.pos
    assert len({h for p, h in seen if 38 <= p <= 58}) == 1  # the column steady over the last layers
    assert bars_in_view(w) == 12 and order_rows(w) == LENT_ROWS
    press(qtbot, w, Qt.Key.Key_Home)
    step(qtbot, w, Qt.Key.Key_Right)
    assert order_rows(w) == LENT_ROWS and chain_rule_whole(w)  # (kept: the pass is the same)
    step(qtbot, w, Qt.Key.Key_End)
    assert bars_in_view(w) == 12
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        settle()
    assert anim.pos == 0 and order_rows(w) == MIN_ROWS  # a new pass: the rows back
    assert chain.widget().view.verticalScrollBar().maximum() == 0  # (its first page whole)
    step(qtbot, w, Qt.Key.Key_End)
    assert bars_in_view(w) == 12 and order_rows(w) == LENT_ROWS
    toggle_presentation(qtbot, w)
    settle()
    assert not w.presentation.on and order_rows(w) >= MIN_ROWS
