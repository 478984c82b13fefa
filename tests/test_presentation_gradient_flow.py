"""A teacher shows the vanishing gradient in Presentation Mode (trial 73
#3, 1600×1000): File › Examples › Vanishing gradients, View › Gradient
Flow, Ctrl+Shift+P, Ctrl+B, End. The "Gradient by group" list showed three
of its twelve bars behind a scroll bar (Chain Rule kept the room of the
pass's long first page; the panel's heading, status and legend whole), then
eight (the Order list at its four rows: it lends them, down to its current
step's, for all twelve); and leaving the mode put Properties' "Select a
node…" in front of the pass's Order list (the layout from before the pass
came back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gradient_flow import open_example, turn_on
from test_presentation_mode import press, settle, toggle_presentation
from window_helpers import answers, step_by_hand, tmp_settings, window  # noqa: F401

from gui.window.main_window import MainWindow


def presenting_the_pass(qtbot, w: MainWindow, height: int = 1000) -> None:
    """The trial's steps: the example, Gradient Flow, Presentation Mode, Ctrl+B, End."""
    w.resize(1600, height)
    settle()
    turn_on(w)
    open_example(w, "vanishing_tanh")
    step_by_hand(w)
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, Qt.Key.Key_End)
    for _ in range(3):
        settle()
    assert w.backward.animator.at_end


