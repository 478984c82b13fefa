"""View › Presentation Mode, used as a teacher does on a 1280×800 projector
(trial 44 #1: Ctrl++ enlarged only the canvas; the banner, Chain Rule, Order
and Properties stayed at 11-13 px, and the Palette took the canvas's room)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QWidget
from test_window_files import open_blog_example
from window_helpers import answers, make_window, menu_action, tmp_settings, trigger, window  # noqa: F401

from gui.backward.order_panel import MIN_ROWS
from gui.tutorial.feature import FIT_MS
from gui.window.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def press(qtbot, w: MainWindow, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w.view.viewport(), key, mods)
    settle()


def toggle_presentation(qtbot, w: MainWindow) -> None:
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_P, CTRL_SHIFT)


def px(widget: QWidget) -> int:
    """The pixel size of the text ``widget`` draws (its style sheet's, if it has one)."""
    widget.ensurePolished()
    return QFontInfo(widget.font()).pixelSize()


def lesson_mid_pass(qtbot, w: MainWindow) -> None:
    """The lecture's graph at step 3 of its backward pass, in a projector's window."""
    w.resize(1280, 800)
    open_blog_example(w)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        press(qtbot, w, Qt.Key.Key_Right)
    assert w.backward.animator.pos == 3 and w.backward.narration.isVisible()


def text_sizes(w: MainWindow) -> dict[str, int]:
    bw = w.backward
    return {
        "banner": px(bw.narration),
        "chain rule": px(bw.chain_panel.view),
        "order": px(bw.order_panel.table),
        "order status": px(bw.order_panel.status),
        "properties": px(w.properties.label_edit),
        "properties title": px(w.properties.title),
    }


def test_view_menu_has_it_with_a_key_of_its_own(window):
    act = menu_action(window.menus["view"], "presentation")
    assert act.isCheckable() and not act.isChecked()
    assert [k.toString() for k in act.shortcuts()] == ["Ctrl+Shift+P"]
    assert "Ctrl+Shift+P" in act.toolTip()


def test_presenting_makes_the_lesson_panels_text_larger_and_off_gives_it_back(qtbot, window):
    w = window
    lesson_mid_pass(qtbot, w)
    before = text_sizes(w)
    banner = w.backward.narration.text()
    strip = w.view.viewportMargins().top()  # the room above the canvas the banner sits in
    toggle_presentation(qtbot, w)
    assert menu_action(w.menus["view"], "presentation").isChecked()
    on = text_sizes(w)
    for name, size in before.items():
        assert on[name] >= 1.4 * size, (name, size, on[name])
    assert on["banner"] >= 18 and on["chain rule"] >= 16
    # the lesson goes on as it was, at the same step
    assert w.backward.animator.pos == 3 and w.backward.narration.text() == banner
    assert w.backward.narration.isVisible()
    assert w.view.viewportMargins().top() > strip
    # the Order list keeps room for a few rows whole, now taller (Chain Rule below
    # needs the height for its larger text, test_presentation_text.py)
    rows = w.backward.order_panel.table
    row_h = rows.visualRect(rows.model().index(3, 0)).height()
    assert row_h >= rows.fontMetrics().height() + 4
    assert rows.minimumHeight() >= rows.horizontalHeader().height() + MIN_ROWS * row_h
    assert rows.visualRect(rows.model().index(3, 0)).bottom() <= rows.viewport().height()  # the step in view
    # its status wraps at this size: the list below it still ends above the colour legend
    panel = w.backward.order_panel
    assert panel.status.height() >= 2 * panel.status.fontMetrics().height()
    assert rows.geometry().bottom() < w.backward.legend.geometry().top()
    # and the legend's numbers under the bar's ends do not run into its 0
    legend = w.backward.legend
    fm = legend.fontMetrics()
    room = (legend.width() - 16 - fm.horizontalAdvance("0")) / 2
    assert all(0 < fm.horizontalAdvance(end) < room for end in legend.ends())
    toggle_presentation(qtbot, w)
    assert not menu_action(w.menus["view"], "presentation").isChecked()
    assert text_sizes(w) == before
    assert w.view.viewportMargins().top() == strip  # the canvas gets its room back


def test_presenting_hides_palette_and_tutorial_and_fits_the_graph_into_their_room(qtbot, window):
    w = window
    w.resize(1280, 800)
    open_blog_example(w)
    trigger(w, "tutorial")  # Help › Tutorial
    settle()
    assert w.palette_dock.isVisible() and w.tutorial.dock.isVisible()
    width, zoom = w.view.width(), w.view.zoom  # as the app fitted the opened graph
    toggle_presentation(qtbot, w)
    assert not w.palette_dock.isVisible() and not w.tutorial.dock.isVisible()
    # (the right-hand column takes some of the Palette's room for its larger text: test_presentation_text.py)
    assert w.view.width() >= width
    # (a hair less only for the output tag, 1.5× above its card too: test_presentation_tag_menus.py)
    assert w.view.is_fitted and w.view.zoom >= zoom * 0.995
    assert w.properties_dock.isVisible() or w.backward.dock_order.isVisible()


def test_a_view_zoomed_in_on_part_of_the_graph_keeps_its_zoom(qtbot, window):
    """Fitting is for a graph shown whole: on the MLP a pass's camera shows
    its step at 70 %, and a fit took it out to 38 % (the cards unreadable)."""
    w = window
    w.resize(1280, 800)
    open_blog_example(w)
    w.view.setFocus()
    for _ in range(4):
        press(qtbot, w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not w.view.shows_whole()
    zoom, centre = w.view.zoom, w.view.center_scene_pos()
    toggle_presentation(qtbot, w)
    assert not w.palette_dock.isVisible()
    assert w.view.zoom == zoom
    assert (w.view.center_scene_pos() - centre).manhattanLength() < 2
    toggle_presentation(qtbot, w)
    assert w.view.zoom == zoom


def test_off_puts_the_panels_back_exactly_as_they_were(qtbot, window):
    """Also where the teacher widened the right column for the larger text meanwhile."""
    w = window
    w.resize(1280, 800)
    open_blog_example(w)
    trigger(w, "tutorial")
    w.history_dock.show()  # a panel of the user's own, tabbed with Properties
    qtbot.wait(FIT_MS + 100)  # the tutorial has fitted its height
    docks = w.docks.all()
    shown = {d.objectName(): d.isVisible() for d in docks}

    def on_screen(d) -> bool:  # (a tab behind another is placed off the window, as tall as its title asks)
        return d.isVisible() and not d.visibleRegion().isEmpty()

    places = {d.objectName(): (w.dockWidgetArea(d), d.geometry()) for d in docks if on_screen(d)}
    toggle_presentation(qtbot, w)
    w.resizeDocks([w.properties_dock], [w.properties_dock.width() + 150], Qt.Orientation.Horizontal)
    settle()
    toggle_presentation(qtbot, w)
    assert {d.objectName(): d.isVisible() for d in docks} == shown
    assert {d.objectName(): (w.dockWidgetArea(d), d.geometry()) for d in docks if on_screen(d)} == places
    assert w.history_dock in w.tabifiedDockWidgets(w.properties_dock)
    qtbot.wait(FIT_MS + 100)
    assert {d.objectName(): (w.dockWidgetArea(d), d.geometry()) for d in docks if on_screen(d)} == places


def test_a_panel_shown_or_hidden_while_presenting_stays_so_afterwards(qtbot, window):
    w = window
    open_blog_example(w)
    assert not w.history_dock.isVisible()
    toggle_presentation(qtbot, w)
    menu_action(w.docks_menu, "toggle_dock_history").trigger()  # View › Panels › Undo History
    w.properties_dock.toggleViewAction().trigger()  # and Properties closed
    settle()
    toggle_presentation(qtbot, w)
    assert w.history_dock.isVisible() and w.properties_dock.isHidden()
    assert w.palette_dock.isVisible()  # what presenting hid comes back


def test_closing_while_presenting_keeps_the_layout_from_before_and_it_starts_off(qtbot, answers):
    first = make_window(qtbot, answers)
    open_blog_example(first)
    normal = text_sizes(first)
    toggle_presentation(qtbot, first)
    assert not first.palette_dock.isVisible()
    first.undo_stack.setClean()
    assert first.close()

    second = make_window(qtbot, answers)
    open_blog_example(second)
    assert not menu_action(second.menus["view"], "presentation").isChecked()
    assert second.palette_dock.isVisible()
    assert text_sizes(second) == normal


def test_a_pass_run_while_presenting_keeps_the_welcome_page_aside_after(qtbot, window):
    """Trial 49: the Tutorial's welcome page came back when Presentation Mode
    was turned off, though a pass had run meanwhile (which puts it aside
    when it shows); Help › Tutorial still brings it back."""
    w = window
    w.resize(1280, 800)
    open_blog_example(w)
    trigger(w, "tutorial")  # the welcome page
    settle()
    assert w.tutorial.dock.isVisible() and not w.tutorial.started
    toggle_presentation(qtbot, w)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    press(qtbot, w, Qt.Key.Key_Right)
    toggle_presentation(qtbot, w)
    settle()
    assert not w.tutorial.dock.isVisible()
    assert w.palette_dock.isVisible()  # (the Palette comes back as before)
    trigger(w, "tutorial")
    settle()
    assert w.tutorial.dock.isVisible()
    toggle_presentation(qtbot, w)  # on and off again, nothing run: the page the user opened comes back
    toggle_presentation(qtbot, w)
    settle()
    assert w.tutorial.dock.isVisible()
