"""The panels under the canvas (What If…, Hessian, Forward vs Reverse, the
Gradient Check): a trial opened three and they stacked, leaving the canvas
190 px of a 1000 px window, and they all opened again, empty, at the next
start (gui/common/dock_places.py ``open_below``, gui/window/docks.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_window_files import open_blog_example
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def _open_three(w) -> list:
    open_blog_example(w)
    fm, lr = w.backward.forward, w.learning
    fm.action_hessian.trigger()
    fm.action_compare.trigger()
    next(iter(lr.action_whatif.values())).trigger()
    QApplication.processEvents()
    return [fm.hessian_dock, fm.dock, lr.dock_whatif]


def test_panels_opened_under_the_canvas_share_one_row_as_tabs(qtbot, window):
    w = window
    w.showNormal()
    w.resize(780, 580)
    QApplication.processEvents()
    docks = _open_three(w)
    assert all(d.isVisible() and w.dockWidgetArea(d) == BOTTOM for d in docks)
    seen = [d for d in docks if not d.visibleRegion().isEmpty()]
    assert seen == [docks[2]]  # one row, tabbed (not stacked), the last opened in front
    for d in docks[1:]:
        assert docks[0] in w.tabifiedDockWidgets(d)
    # (a third asked for, its least size may be a little more; and What If… grows for its words and
    # rows as far as the graph above stays whole, its cards whole: trial 60)
    assert docks[2].height() < 0.5 * w.height()
    assert w.view.height() > 0.3 * w.height()  # (stacked, the three left it 68 px here)
    assert w.view.shows_whole()


def test_result_panels_do_not_open_again_at_the_next_start(qtbot, answers):
    first = make_window(qtbot, answers)
    first.resize(760, 560)
    docks = [d.objectName() for d in _open_three(first)]
    first.history_dock.show()  # (a panel of the user's: kept)
    QApplication.processEvents()
    assert first.close()

    second = make_window(qtbot, answers)
    QApplication.processEvents()
    fm, lr = second.backward.forward, second.learning
    assert [d.objectName() for d in (fm.hessian_dock, fm.dock, lr.dock_whatif)] == docks
    assert not any(d.isVisible() for d in (fm.hessian_dock, fm.dock, lr.dock_whatif, lr.dock_gradcheck))
    assert second.history_dock.isVisible() and second.palette_dock.isVisible()
    open_blog_example(second)
    fm.action_hessian.trigger()  # asked for again: where it was, in front
    QApplication.processEvents()
    assert fm.hessian_dock.isVisible() and second.dockWidgetArea(fm.hessian_dock) == BOTTOM


def test_a_low_result_panel_scrolls_its_words_rather_than_cutting_them(qtbot):
    """A trial's Hessian panel, squeezed, hid the first and last lines of its words."""
    from gui.backward.hessian_panel import HessianPanel

    p = HessianPanel()
    qtbot.addWidget(p)
    p.resize(700, 50)  # (its words have the whole width while it has no table: 2 lines)
    p.show()
    qtbot.waitExposed(p)
    QApplication.processEvents()
    words = p.summary.parentWidget().parentWidget()  # (the label, in its scroll area's viewport)
    bar = words.verticalScrollBar()
    assert p.summary.height() >= p.summary.heightForWidth(p.summary.width())  # whole, not cut
    assert bar.maximum() > 0  # and reachable
    bar.setValue(bar.maximum())
    p.resize(700, 400)  # room enough: nothing to scroll
    QApplication.processEvents()
    assert bar.maximum() == 0


def test_a_floating_panel_grows_no_further_than_its_screen(qtbot, window):
    """grow_by on a floating panel grew it by all it asked: the Hessian of
    120 leaves asks some 3,600 px (HessianPanel.height_missing), a panel
    taller than the screen, its bottom and resize edge off it."""
    from gui.common.dock_places import grow_by

    w = window
    dock = w.backward.forward.hessian_dock
    dock.show()
    dock.setFloating(True)
    dock.resize(500, 200)
    QApplication.processEvents()
    screen = dock.screen().availableGeometry()
    grow_by(dock, 3600)
    QApplication.processEvents()
    assert dock.height() > 200  # it grew, where there was the room
    f = dock.frameGeometry()
    assert screen.top() <= f.top() and f.bottom() <= screen.bottom(), (f, screen)
    assert f.height() > screen.height() - 10  # up, for all the height the screen has
