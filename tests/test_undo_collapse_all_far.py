"""The undo of Collapse All on a graph Expand All left far out (trial 59 #1:
the MLP's fitted view then showed its frames and the leaves' blocks, no
other card's block and no wire, until a zoom in and out). The undo moves the
cards back out while they are folded away; shown again, the overview's
bounds take them in (Qt draws an item only inside its bounds)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

SHIFT_CTRL = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier


def picture(w):
    for _ in range(3):
        QApplication.processEvents()
    return w.view.viewport().grab().toImage()


def test_undo_of_collapse_all_draws_the_expanded_graph_as_expand_all_did(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, SHIFT_CTRL)  # Expand All: fitted, far out
    assert not any(g.collapsed for g in w.model.groups) and w.scene.far
    expanded = picture(w)
    qtbot.keyClick(w.view, Qt.Key.Key_BracketLeft, SHIFT_CTRL)  # Collapse All: fitted, near
    assert all(g.collapsed for g in w.model.groups if g.parent is None)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not any(g.collapsed for g in w.model.groups) and w.scene.far
    overview = w.scene._layer.boundingRect()
    assert overview.contains(w.scene.graph_rect())  # every card shown lies where the overview draws
    assert picture(w) == expanded
