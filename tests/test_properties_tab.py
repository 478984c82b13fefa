"""Trial 47 #8: after Backward, clicking a node said "edit it in
Properties" while the Order tab stayed in front; File › New showed the
empty Order list. With no pass under way (none run, cleared, a new graph,
or the pass at its end) Properties comes forward for a selected node;
mid-pass Order stays; a tab the user picks by hand is theirs until the
next pass starts or ends."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar
from test_class_trial import click_card
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def key(qtbot, w, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, k, mods)
    settle()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def in_front(dock) -> bool:
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def click_tab(qtbot, w, title: str) -> None:
    """Click the tab called ``title`` under the right column's tab group, as a user does."""
    for bar in w.findChildren(QTabBar):
        for i in range(bar.count()):
            if bar.tabText(i) == title and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                settle()
                return
    raise LookupError(title)


def blog_pass(qtbot, w) -> None:
    w.resize(1600, 1000)
    open_example(w, "blog_L")
    hand_mode(w)
    settle()
    key(qtbot, w, Qt.Key.Key_B, CTRL)


def test_properties_comes_forward_once_no_pass_is_under_way(qtbot, window):
    w = window
    props, order = w.properties_dock, w.backward.dock_order
    blog_pass(qtbot, w)
    assert in_front(order)  # the pass's list
    key(qtbot, w, Qt.Key.Key_Right)
    click_card(w, "a")  # mid-pass: the Order list stays, the Chain Rule shows a
    settle()
    assert in_front(order) and not in_front(props)
    assert w.backward.chain_panel.node == "a"
    key(qtbot, w, Qt.Key.Key_End)  # the pass done: a node clicked is to be looked at, or edited
    click_card(w, "e")
    settle()
    assert in_front(props) and not in_front(order)
    assert w.properties.node_id == "e"
    # Backward again: Order; Backward › Clear: Properties at once
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    assert in_front(order)
    key(qtbot, w, Qt.Key.Key_B, CTRL | SHIFT)
    assert not w.backward.animator.active
    assert in_front(props)


def test_an_edit_that_clears_the_pass_and_file_new_show_properties(qtbot, window):
    w = window
    props, order = w.properties_dock, w.backward.dock_order
    blog_pass(qtbot, w)
    key(qtbot, w, Qt.Key.Key_Right)
    assert in_front(order)
    click_card(w, "c")
    key(qtbot, w, Qt.Key.Key_Delete)  # the trial's 61: a deleted node, the pass cleared
    assert "c" not in w.model and not w.backward.animator.active
    assert in_front(props)
    key(qtbot, w, Qt.Key.Key_Z, CTRL)  # c back: Backward runs again
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    assert w.backward.animator.active and in_front(order)
    trigger(w, "new")  # the trial's 10: an empty graph
    settle()
    assert len(w.model) == 0 and in_front(props) and not in_front(order)


def test_a_tab_the_user_picks_stays_until_the_next_pass_starts_or_ends(qtbot, window):
    w = window
    props, order = w.properties_dock, w.backward.dock_order
    w.resize(1600, 1000)
    open_example(w, "blog_L")
    hand_mode(w)
    settle()
    assert in_front(props)
    click_tab(qtbot, w, "Order")  # picked by hand, with no pass
    assert in_front(order)
    click_card(w, "a")
    settle()
    assert in_front(order)  # theirs: a selection does not take it away
    # mid-pass, Properties picked by hand stays through the steps
    key(qtbot, w, Qt.Key.Key_B, CTRL)
    key(qtbot, w, Qt.Key.Key_Right)
    assert in_front(order)
    click_tab(qtbot, w, "Properties")
    assert in_front(props)
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    assert in_front(props)
    # Order picked again mid-pass, the pass run to its end: their pick holds for clicks
    click_tab(qtbot, w, "Order")
    key(qtbot, w, Qt.Key.Key_End)
    click_card(w, "b")
    settle()
    assert in_front(order)
    # the pass cleared: Properties again, and a selection keeps it
    key(qtbot, w, Qt.Key.Key_B, CTRL | SHIFT)
    assert in_front(props)
    click_card(w, "f")
    settle()
    assert in_front(props)
