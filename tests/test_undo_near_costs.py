"""The undo of a big delete at readable zoom (trial 53 #3): counted, never timed.

Select All, Delete, Ctrl+Z on a 20,001-node chain at 50 % froze the app for
4 s: the undo gave all 20,000 wires an item (the benchmark's 40 ms was far
out, where they stay without one). Now a big batch of wires near, too, is
filed by where it runs, and the view makes the items of those it shows
before it paints; the rest get theirs when scrolled into view."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model, state
from test_lazy_wires import assert_region_drawn
from test_whole_selection import as_text, shown_as_new
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas import scene_build

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, view, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    QApplication.processEvents()  # (as between a user's key presses)
    qtbot.keyClick(view, key, mods)
    QApplication.processEvents()
    view.viewport().repaint()


def test_undoing_a_big_delete_at_readable_zoom_makes_only_the_wires_in_view(qtbot, window):
    m = grid_model(1200)  # 40 cards a row, 30 rows
    wires = len(m.edges())
    assert wires > 2 * scene_build.LAZY_FROM
    assert window.open_model(m, "grid")
    assert window.model is m
    scene, view = window.scene, window.view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    view.setFocus()
    qtbot.wait(100)  # (the fit opening asks for)
    view.set_zoom(0.5)  # readable: cards draw their names
    view.centerOn(QPointF(10 * 220.0, 10 * 150.0))
    view.viewport().repaint()
    assert not scene.far
    before = state(m)
    press(qtbot, view, Qt.Key.Key_A, CTRL)
    press(qtbot, view, Qt.Key.Key_Delete)
    assert len(m) == 0
    press(qtbot, view, Qt.Key.Key_Z, CTRL)
    assert as_text(state(m)) == as_text(before)
    assert len(scene.wires) == wires and view.zoom == 0.5
    made = len(scene.wires.made_items())
    assert made < wires / 4  # at most the view's (was: every wire)
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(scene, m, r) > 10  # each wire in view drawn where the model says
    # scrolled elsewhere, the wires there get theirs before they are seen
    view.centerOn(QPointF(30 * 220.0, 25 * 150.0))
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(scene, m, r) > 10
    assert len(scene.wires.made_items()) < wires / 2
    # redo and undo again: the same
    press(qtbot, view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(m) == 0
    press(qtbot, view, Qt.Key.Key_Z, CTRL)
    assert as_text(state(m)) == as_text(before)
    assert len(scene.wires.made_items()) < wires / 2
    shown_as_new(scene, m)  # and each of the others, once asked for
