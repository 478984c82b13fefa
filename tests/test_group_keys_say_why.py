"""A group action's keys where it does not apply (issue 10; a new user's
trial): Ctrl+Shift+] (Expand All) with nothing folded, or Ctrl+[ and
Ctrl+Shift+G with no group selected, did nothing and said nothing (the
actions are disabled, and a disabled action's keys are dropped). Now the
status bar says why; the Graph menu still shows them disabled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, show_mlp, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _keys(qtbot, w, key: Qt.Key, mods) -> str:
    w.status_line.say("")
    qtbot.keyClick(w.view, key, mods)
    QApplication.processEvents()
    return w.status_text()


def test_group_keys_that_do_not_apply_say_why(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    m = w.model
    assert any(g.collapsed for g in m.groups)
    _keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL | SHIFT)  # Expand All: it applies, it opens them
    assert not any(g.collapsed for g in m.groups)
    assert not action(w, "expand_all_groups").isEnabled()  # (the menu shows it does not apply)
    assert "No folded groups to expand" in _keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL | SHIFT)
    w.scene.clearSelection()
    assert not action(w, "collapse_group").isEnabled()
    said = _keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL)  # Collapse Group
    assert "Select nodes of a group" in said and not any(g.collapsed for g in m.groups)
    assert "Select nodes of a group" in _keys(qtbot, w, Qt.Key.Key_G, CTRL | SHIFT)  # Ungroup
    assert "Select nodes of a group" in _keys(qtbot, w, Qt.Key.Key_R, CTRL | SHIFT)  # Rename Group…
    assert "No folded groups to open" in _keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL)  # Expand Group
    assert "Select the nodes to group" in _keys(qtbot, w, Qt.Key.Key_G, CTRL)  # Group…
    _keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL | SHIFT)  # Collapse All: it applies
    assert all(g.collapsed for g in m.groups if g.parent is None)
    assert "No open group to fold" in _keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL | SHIFT)
    w.scene.clearSelection()
    assert "Select a folded group's card" in _keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL)  # Expand Group


def test_a_key_that_applies_still_does_its_action_once(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    m = w.model
    entries = w.undo_stack.count()
    _keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL | SHIFT)  # Expand All
    assert not any(g.collapsed for g in m.groups) and w.undo_stack.count() == entries + 1
    _keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL | SHIFT)  # Collapse All
    assert w.undo_stack.count() == entries + 2