def bars_in_view(w: MainWindow) -> int:
    """How many of the group bars one sees whole."""
    panel = w.gradient_flow.panel
    return min(len(panel.bars.rows), panel.bar_scroll.viewport().height() // panel.bars.row_h)


def test_the_bars_get_the_room_chain_rule_no_longer_keeps(qtbot, window):
    """Chain Rule's last page is short: the room its first page kept goes
    to the bars, and the panel gives up its heading's note, status lines
    and legend rows before the bars (each said in its tooltip), nothing
    drawn under another part."""
    w = window
    presenting_the_pass(qtbot, w)
    panel = w.gradient_flow.panel
    assert len(panel.bars.rows) == 12
    assert bars_in_view(w) == 12  # (three in the trial, then 8 beside Order's four rows: it lends them)
    order = w.backward.order_panel.table
    row = order.model().row_h
    current = order.visualRect(order.currentIndex())
    assert current.height() == row and order.viewport().rect().contains(current)  # its step, whole
    assert order.viewport().height() % row == 0  # no row cut
    chain = w.backward.dock_chain
    page = chain.widget()
    assert not chain.visibleRegion().isEmpty() and page.visibleRegion().boundingRect().height() > 0
    parts = [p for p in (panel.status, panel.legend, panel.groups_title, panel.bar_scroll) if p.isVisible()]
    for upper, lower in zip(parts, parts[1:], strict=False):  # top to bottom, none over the next
        assert upper.geometry().bottom() < lower.geometry().top()
    assert panel.bar_scroll.geometry().bottom() <= panel.height()
    assert "Gradients of the pass" in panel.status.text() + panel.status.toolTip()
    # the list shows the end of the pass: the last group reached, layer 1, the staircase's foot
    top = panel.bars.mapTo(panel.bar_scroll.viewport(), panel.bars.rect().topLeft()).y()
    assert top + 2 >= 0


def test_leaving_the_mode_keeps_the_passs_order_list_in_front(qtbot, window):
    """The pass started while presenting: leaving the mode, the Order list
    (the pass's steps) stays in front of Properties' tab, as it was while
    presenting, and the other panels are put back as they were."""
    w = window
    order, props = w.backward.dock_order, w.properties_dock
    w.resize(1600, 1000)
    settle()
    assert props in w.tabifiedDockWidgets(order)
    assert not props.visibleRegion().isEmpty()  # (before: no pass, Properties in front)
    presenting_the_pass(qtbot, w)
    assert not order.visibleRegion().isEmpty()  # (the pass raised Order)
    toggle_presentation(qtbot, w)
    settle()
    assert not w.presentation.on
    assert not order.visibleRegion().isEmpty() and props.visibleRegion().isEmpty()
    assert w.palette_dock.isVisible()  # (the rest as before: the Palette back)
    # the bars at the usual text's height again (they kept the larger text's: a scroll bar),
    # the panel asking for the room that shows them and its parts whole (not the legend's
    # title and colours given up beside the room Chain Rule left)
    panel = w.gradient_flow.panel
    assert panel.bars.height() == panel.bars.height_for(12)
    assert bars_in_view(w) == 12 and panel.legend.rows == 3
    assert "(mean |grad|" in panel.groups_title.text()
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert not w.backward.animator.active  # (Ctrl+Shift+B clears the pass: Properties again)
    settle()
    assert not props.visibleRegion().isEmpty()


def test_the_order_list_keeps_its_lent_rows_till_the_mode_ends(qtbot, window):
    """The rows Order lent for the twelve bars at the pass's end stay lent as the pass moves
    (Home: the first steps, Chain Rule's long page; lent and taken back at each step, the
    column changed height at every step: review 73 #1), and the mode left, the usual layout
    has them back."""
    from gui.backward.order_panel import LENT_ROWS, MIN_ROWS

    w = window
    presenting_the_pass(qtbot, w)
    assert bars_in_view(w) == 12
    order = w.backward.order_panel.table
    row = order.model().row_h
    assert order.viewport().height() == LENT_ROWS * row  # (lent)
    press(qtbot, w, Qt.Key.Key_Home)
    press(qtbot, w, Qt.Key.Key_Right)
    settle()
    assert order.viewport().height() == LENT_ROWS * row  # (kept: the same pass)
    panel = w.gradient_flow.panel  # (its few bars beside Chain Rule's long page whole, none cut at the top)
    seen, bar_h = panel.bar_scroll.viewport().height(), panel.bars.row_h
    assert (
        seen == panel.bars.height_for(bars_in_view(w))
        and panel.bar_scroll.verticalScrollBar().value() % bar_h == 0
    )
    press(qtbot, w, Qt.Key.Key_End)
    settle()
    assert bars_in_view(w) == 12  # (the end again: still lent)
    toggle_presentation(qtbot, w)
    settle()
    assert not w.presentation.on
    assert order.viewport().height() >= MIN_ROWS * order.model().row_h


def test_in_the_window_a_1600x1000_screen_leaves_the_staircase_is_whole_too(qtbot, window):
    """A window of a 1600×1000 screen is 981 px high inside its frame: the Order list's rows
    are not enough, and the panel gives up its legend's sample wires too (said in the
    status's tooltip) for all twelve bars; at the usual size it keeps them."""
    w = window
    presenting_the_pass(qtbot, w, 981)
    panel = w.gradient_flow.panel
    assert bars_in_view(w) == 12
    assert not panel.legend.isVisible() and "width" in panel.status.toolTip()
    order = w.backward.order_panel.table
    assert order.viewport().height() % order.model().row_h == 0 and order.viewport().height() > 0
    assert w.backward.dock_chain.widget().view.verticalScrollBar().maximum() == 0  # its page whole
    toggle_presentation(qtbot, w)
    settle()
    assert panel.legend.isVisible()


@pytest.mark.parametrize("height", [820, 920])
def test_the_panel_is_told_of_the_mode_not_guessing_it_from_its_text(qtbot, window, monkeypatch, height):
    """Review 73 #4: the panel took Presentation Mode for on where its text was more than 1.2×
    the app's. Told by the window, a scale of 1.2 is the mode too: at 1600×820 the legend's
    sample wires go for all twelve bars (seven beside them before). Chain Rule's page whole
    (the Order list's status on two lines at the end took its room, and a resize laid out on
    heights from before the last one: 920, 820)."""
    import gui.presenting.feature as presenting

    monkeypatch.setattr(presenting, "SCALE", 1.2)
    w = window
    presenting_the_pass(qtbot, w, height)
    panel = w.gradient_flow.panel
    assert bars_in_view(w) == 12
    if height == 820:
        assert not panel.legend.isVisible() and "width" in panel.status.toolTip()
    assert w.backward.dock_chain.widget().view.verticalScrollBar().maximum() == 0
    toggle_presentation(qtbot, w)
    settle()
    assert panel.legend.isVisible()
