"""View › Gradient Flow on the lecture's L = (a*b + c)*f (trial 44, #5),
driven as a teacher does it: the example from File › Examples, View ›
Gradient Flow, Ctrl+B and End (or → for a step) on the canvas.

On a log scale from 0.006 to 6 the wires carrying 6, 4 and 2 were drawn
6 to 8 px wide, all alike, and all in one grey-blue while the cards are
blue and red; the panel opened as a tab over Chain Rule, hiding the
step's explanation. Now the scale is fitted to the pass (linear for
gradients of one size, log across decades: the vanishing example still
spans its range), the wires take the gradient legend's sign colours, and
the panel opens under Chain Rule."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_gradient_flow import VANISHING, backward_to_end, headless, open_example, turn_on
from window_helpers import answers, make_window, menu_action, tmp_settings, window  # noqa: F401

from core.graph.gradient_flow import MAX_WIDTH, MIN_WIDTH, LinearScale, LogScale, width_scale, wire_width
from gui.common import grad_colors


def lesson_at_end(qtbot, w) -> dict:
    """The lecture's graph (blog_L) after Backward, shown to its end: its
    wires by the labels of their ends."""
    turn_on(w)
    open_example(w, "blog_L")
    backward_to_end(qtbot, w)
    m = w.model
    return {(m.label(s), m.label(t)): w.scene.edge_item(s, t, p) for s, t, p in m.edges()}


def extra(e) -> float:
    """px a wire is wider than a hairline."""
    return e.width - MIN_WIDTH


def test_the_lessons_wires_carrying_6_4_and_2_are_told_apart(qtbot, window):
    wires = lesson_at_end(qtbot, window)
    carried = {k: window.gradient_flow.wires[e.key] for k, e in wires.items()}
    assert carried[("a", "e")] == 6 and carried[("b", "e")] == -4 and carried[("f", "L")] == 4
    assert carried[("c", "d")] == carried[("e", "d")] == carried[("d", "L")] == -2
    six, four, two = wires[("a", "e")], wires[("b", "e")], wires[("c", "d")]
    # in proportion: the 6-wire three times the 2-wire's extra width (a log scale gave 1.4 times)
    assert six.width == MAX_WIDTH
    assert extra(six) >= 2.5 * extra(two), (six.width, two.width)
    assert six.width - four.width >= 2 and four.width - two.width >= 2, (six.width, four.width, two.width)
    assert wires[("f", "L")].width == four.width and wires[("e", "d")].width == two.width
    # the legend says so: a linear scale, its samples the pass's 6, 4 and 2 at the wires' widths
    legend = window.gradient_flow.panel.legend
    assert legend.kind == "linear" and "(linear)" in legend.title()
    assert legend.samples() == [(6.0, six.width), (4.0, four.width), (2.0, two.width)]


def test_the_vanishing_example_still_spans_its_decades(qtbot, window):
    """Its wires carry 5e-7 to 0.27: on a linear scale all but the last
    layers would be hairlines. It keeps the log scale, the legend says so,
    and the wires thin out layer by layer towards the input."""
    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    legend = w.gradient_flow.panel.legend
    assert legend.kind == "log" and "(log)" in legend.title()
    values = [v for v, _ in legend.samples()]
    assert values[0] / values[-1] > 1e5  # the legend spans the range
    widths = [px for _, px in legend.samples()]
    assert widths[0] == MAX_WIDTH and widths[-1] == MIN_WIDTH
    ref = headless(VANISHING)["nodes"]
    assert abs(ref["h12"]["grad"]) / abs(ref["h1"]["grad"]) > 1e5
    into_first = w.scene.edge_item("x", "m1", 0).width
    last = w.scene.edge_item("h11", "m12", 0).width
    assert into_first <= MIN_WIDTH + 0.5 and last >= into_first + 5


def _pixel_on(w, e) -> QColor:
    """The colour drawn at the middle of wire ``e`` on screen."""
    w.view.centerOn(e)
    QApplication.processEvents()
    at = w.view.mapFromScene(e.path().pointAtPercent(0.5))
    return QColor(w.view.viewport().grab().toImage().pixel(at))


def _nearer(c: QColor, a: QColor, b: QColor) -> bool:
    """``c`` is nearer to ``a`` than to ``b`` (RGB)."""

    def d(x: QColor) -> float:
        return math.dist(c.getRgb()[:3], x.getRgb()[:3])

    return d(a) < d(b)


def test_wires_take_the_sign_colours_of_the_gradient_legend(qtbot, window):
    w = window
    w.resize(1600, 1000)
    wires = lesson_at_end(qtbot, w)
    pos, neg = QColor(grad_colors.POSITIVE), QColor(grad_colors.NEGATIVE)
    for key in (("a", "e"), ("f", "L")):  # carry 6 and 4 back
        c = wires[key].pen().color()
        assert c.rgb() == pos.rgb() and c.alpha() >= 200, key  # the legend's red, hardly see-through
    for key in (("b", "e"), ("c", "d"), ("e", "d"), ("d", "L")):  # carry −4 and −2
        c = wires[key].pen().color()
        assert c.rgb() == neg.rgb() and c.alpha() >= 200, key
    # as drawn: the middle of the 6-wire is red, of the −4-wire blue
    assert _nearer(_pixel_on(w, wires[("a", "e")]), pos, neg)
    assert _nearer(_pixel_on(w, wires[("b", "e")]), neg, pos)
    # the legend's colour key is the same pair
    assert grad_colors.wire_color(-1.0).rgb() == neg.rgb() and grad_colors.wire_color(2.0).rgb() == pos.rgb()
    assert grad_colors.wire_color(0.0).rgb() == QColor(grad_colors.ZERO).rgb()


def test_chain_rule_stays_in_view_when_gradient_flow_opens_mid_pass(qtbot, window):
    """At 1600×1000, two steps into the pass, View › Gradient Flow: the
    panel opens under Chain Rule, which still shows the step's explanation;
    the Order list keeps its rows."""
    from gui.backward.order_panel import MIN_ROWS, ROW_H
    from gui.common.dock_places import KEEP

    w = window
    w.resize(1600, 1000)
    QApplication.processEvents()
    open_example(w, "blog_L")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    chain, text = w.backward.dock_chain, w.backward.chain_panel.view
    assert "chain rule" in text.toPlainText().lower()
    turn_on(w)
    qtbot.wait(50)
    flow = w.gradient_flow.dock
    assert not flow.visibleRegion().isEmpty() and not chain.visibleRegion().isEmpty()
    assert not text.visibleRegion().isEmpty() and chain.height() >= KEEP
    assert flow not in w.tabifiedDockWidgets(chain)
    assert flow.geometry().top() > chain.geometry().bottom()  # under it
    assert flow.geometry().left() == chain.geometry().left()  # in the same column
    # the legend whole in the panel, the Order list its rows
    legend = w.gradient_flow.panel.legend
    assert not legend.visibleRegion().isEmpty() and legend.visibleRegion().boundingRect() == legend.rect()
    table = w.backward.order_panel.table
    assert table.viewport().height() // ROW_H >= MIN_ROWS


def test_a_layout_with_the_panel_tabbed_over_chain_rule_is_mended(qtbot, answers):
    """A layout saved by the version that tabbed it over Chain Rule: the
    next start shows both."""
    w = make_window(qtbot, answers)
    turn_on(w)
    chain, flow = w.backward.dock_chain, w.gradient_flow.dock
    w.tabifyDockWidget(chain, flow)
    flow.raise_()
    QApplication.processEvents()
    assert chain.visibleRegion().isEmpty()  # as it was saved
    w.close()
    w = make_window(qtbot, answers)
    qtbot.wait(50)
    chain, flow = w.backward.dock_chain, w.gradient_flow.dock
    assert menu_action(w.menus["view"], "gradient_flow").isChecked()
    assert flow not in w.tabifiedDockWidgets(chain)
    assert not chain.visibleRegion().isEmpty() and not flow.visibleRegion().isEmpty()


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([6, -4, 4, -2, -2, -2], LinearScale),  # the lecture's graph
        ([0.0, 1.0, 100.0], LinearScale),  # zero aside, two decades: still linear
        ([0.01, 1.5], LogScale),  # more than a hundred times apart
        ([5e-7, 0.27], LogScale),
        ([0.0, 0.0], LinearScale),  # nothing flows: hairlines, the legend one at 0
    ],
)
def test_the_scale_is_fitted_to_the_range(values, kind):
    sc = width_scale(values)
    assert isinstance(sc, kind)
    top = max(abs(v) for v in values)
    if top:
        assert wire_width(sc, top) == MAX_WIDTH
    assert wire_width(sc, 0.0) == MIN_WIDTH
    assert wire_width(sc, math.inf) == MAX_WIDTH
    if kind is LinearScale and top:
        assert wire_width(sc, top / 2) - MIN_WIDTH == pytest.approx((MAX_WIDTH - MIN_WIDTH) / 2)
    if not top:
        assert sc.samples() == [0.0]


def test_with_the_vanishing_examples_bars_the_panels_above_stay_whole(qtbot, window):
    """The twelve bars take the column's room down to the panels' least
    heights: Chain Rule keeps ``KEEP`` px, and the Order list, whose status
    is two lines at the end of the pass, keeps its rows clear of its legend
    (its least height counted one line: its last row went under the legend)."""
    from gui.common.dock_places import KEEP

    w = window
    w.resize(1600, 1000)
    QApplication.processEvents()
    turn_on(w)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    qtbot.wait(100)
    panel = w.backward.order_panel
    status, table, legend = panel.status, panel.table, w.backward.legend
    assert status.height() >= status.heightForWidth(status.width())  # its lines whole
    assert table.geometry().bottom() < legend.geometry().top()
    assert status.geometry().bottom() < table.geometry().top()
    assert w.backward.dock_chain.height() >= KEEP
    assert not w.backward.chain_panel.view.visibleRegion().isEmpty()
