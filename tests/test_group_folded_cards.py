"""Grouping folded cards leaves the new group selected (trial 59 #5): the
MLP's "layer 1 [1]" and "layer 2 [1]" box-selected, Ctrl+G, "hidden [1]",
Enter said "…; Ctrl+[ folds it", but Ctrl+[ answered that "layer 1 [1]" is
folded already, Collapse Group was disabled and Rename Group offered the
child: the selection was still the two cards. Now the new group is what
Ctrl+[, Rename and Del act on, and a rename is said in the status line."""

from __future__ import annotations

from canvas_helpers import drag
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import keys
from test_groups_gui import type_name_soon
from window_helpers import answers, menu_action, show_mlp, tmp_settings, window  # noqa: F401


def card_rect(w, label: str):
    gid = next(g.id for g in w.model.groups if g.label == label)
    return gid, w.scene.folding.card(gid).sceneBoundingRect()


def ctrl(qtbot, w, key, mods=Qt.KeyboardModifier.ControlModifier) -> None:
    """Ctrl+``key`` on the canvas, the window active again (as after a dialog closed)."""
    keys(qtbot, w, key, mods)


def box_select_and_group(qtbot, w, name: str) -> str:
    """The two first layers of data point 1 box-selected, Ctrl+G, ``name``, Enter: the new group's id."""
    l1, r1 = card_rect(w, "layer 1 [1]")
    l2, r2 = card_rect(w, "layer 2 [1]")
    box = r1.united(r2).adjusted(-12, -12, 12, 12)
    drag(w.view, box.topLeft(), box.bottomRight())  # a rubber band from the empty canvas
    assert sorted(w.scene.folding.selected_groups()) == sorted([l1, l2])
    before = set(w.model.groups.ids())
    type_name_soon(qtbot, name)
    ctrl(qtbot, w, Qt.Key.Key_G)
    (gid,) = set(w.model.groups.ids()) - before
    assert {l1, l2} == set(w.model.groups.children(gid))
    return gid


def test_ctrl_open_bracket_folds_the_group_just_made_of_folded_cards(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    gid = box_select_and_group(qtbot, w, "hidden [1]")
    assert "Ctrl+[ folds it" in w.status_text()
    assert w.grouping.action_collapse.isEnabled()
    ctrl(qtbot, w, Qt.Key.Key_BracketLeft)
    gs = w.model.groups
    assert gs.get(gid).collapsed, w.status_text()
    assert w.scene.folding.selected_groups() == [gid]  # its card, selected
    assert "folded already" not in w.status_text()


def test_rename_after_grouping_folded_cards_offers_the_new_group_and_says_its_new_name(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    gid = box_select_and_group(qtbot, w, "hidden [1]")
    rename = menu_action(w.menus["graph"], "rename_group")  # Graph › Rename Group…
    assert rename.isEnabled()
    offered: list[str] = []
    type_name_soon(qtbot, "data point 1 hidden", seen=offered)
    rename.trigger()
    QApplication.processEvents()
    assert offered == ["hidden [1]"]  # the new group's name, not "layer 1 [1]"
    assert w.model.groups.get(gid).label == "data point 1 hidden"
    w.status_line.end_message()  # (whatever the rename said for a while: the line under it)
    QApplication.processEvents()
    QApplication.processEvents()
    assert "data point 1 hidden" in w.status_text() and "“hidden [1]”" not in w.status_text()


def test_del_after_grouping_folded_cards_deletes_the_new_group_whole(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    gid = box_select_and_group(qtbot, w, "hidden [1]")
    held = w.model.groups.nodes_in(gid)
    n = len(w.model)
    ctrl(qtbot, w, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert gid not in w.model.groups and len(w.model) == n - len(held)


def test_a_name_tab_click_on_a_group_holding_folded_cards_means_that_group(qtbot, window):
    """The same selection made by clicking the open group's name tab (its
    nodes and its folded cards): Ctrl+[ folds it, not its first card."""
    w = window
    show_mlp(qtbot, w)
    gid = box_select_and_group(qtbot, w, "hidden [1]")
    w.scene.clearSelection()
    QApplication.processEvents()
    frame = w.scene.folding.frame(gid)
    tab = frame.title_rect()
    at = w.view.mapFromScene(frame.mapToScene(tab.center() + QPointF(tab.width() / 4, 0)))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()
    assert w.grouping.target() == gid
    ctrl(qtbot, w, Qt.Key.Key_BracketLeft)
    assert w.model.groups.get(gid).collapsed
