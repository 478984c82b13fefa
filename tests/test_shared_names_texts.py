"""Trial 69: texts about the chain rule that misled a student.

#6: two cards named a (the start-up example's e renamed a) read "Computes
a = a × b", "∂a/∂a = b = −3" and "a.grad += a.grad × ∂a/∂a" — for a
student ∂a/∂a is 1. Where a label is shared, the texts tell the cards
apart as the Order list does: "a (id e)", and in a formula "(a, id e)"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_properties_port_names import shown, started
from window_helpers import answers, click_item, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def rename_in_properties(qtbot, w, node: str, name: str) -> None:
    """``node``'s card clicked, ``name`` typed into Properties › Label, Enter."""
    click_item(qtbot, w, w.scene.node_item(node))
    ed = w.properties.label_edit
    ed.setFocus()
    ed.selectAll()
    qtbot.keyClicks(ed, name)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_two_cards_named_a_are_told_apart_in_properties_and_the_chain_rule(qtbot, window):
    w = window
    started(qtbot, w)
    rename_in_properties(qtbot, w, "e", "a")
    assert w.model.label("e") == "a"
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    click_item(qtbot, w, w.scene.node_item("e"))
    p = w.properties
    assert p.node_id == "e"
    assert shown(p.formula_label) == "(a, id e) = (a, id a) × b"
    assert shown(p.derivative_label).splitlines() == [
        "∂(a, id e)/∂(a, id a) = b = −3",
        "∂(a, id e)/∂b = (a, id a) = 2",
    ]
    text = w.backward.chain_panel.text()
    assert "∂a/∂a" not in text and "a = a × b" not in text, text
    assert "(a, id a).grad += (a, id e).grad × ∂(a, id e)/∂(a, id a) = −2 × (−3) = 6" in text, text
    assert "(a, id e) = (a, id a) × b = 2 × (−3) = −6" in text, text
    # the leaf a: its gradient from the card e, named so
    click_item(qtbot, w, w.scene.node_item("a"))
    text = w.backward.chain_panel.text()
    assert "from a (id e): (a, id e).grad × ∂(a, id e)/∂(a, id a) = −2 × (−3) = 6" in text, text
    assert shown(p.slope_label).startswith("= the slope of L where a (id a) is 2:"), shown(p.slope_label)
    panel = w.backward.chain_panel
    qtbot.waitUntil(
        lambda: "(the slope of L where a (id a) is 2: nudging a (id a) by" in panel.text(), timeout=2000
    )
    # one card named apart again: the texts as before
    rename_in_properties(qtbot, w, "e", "e")
    click_item(qtbot, w, w.scene.node_item("e"))
    assert shown(p.formula_label) == "e = a × b"


def test_a_formula_typed_as_a_leafs_label_is_refused_saying_where_formulas_go(qtbot, window):
    """The same trial: "L = a*b + c" typed into leaf a's Label was taken
    silently; the Chain Rule panel then read "L = a*b + c = −2 (a leaf value)"."""
    w = window
    started(qtbot, w)
    rename_in_properties(qtbot, w, "a", "L = a*b + c")
    # Properties' Label takes name = number as the canvas's name box does (t71), so a formula is
    # refused there too, saying where formulas go (before: taken as the name, then the hint)
    assert w.model.label("a") == "a" and w.model.value("a") == 2.0
    said = w.status_text()
    assert said.startswith("Not changed:") and "name = number (a = 2)" in said, said
    assert said.endswith("to build a formula, type it in the f(x) bar"), said
    rename_in_properties(qtbot, w, "a", "x1")  # a name: no hint
    assert "computes nothing" not in w.status_text()
