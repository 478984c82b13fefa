"""Verify 59: Rename Group and Ctrl+[ said nothing in the status line (it
went back to "Group … selected") and left nothing in View › Status
Messages, where Group and Ungroup say what they did and how to undo it.
Each way a user folds, opens or renames a group now says what it did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import keys
from test_groups_gui import type_name_soon
from window_helpers import answers, click_item, show_mlp, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _said(w) -> list[str]:
    return [m for _t, m in w.status_line.log.said()]


def test_folding_opening_and_renaming_a_group_each_say_what_they_did(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    gid = next(g.id for g in w.model.groups if g.label == "layer 2 [4]")
    n = len(w.model.groups.nodes_in(gid))
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)  # opened in place
    assert not w.model.groups.get(gid).collapsed
    assert f"Opened “layer 2 [4]” ({n} nodes)" in w.status_text()
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL)  # Ctrl+[: folded again
    assert w.model.groups.get(gid).collapsed
    assert "Folded “layer 2 [4]”" in w.status_text() and "Ctrl+] opens it" in w.status_text()
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL)  # Ctrl+] on the selected card
    assert not w.model.groups.get(gid).collapsed
    assert "Opened “layer 2 [4]”" in w.status_text()
    type_name_soon(qtbot, "last layer 2")
    keys(qtbot, w, Qt.Key.Key_R, CTRL | SHIFT)  # Rename Group…
    assert w.model.groups.get(gid).label == "last layer 2"
    assert "Renamed group “layer 2 [4]” to “last layer 2”" in w.status_text()
    assert any(m.startswith("Folded “layer 2 [4]”") for m in _said(w))  # (Status Messages lists them)
    assert _said(w)[0].startswith("Renamed group")


def test_expand_all_and_collapse_all_say_how_many_groups(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    folded = sum(g.collapsed for g in w.model.groups)
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL | SHIFT)
    assert f"Opened {folded} groups" in w.status_text()
    top = sum(g.parent is None for g in w.model.groups)
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL | SHIFT)
    assert f"Folded {top} groups into their cards" in w.status_text()
    QApplication.processEvents()
