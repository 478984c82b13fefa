"""Trial 71 #2: a placed Value left as ``leaf3 = 0`` (Esc on its first box);
the learner double-clicks its number, where a mouse user aims, and types
``c = 10``: it was refused, "'c = 10' is not a number". The value box takes
``name = value`` as the new Value's box does (one undo step), and ``= 10``."""

from __future__ import annotations

from canvas_helpers import double_click
from PySide6.QtCore import QPointF, Qt
from test_tutorial_gui import COL, drop, settle
from test_tutorial_gui import type_into_editor as type_in
from window_helpers import answers, tmp_settings, window  # noqa: F401


def test_a_leafs_value_box_takes_name_equals_value(qtbot, window):
    w = window
    w.resize(1400, 900)
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    leaf = drop(w, "leaf", COL[1], -120)
    qtbot.keyClick(w.scene.interaction.inline_editor, Qt.Key.Key_Escape)  # it stays leafN = 0
    settle()
    assert w.model.label(leaf) == leaf and w.model.value(leaf) == 0.0
    number = w.scene.node_item(leaf).mapToScene(QPointF(0, 12))  # its number, mid-card

    double_click(w.view, number)
    ed = w.scene.interaction.inline_editor
    assert ed is not None and ed.objectName() == "inline_value_editor"
    type_in(qtbot, w, "c = 10")
    assert w.scene.interaction.inline_editor is None  # taken, not refused
    assert (w.model.label(leaf), w.model.value(leaf)) == ("c", 10.0)
    assert w.undo_stack.undoText() == "Set c = 10"
    w.undo_stack.undo()  # one step takes both back
    assert (w.model.label(leaf), w.model.value(leaf)) == (leaf, 0.0)
    w.undo_stack.redo()

    double_click(w.view, number)
    type_in(qtbot, w, "= -2.5")  # the value alone, the name kept
    assert (w.model.label(leaf), w.model.value(leaf)) == ("c", -2.5)
    double_click(w.view, number)
    type_in(qtbot, w, "3")  # a plain number as before
    assert (w.model.label(leaf), w.model.value(leaf)) == ("c", 3.0)
    double_click(w.view, number)
    type_in(qtbot, w, "c = ten")  # a value part that is not a number: refused, the box kept
    assert w.scene.interaction.inline_editor is not None
    assert w.status_text() == "Value of 'c' not changed: 'ten' is not a number"
    assert (w.model.label(leaf), w.model.value(leaf)) == ("c", 3.0)
