"""The Gradient Flow panel in a small place (a new user's trial): restored
250 px high in the right column of a 1400×900 window, it showed three of
the vanishing example's twelve group bars and the rest had to be
scrolled to. Its rows are compact now (a line of text each) and, the first
time it has its bars, it asks its dock for the height that shows them all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from test_chain_rule_room import _drag_edge_above, first_start_column, key
from test_gradient_flow import backward_to_end, open_example, turn_on
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.graph.gradient_flow import LogScale
from gui.backward.order_panel import MIN_ROWS, ROW_H
from gui.gradflow.panel import GradientFlowPanel, GroupRow


def all_bars_in_view(panel: GradientFlowPanel) -> bool:
    """Every bar whole in the panel's scroll area, nothing to scroll to."""
    scroll = panel.bar_scroll
    bars = panel.bars
    last = bars.mapTo(scroll.viewport(), bars.rect().bottomLeft()).y()
    return scroll.verticalScrollBar().maximum() == 0 and last <= scroll.viewport().height()


def restored_small(qtbot, answers, height: int = 240):
    """A window whose saved layout has the Gradient Flow panel (turned off
    since) ``height`` px high under Order; reopened at 1400×900."""
    w = make_window(qtbot, answers)
    w.resize(1400, 900)
    QApplication.processEvents()
    turn_on(w)
    dock = w.gradient_flow.dock
    w.resizeDocks([dock], [height], Qt.Orientation.Vertical)
    QApplication.processEvents()
    w.gradient_flow.action.trigger()  # off again: the layout keeps its place
    w.close()
    w = make_window(qtbot, answers)
    w.resize(1400, 900)
    QApplication.processEvents()
    return w


def test_restored_small_it_makes_room_for_its_bars_and_chain_rule_keeps_its_own(qtbot, answers):
    """At 1400×900 the column holds Order (its least rows), Chain Rule and
    the panel under it: the bars take the room there is, all but two or
    three of the twelve, and Chain Rule keeps ``KEEP`` px (trial 44: the
    step's explanation is the lesson; all twelve bars took it to 115 px)."""
    from gui.common.dock_places import KEEP

    w = restored_small(qtbot, answers)
    open_example(w, "vanishing_tanh")
    turn_on(w)
    panel, dock = w.gradient_flow.panel, w.gradient_flow.dock
    assert dock.height() < 280  # opened for its legend: a few bars' room
    backward_to_end(qtbot, w)
    assert len(panel.bars.rows) == 12
    qtbot.waitUntil(lambda: panel.hidden_bars() <= 3 * panel.bars.row_h, timeout=2000)
    qtbot.wait(100)
    assert panel.isVisible() and not panel.visibleRegion().isEmpty()
    # the room came from Order above it, which keeps its least rows, and Chain Rule
    table = w.backward.order_panel.table
    assert table.isVisible() and table.viewport().height() // ROW_H >= MIN_ROWS
    chain = w.backward.dock_chain
    assert not chain.visibleRegion().isEmpty() and chain.height() >= KEEP
    # a row is a line of text, the text at least 11 px
    assert panel.bars.row_h <= 18 and QFontInfo(panel.bars.font()).pixelSize() >= 11
    assert dock.height() <= 360


def test_a_height_the_user_gives_it_afterwards_stays(qtbot, answers):
    w = restored_small(qtbot, answers)
    open_example(w, "vanishing_tanh")
    turn_on(w)
    backward_to_end(qtbot, w)
    panel, dock = w.gradient_flow.panel, w.gradient_flow.dock
    qtbot.waitUntil(lambda: panel.hidden_bars() <= 3 * panel.bars.row_h, timeout=2000)
    qtbot.wait(100)
    big = dock.height()
    _drag_edge_above(w, dock, big - 200)  # the user drags it smaller
    qtbot.waitUntil(lambda: dock.height() < big - 20, timeout=2000)
    small = dock.height()
    qtbot.keyClick(w.view, Qt.Key.Key_Home)  # the pass from its start, then to its end
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    qtbot.wait(100)
    assert dock.height() == small and not all_bars_in_view(panel)


def test_at_the_end_of_the_pass_it_takes_the_room_chain_rule_no_longer_needs(qtbot, window):
    """Trial 64 #5: the bars asked for room at Ctrl+B, when Chain Rule's page
    (the root's, long) kept its height; at End its page is short, but the
    last bar, the staircase's top, stayed scrolled away beside a half-empty
    Chain Rule. Each step asks again; Chain Rule keeps its page whole."""
    w = window
    first_start_column(w, 1400, 900)
    open_example(w, "vanishing_tanh")
    turn_on(w)
    panel, chain = w.gradient_flow.panel, w.backward.chain_panel
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert panel.hidden_bars() > 0  # the first page is long: Chain Rule keeps it whole
    key(qtbot, w, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: all_bars_in_view(panel), timeout=2000)
    assert panel.bars.rows[-1].label == "layer 12"
    page = chain.view
    assert page.verticalScrollBar().maximum() == 0  # (its page whole still)
    key(qtbot, w, Qt.Key.Key_Home)  # the first page again: Chain Rule takes its room back
    qtbot.waitUntil(lambda: chain.view.verticalScrollBar().maximum() == 0, timeout=2000)


def test_twelve_compact_bars_fit_a_small_panel(qtbot):
    """The panel alone at 280×330 px: the status, the legend, the heading
    and twelve bars, none scrolled away (22 px rows showed seven)."""
    rows = [GroupRow(f"g{i}", f"layer {i + 1}", 10.0 ** (i - 12), (i + 1) / 12) for i in range(12)]
    panel = GradientFlowPanel()
    qtbot.addWidget(panel)
    panel.resize(280, 330)
    panel.show()
    qtbot.waitExposed(panel)
    scale = LogScale.of([1e-7, 0.3])
    panel.show_flow("Gradients of the pass from “h12”. Hover a wire for its number.", scale, rows, True)
    QApplication.processEvents()
    assert all_bars_in_view(panel)
    fm = panel.legend.fontMetrics()
    assert len(panel.legend.samples()) == 3 and panel.legend.height() < 4 * fm.height()  # (a column: 84 px)


def test_a_floating_panel_grows_itself(qtbot, window):
    """The user floated the panel and made it small: it grows to show its bars."""
    w = window
    w.resize(1400, 900)
    turn_on(w)
    dock, panel = w.gradient_flow.dock, w.gradient_flow.panel
    dock.setFloating(True)
    dock.resize(280, 200)
    qtbot.waitUntil(lambda: dock.height() <= 210, timeout=2000)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    qtbot.waitUntil(lambda: all_bars_in_view(panel), timeout=2000)
    assert dock.isFloating()
