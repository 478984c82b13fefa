"""Trial 47 #4: the Chain Rule panel, the app's main teaching text, showed
up cut off or squeezed. When the step changed it was scrolled to its end
(its heading "… — Multiply" and the Value line hidden, the top line cut
in half); with Gradient Flow or the Tutorial open it shrank to 4–6 lines;
Presentation Mode likewise. Each step now shows from the top, and the
panels around it give way, not the Chain Rule."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics, QMouseEvent
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from test_learning_gui import accept_dialog_soon
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
#: Lines of the app's text the panel shows at least (4–6 in the trial).
USABLE_LINES = 10


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def key(qtbot, w, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, k, mods)
    settle()


def first_start_column(w, width: int, height: int) -> None:
    """The window at ``width`` × ``height``, its right column as wide as a
    first start makes it there (the offscreen screen is smaller)."""
    w.resize(width, height)
    w.resizeDocks([w.properties_dock], [min(340, width * 24 // 100)], Qt.Orientation.Horizontal)
    settle()


def heading_in_view(panel) -> bool:
    """The page's heading (its first block) lies whole in what the panel shows."""
    view = panel.view
    doc = view.document()
    top = view.verticalScrollBar().value()
    r = doc.documentLayout().blockBoundingRect(doc.firstBlock())
    return r.top() >= top and r.bottom() <= top + view.viewport().height()


def page_in_view(panel) -> bool:
    return panel.view.verticalScrollBar().value() == 0 and panel.hidden_height() == 0


def usable(panel) -> bool:
    """At least USABLE_LINES lines of the app's text in view."""
    return panel.view.viewport().height() >= USABLE_LINES * QFontMetrics(QApplication.font()).lineSpacing()


def test_each_step_of_the_mlp_shows_the_chain_rule_from_its_heading(qtbot, window):
    """The trial's 35: Graph › Insert MLP, Backward, → six times."""
    w = window
    first_start_column(w, 1600, 1000)
    accept_dialog_soon(qtbot, "learn_mlp_dialog")
    trigger(w, "learn_insert_mlp")
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    hand_mode(w)
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    panel, bar = w.backward.chain_panel, w.backward.chain_panel.view.verticalScrollBar()
    chain = w.backward.dock_chain
    room = panel.view.viewport().height()  # as the pass starts
    tall = 0
    for _ in range(6):
        key(qtbot, w, Qt.Key.Key_Right)
        assert panel.explanation is not None
        assert panel.text().startswith(" ".join(panel.explanation.heading.split()))
        tall += panel.page_height() > room
        assert bar.value() == 0 and heading_in_view(panel), (panel.node, bar.value())
        qtbot.wait(20)
        assert bar.value() == 0 and heading_in_view(panel)
    assert tall  # pages taller than the panel was
    # the panel grew for them, the Order list giving way
    qtbot.waitUntil(lambda: panel.hidden_height() == 0 or chain.height() >= 0.5 * w.height(), timeout=2000)
    assert usable(panel)


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 800)])
def test_gradient_flow_and_the_tutorial_leave_the_chain_rule_its_room(qtbot, window, size):
    """The trial's 94 and 36: the Tutorial started, View › Gradient Flow on,
    the lecture's graph stepped: the Chain Rule kept 4–6 lines."""
    w = window
    first_start_column(w, *size)
    open_example(w, "blog_L")
    hand_mode(w)
    trigger(w, "tutorial")
    qtbot.mouseClick(w.tutorial.panel.start_button, Qt.MouseButton.LeftButton)
    trigger(w, "gradient_flow")
    settle()
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    panel, bar = w.backward.chain_panel, w.backward.chain_panel.view.verticalScrollBar()
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
        assert bar.value() == 0 and heading_in_view(panel)
    assert panel.text().startswith("e — Multiply")
    qtbot.wait(200)  # (the Tutorial and Gradient Flow settle their own heights meanwhile)
    assert w.tutorial.dock.isVisible() and w.gradient_flow.dock.isVisible()
    assert w.height() == size[1]  # (the panels' least heights fit the window: it did not grow)
    assert usable(panel), panel.view.viewport().height()
    assert bar.value() == 0 and heading_in_view(panel)
    if size[1] >= 1000:  # room enough: the whole page, the step's equation with it
        qtbot.waitUntil(lambda: page_in_view(panel), timeout=2000)


def test_presentation_mode_shows_the_chain_rule_from_its_heading(qtbot, window):
    """The trial's 68: the neuron, Gradient Flow on, step 3, Presentation Mode."""
    w = window
    first_start_column(w, 1600, 1000)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    trigger(w, "gradient_flow")
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert w.presentation.on
    panel, bar = w.backward.chain_panel, w.backward.chain_panel.view.verticalScrollBar()
    qtbot.wait(50)
    assert bar.maximum() > 0  # the larger text's page is taller than the panel
    assert bar.value() == 0 and heading_in_view(panel)
    for _ in range(2):
        key(qtbot, w, Qt.Key.Key_Right)
        assert bar.value() == 0 and heading_in_view(panel)
    assert usable(panel)
    key(qtbot, w, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)


def _drag_edge_above(w, dock, dy: int) -> None:
    """Drag the edge between ``dock`` and the panel above it ``dy`` px, as a user does."""
    at = QPoint(dock.geometry().center().x(), dock.geometry().top() - 2)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, pos, buttons in (
        (QMouseEvent.Type.MouseButtonPress, at, left),
        (QMouseEvent.Type.MouseMove, at + QPoint(0, dy // 2), left),
        (QMouseEvent.Type.MouseMove, at + QPoint(0, dy), left),
        (QMouseEvent.Type.MouseButtonRelease, at + QPoint(0, dy), none),
    ):
        b = none if kind == QMouseEvent.Type.MouseMove else left
        ev = QMouseEvent(kind, pos, w.mapToGlobal(pos), b, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(w, ev)
        settle()  # (the window moves the edge on a timer)


def test_a_height_the_user_drags_the_panel_to_stays_for_the_pass(qtbot, window):
    w = window
    first_start_column(w, 1280, 800)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    chain, panel = w.backward.dock_chain, w.backward.chain_panel
    before = chain.height()
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: page_in_view(panel), timeout=2000)
    assert chain.height() > before  # it grew for its page
    grown = chain.height()
    _drag_edge_above(w, chain, 120)  # the user wants the Order list longer
    assert chain.height() < grown - 60
    chosen = chain.height()
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    qtbot.wait(50)
    assert abs(chain.height() - chosen) <= 2  # theirs, though the pages scroll
    assert panel.view.verticalScrollBar().value() == 0
