"""Trial 73 #10: Presentation Mode left the toolbar at its usual size, the
Back and Step buttons and the "step 14 / 360" counter the class reads aloud
beside menus and panels 1.5× as large. The toolbars now write as large as
the panels while presenting (the counter as wide as its pass's last step in
that text), and as usual again after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from test_presentation_mode import press, px, settle, toggle_presentation
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

from gui.presenting.feature import SCALE


def _whole(label) -> bool:
    """The label's text has the width it needs (not cut: "step 14 / 3")."""
    return label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def test_the_step_counter_and_the_pass_buttons_read_as_large_as_the_panels(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.resize(1280, 800)  # (the projector's)
    settle()
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        press(qtbot, w, Qt.Key.Key_Right)
    counter = w.backward.step_label
    back, step = (
        w.backward.toolbar.widgetForAction(a) for a in (w.backward.action_step_back, w.backward.action_step)
    )
    assert isinstance(back, QToolButton) and isinstance(step, QToolButton)
    assert counter.text() == "step 14 / 360"
    usual, usual_width = px(counter), counter.width()
    order = w.backward.order_panel
    toggle_presentation(qtbot, w)
    settle()
    assert w.presentation.on
    larger = round(usual * SCALE)
    assert abs(px(counter) - larger) <= 1, (px(counter), larger)
    assert px(counter) >= px(order) - 1  # as large as the panels' text
    assert _whole(counter) and counter.width() > usual_width
    for button in (back, step):  # their words too, beside their icons, at the projector's width
        assert abs(px(button) - larger) <= 1
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        assert button.isVisible() and button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    press(qtbot, w, Qt.Key.Key_End)
    assert counter.text() == "step 360 / 360" and _whole(counter)
    toggle_presentation(qtbot, w)
    settle()
    assert not w.presentation.on
    assert px(counter) == usual and px(back) == usual
    assert _whole(counter) and counter.width() <= usual_width + 2  # (its usual width again)


def test_the_counter_stays_on_the_toolbar_as_the_pass_runs_at_1600(qtbot, window):
    """The larger text and the counter grown for its pass ("step 61 / 61") made the toolbars
    wider than the window: the counter, Speed and End went behind "»". The toolbars are
    fitted again when one asks for another width (the main one's words go first)."""
    from test_presentation_gradient_flow import presenting_the_pass

    from gui.window.main_window import MainWindow

    w: MainWindow = window
    presenting_the_pass(qtbot, w)  # (1600×1000, the vanishing example, Ctrl+Shift+P, Ctrl+B, End)
    settle()
    counter = w.backward.step_label
    assert counter.text() == "step 61 / 61" and _whole(counter)
    assert counter.isVisible() and counter.visibleRegion().boundingRect().width() >= counter.width() - 1
    for bar in (w.toolbar, w.backward.toolbar):  # (no "»": every button on its toolbar)
        ext = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert ext is None or not ext.isVisible(), bar.objectName()
    assert w.toolbar.geometry().right() < w.backward.toolbar.geometry().left() or w.toolBarBreak(
        w.backward.toolbar
    )


def test_made_narrow_again_the_toolbars_stay_one_row(qtbot, window, tmp_path):
    """Grown from 1024×700 to 1276×760 while presenting (the pass buttons' words back) and
    then made 1024 px wide at once: the toolbars were measured with the Play button still as
    wide as its word (its steady width follows the toolbar's layout), and the Backward toolbar
    went to a second row over a shorter canvas. One row, as at 1024 px before."""
    from test_presentation_resized_order import mlp_step_14_presenting

    w = window
    mlp_step_14_presenting(qtbot, w, tmp_path)
    bar = w.backward.toolbar
    assert not w.toolBarBreak(bar) and bar.y() == w.toolbar.y()
    w.resize(1276, 760)
    settle()
    qtbot.wait(50)
    step = bar.widgetForAction(w.backward.action_step)
    assert step.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon  # (their words back)
    w.resize(1024, 700)
    settle()
    qtbot.wait(50)
    settle()
    assert not w.toolBarBreak(bar) and bar.y() == w.toolbar.y()  # one row
    assert _whole(w.backward.step_label) and not w.backward.step_label.visibleRegion().isEmpty()
