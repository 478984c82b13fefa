"""Ungroup of a group opened in place says Layout tidies what it leaves (trial 73 #11: "layer 1
[1]" double-clicked open, its tab's Ungroup left its cards where the opened frame had pushed
them, wires looping backwards, and the status line said only "its nodes stay where they are")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_group_menus import right_click
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401


def test_ungrouping_a_layer_opened_in_place_points_to_layout(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    folding = w.scene.folding
    card = next(c for c in folding.cards() if c.label == "layer 1 [1]")
    gid = card.gid
    at = w.view.mapFromScene(card.sceneBoundingRect().center())
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # open it in place
    QApplication.processEvents()
    folding.settle()
    assert not w.model.groups.get(gid).collapsed
    frame = folding.frame(gid)
    right_click(qtbot, w, frame.mapToScene(frame.title_rect().center()), "ctx_group_ungroup")
    QApplication.processEvents()
    assert gid not in w.model.groups
    said = w.status_text()
    assert "Ungrouped “layer 1 [1]”" in said and "Layout (Ctrl+L)" in said, said
    w.grab().save("/tmp/fix72f-ungroup.png")


def test_ungrouping_a_group_opened_by_expand_all_says_nothing_of_layout(qtbot, window):
    """A group never opened in place pushed nothing aside: no hint."""
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # Expand All: no one opened in place
    QApplication.processEvents()
    w.scene.folding.settle()
    g = next(g for g in w.model.groups if g.label == "neuron 1.1 [1]")
    frame = w.scene.folding.frame(g.id)
    w.view.set_zoom(1.0, center=frame.outline().center())
    QApplication.processEvents()
    right_click(qtbot, w, frame.mapToScene(frame.title_rect().center()), "ctx_group_ungroup")
    QApplication.processEvents()
    assert g.id not in w.model.groups
    said = w.status_text()
    assert "Ungrouped “neuron 1.1 [1]”" in said and "Layout" not in said, said
