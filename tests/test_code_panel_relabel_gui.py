"""Trial 75 #1: the Code panel's Apply names every node as the code says.

The lecture's L graph applied, then the neuron with tanh written out pasted
over it: ``e + 1`` is matched to the old ``d = e + c`` (same op, fed by the
node still called e), which keeps its id, but it must not keep the name "d"
that the code no longer has, on the canvas, in Order or in the saved file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget
from snippets import BLOG_SNIPPET, LECTURE_NEURON
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.code.codeadd import import_code
from gui.code.code_editor import CodeEditor

CTRL = Qt.KeyboardModifier.ControlModifier


def paste_and_apply(qtbot, w, text: str) -> None:
    """Select all in the Code panel, paste ``text`` over it, press Ctrl+Enter."""
    e = w.findChild(CodeEditor, "code_editor")
    e.setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keySequence(e, QKeySequence(QKeySequence.StandardKey.SelectAll))
    qtbot.keySequence(e, QKeySequence(QKeySequence.StandardKey.Paste))
    assert e.toPlainText() == text
    qtbot.keyClick(e, Qt.Key.Key_Return, CTRL)
    QApplication.processEvents()


def card_label(w, nid: str) -> str:
    return next(t.text for t in w.scene.node_item(nid).texts_at(1.0) if t.kind == "label")


def test_applied_code_names_each_node_as_opening_it_as_a_new_graph_does(qtbot, window, answers, tmp_path):
    w = window
    if not w.findChild(QDockWidget, "dock_code").isVisible():
        menu_action(w.menus["view"], "toggle_dock_code").trigger()
    paste_and_apply(qtbot, w, BLOG_SNIPPET)
    m = w.model
    assert m.label("d") == "d" and m.value("L") == -8.0
    paste_and_apply(qtbot, w, LECTURE_NEURON)
    assert round(m.value("o"), 4) == 0.7071
    fresh, _ = import_code(LECTURE_NEURON)  # what Import Code › Open as New Graph makes
    assert sorted(map(m.label, m.nodes())) == sorted(map(fresh.label, fresh.nodes()))
    # the sum that the old d became is called by its code everywhere
    plus = next(n for n in m.nodes() if m.op(n) == "add" and "e" in m.inputs(n))
    assert m.label(plus) == "e + 1" and card_label(w, plus) == "e + 1"
    assert all(m.label(n) != "d" for n in m.nodes())
    answers.save_path = str(tmp_path / "neuron.mgraph")
    trigger(w, "save_as")
    saved = json.loads((tmp_path / "neuron.mgraph").read_text("utf-8"))
    assert "d" not in {n.get("label") for n in saved["nodes"]}
    assert "e + 1" in {n.get("label") for n in saved["nodes"]}
