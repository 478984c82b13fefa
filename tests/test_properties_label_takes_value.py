"""Properties' Label field takes ``a = 2`` for a leaf as the canvas's name
box does (t71: it made the label "a = 2"): name and value in one undo step;
an operator's field refuses a value part, saying why; ``loss=mse`` stays a label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_after_properties_edit import type_in_field
from window_helpers import answers, tmp_settings, window  # noqa: F401


def _enter(qtbot, w) -> None:
    qtbot.keyClick(w.properties.label_edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_a_leafs_label_field_takes_name_and_value_in_one_step(qtbot, window):
    w = window
    leaf = type_in_field(qtbot, w, "leaf", lambda p: p.label_edit, "q = 2.5")
    old = w.model.value(leaf)
    assert old != 2.5
    _enter(qtbot, w)
    assert w.model.label(leaf) == "q" and w.model.value(leaf) == 2.5
    assert w.properties.label_edit.text() == "q"
    assert w.properties.value_edit.text() in ("2.5", "2.50")
    assert w.undo_stack.undoText() == "Set q = 2.5"
    w.undo_stack.undo()
    QApplication.processEvents()
    assert w.model.label(leaf) != "q" and w.model.value(leaf) == old


def test_a_word_after_the_equals_sign_stays_a_label(qtbot, window):
    w = window
    leaf = type_in_field(qtbot, w, "leaf", lambda p: p.label_edit, "loss=mse")
    _enter(qtbot, w)
    assert w.model.label(leaf) == "loss=mse"


def test_an_operators_label_field_refuses_a_value_saying_why(qtbot, window):
    w = window
    node = type_in_field(qtbot, w, "mul", lambda p: p.label_edit, "e = 4")
    before = w.model.label(node)
    _enter(qtbot, w)
    assert w.model.label(node) == before
    qtbot.waitUntil(lambda: "value comes from its inputs" in w.status_text())
