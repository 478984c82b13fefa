"""A frame wider than the view keeps its name in view (issue 10; a new
user's trial at a 1400 px canvas: stepping through the expanded MLP, the
step's "layer 3 [4]" frame showed without its name, its tab off to the
left). Near, a frame the view's left edge cuts has its tab moved along its
top to that edge, never past the frame's end; the moved tab is the tab:
its name selects the group, its ▾ folds it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, hover_tip, open_mlp_file, tmp_settings, window  # noqa: F401


def _expanded_at_100(qtbot, w, tmp_path):
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl | Qt.KeyboardModifier.ShiftModifier)  # Expand All
    qtbot.keyClick(w.view, Qt.Key.Key_0, ctrl)  # 100 %
    QApplication.processEvents()


def _seen(w):
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def test_a_frame_cut_on_the_left_keeps_its_tab_in_view_and_working(qtbot, window, tmp_path):
    w = window
    _expanded_at_100(qtbot, w, tmp_path)
    folding = w.scene.folding
    gid = next(g for g in w.model.groups.ids() if w.model.groups.get(g).label == "layer 1 [1]")
    frame = folding.frame(gid)
    r = frame.outline()
    # the view's left edge a third of the way into the frame, its top in view
    w.view.centerOn(r.left() + r.width() / 3 + _seen(w).width() / 2, r.top() + _seen(w).height() / 2 - 40)
    w.view.viewport().repaint()
    QApplication.processEvents()
    seen = _seen(w)
    assert seen.left() > r.left() and seen.top() < r.top()  # (the test's point: the frame cut on the left)
    tab = frame.mapRectToScene(frame.title_rect())
    assert seen.contains(tab), (tab, seen)
    assert tab.left() >= seen.left() and tab.right() <= r.right()
    # the name on the moved tab selects the group, as on a tab at its corner
    w.scene.clearSelection()
    name = w.view.mapFromScene(tab.center() + (tab.width() / 4) * QPoint(1, 0).toPointF())
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=name)
    QApplication.processEvents()
    chosen = {it.node_id for it in w.scene.selectedItems() if hasattr(it, "node_id")}
    assert chosen == set(w.model.groups.nodes_in(gid))
    # scrolled back so the frame's corner shows: the tab goes back to it
    w.view.centerOn(r.left() - 200 + _seen(w).width() / 2, r.top() + _seen(w).height() / 2 - 40)
    w.view.viewport().repaint()
    QApplication.processEvents()
    assert frame.mapRectToScene(frame.title_rect()).left() == r.left() + 2  # (outline: the rect and 2)
    # and the ▾ of a moved tab folds the group
    w.view.centerOn(r.left() + r.width() / 3 + _seen(w).width() / 2, r.top() + _seen(w).height() / 2 - 40)
    w.view.viewport().repaint()
    QApplication.processEvents()
    toggle = frame.mapRectToScene(frame.toggle_rect()).center()
    assert _seen(w).contains(toggle)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=w.view.mapFromScene(toggle))
    QApplication.processEvents()
    assert w.model.groups.get(gid).collapsed


def test_hovering_a_folded_card_or_a_frames_tab_shows_its_tooltip(qtbot, window, tmp_path):
    """A new user's trial: hovering "layer 1 [1]" folded, or an open frame's
    tab, showed nothing (the canvas asked only for ports, cards and wires)."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)  # the layers folded
    folding = w.scene.folding
    gid = next(g for g in w.model.groups.ids() if w.model.groups.get(g).label == "layer 1 [1]")
    card = folding.card(gid)
    tip = hover_tip(w, card.mapToScene(card.rect().center()))
    assert "Group “layer 1 [1]”, folded" in tip and "Double-click" in tip
    w.grouping.set_collapsed([gid], False)  # opened: its frame's tab
    QApplication.processEvents()
    frame = folding.frame(gid)
    tab = frame.mapRectToScene(frame.title_rect())
    assert "Group “layer 1 [1]”: click the ▾" in hover_tip(w, tab.center())
    inside = next(n for n in w.model.groups.nodes_in(gid) if w.model.op(n) == "tanh")  # a card in it: its own
    item = w.scene.node_item(inside)
    tip = hover_tip(w, item.mapToScene(item.rect().center()))
    assert tip and "Group" not in tip
