"""Verify 59 #4: Expand All and Collapse All frame their result from the
file's fitted view (11 %, then 55 %), but after a group was opened in place
by a double-click (the view no longer a fit) they kept its zoom: Expand All
stayed at 55 % on a slice of layer 1, and the Collapse All after it left the
folded graph in the top-left corner, two thirds of the canvas empty. Both
are whole-graph gestures, as Auto Layout is: whatever the view, they fit
the graph they leave, as from the start (a part of the graph the user
zoomed to is left where it is, as before)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import keys
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _double_click(qtbot, w, gid: str) -> None:
    """A double-click on the folded card of ``gid`` where the view shows it (no scroll first)."""
    at = w.view.mapFromScene(w.scene.folding.card(gid).sceneBoundingRect().center())
    assert w.view.viewport().rect().contains(at)
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()


def _whole(w) -> bool:
    v = w.view
    return v.mapToScene(v.viewport().rect()).boundingRect().contains(w.scene.graph_rect())


def test_expand_and_collapse_all_after_an_open_in_place_fit_as_from_the_start(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    assert w.view.is_fitted
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL_SHIFT)  # from the start: Expand All
    assert w.view.is_fitted and _whole(w)
    expanded = w.view.zoom
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL_SHIFT)  # Collapse All
    assert w.view.is_fitted and _whole(w)
    folded = w.view.zoom

    gid = next(g.id for g in w.model.groups if g.label == "layer 2 [4]")
    _double_click(qtbot, w, gid)  # opened in place, at its zoom
    assert not w.model.groups.get(gid).collapsed and not w.view.is_fitted  # (its frame brought into view)
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL_SHIFT)  # Expand All
    assert not any(g.collapsed for g in w.model.groups)
    assert w.view.is_fitted and _whole(w), w.view.zoom
    assert abs(w.view.zoom - expanded) < 0.01 * expanded
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL_SHIFT)  # Collapse All
    assert w.view.is_fitted and _whole(w), w.view.zoom
    assert abs(w.view.zoom - folded) < 0.01 * folded

    _double_click(qtbot, w, gid)  # and Collapse All right after it
    assert not w.view.is_fitted
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL_SHIFT)
    assert w.view.is_fitted and _whole(w), w.view.zoom
    assert abs(w.view.zoom - folded) < 0.01 * folded

    w.view.set_zoom(w.view.zoom * 2)  # a part the user zoomed to: left where it is
    centre = w.view.center_scene_pos()
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL_SHIFT)
    assert not w.view.is_fitted and w.view.center_scene_pos() == centre
