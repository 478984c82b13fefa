"""Quick Add wires what it adds from the keyboard (trial 72 #5): Tab, ``x = 2``,
Enter, then Tab, ``x**3``, Enter made an unwired Power ("pow1 = ?") with x
selected, and a keyboard user had no way to wire it. Now the cards the text
names, else the selected ones, go into the new operation's inputs, the row
says so before Enter, and the node with its wires is one undo entry."""

from __future__ import annotations

import math

from canvas_helpers import click, make_canvas
from PySide6.QtCore import QPointF, Qt
from test_quick_add_typed import _tab_at
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.graph.model import GraphModel


def _type(qtbot, view, text, scene_pt=QPointF(0, 0)):
    """Tab, ``text``: the popup, its first row's words (what Enter adds)."""
    qa = _tab_at(qtbot, view, scene_pt)
    qtbot.keyClicks(qa.edit, text)
    return qa, qa.list.currentItem().text()


def _enter(qtbot, qa):
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert not qa.isVisible()


def _card_rect(scene, n):
    return scene.node_item(n).sceneBoundingRect()


def test_x_selected_then_x_cubed_is_a_power_wired_from_x_one_undo_entry(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    qa, _ = _type(qtbot, view, "x = 2", QPointF(-200, 0))
    _enter(qtbot, qa)
    (x,) = model.nodes()
    assert scene.selected_ids() == [x] and model.label(x) == "x"
    qa, row = _type(qtbot, view, "x**3", QPointF(-200, 0))
    assert row == "Power x**3 — wired from x"  # said before Enter
    _enter(qtbot, qa)
    (p,) = [n for n in model.nodes() if n != x]
    assert model.op(p) == "pow" and model.node(p)["exponent"] == 3.0
    assert model.inputs(p) == [x]
    assert model.value(p) == 8.0  # live: pow1 = 8 for x = 2
    assert model.label(p) == p  # (its id, as any new card's: "pow1 = 8")
    assert scene.selected_ids() == [p]  # the next Tab chains on it
    assert _card_rect(scene, p).left() > _card_rect(scene, x).right()  # right of its input
    assert stack.count() == 2  # the Value, then the Power with its wire: one entry
    assert "wired from x" in stack.undoText()
    stack.undo()
    assert model.nodes() == [x] and model.consumers(x) == []
    stack.redo()
    assert model.op(p) == "pow" and model.inputs(p) == [x] and model.value(p) == 8.0
    stack.undo()
    stack.undo()
    assert model.nodes() == []
    stack.redo()
    stack.redo()
    assert model.inputs(p) == [x] and model.value(p) == 8.0


def test_tab_tanh_chains_on_the_node_just_added(qtbot):
    m = GraphModel()
    m.add_node("leaf", "x", label="x", value=0.5, x=0, y=0)
    model, stack, scene, view = make_canvas(qtbot, m)
    click(view, QPointF(0, 0))
    assert scene.selected_ids() == ["x"]
    qa, row = _type(qtbot, view, "pow", QPointF(0, 250))
    assert row == "Power x**2 — wired from x"  # (the exponent a new Power has)
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
    assert not qa.isVisible() and model.nodes() == ["x"]
    qa, row = _type(qtbot, view, "**2", QPointF(0, 250))
    assert row == "Power x**2 — wired from x"
    _enter(qtbot, qa)
    (p,) = [n for n in model.nodes() if model.op(n) == "pow"]
    qa, row = _type(qtbot, view, "tanh", QPointF(0, 250))
    assert row == f"Tanh tanh({p}) — wired from {p}"
    _enter(qtbot, qa)
    (t,) = [n for n in model.nodes() if model.op(n) == "tanh"]
    assert model.inputs(t) == [p] and model.inputs(p) == ["x"]
    assert math.isclose(model.value(t), math.tanh(0.25))
    assert scene.selected_ids() == [t]
    assert _card_rect(scene, t).left() > _card_rect(scene, p).right() > _card_rect(scene, "x").right()
    assert stack.count() == 2
    stack.undo()
    assert model.consumers(p) == [] and t not in model


def test_names_typed_wire_those_cards_not_the_selection(qtbot):
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=0, y=0)
    m.add_node("leaf", "b", label="b", value=-3.0, x=0, y=120)
    m.add_node("leaf", "c", label="c", value=10.0, x=0, y=240)
    model, stack, scene, view = make_canvas(qtbot, m)
    click(view, QPointF(0, 240))  # c selected
    assert scene.selected_ids() == ["c"]
    qa, row = _type(qtbot, view, "b*a", QPointF(300, 400))
    assert row == "Multiply b*a — wired from b, a"
    _enter(qtbot, qa)
    (mul,) = [n for n in model.nodes() if model.op(n) == "mul"]
    assert model.inputs(mul) == ["b", "a"] and model.value(mul) == -6.0
    assert model.consumers("c") == []
    # a name no card has: that input is left free, and the row says so
    qa, row = _type(qtbot, view, "a + q", QPointF(300, 400))
    assert row == "Add a + q — wired from a (no card is named q)"
    _enter(qtbot, qa)
    (add,) = [n for n in model.nodes() if model.op(n) == "add"]
    assert model.inputs(add) == ["a", None]
    # no name found: the selected card goes in, the row saying the name is no card's
    qa, row = _type(qtbot, view, "q**3", QPointF(300, 400))
    assert row == f"Power {add}**3 — wired from {add} (no card is named q)"
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert model.consumers("a") == [] and model.consumers("b") == []


def test_selected_cards_go_in_top_to_bottom_and_only_as_many_as_its_inputs(qtbot):
    m = GraphModel()
    m.add_node("leaf", "d", label="d", value=4.0, x=0, y=150)  # lower
    m.add_node("leaf", "f", label="f", value=-2.0, x=40, y=0)  # upper
    model, stack, scene, view = make_canvas(qtbot, m)
    click(view, QPointF(0, 150))
    click(view, QPointF(40, 0), Qt.KeyboardModifier.ControlModifier)
    assert set(scene.selected_ids()) == {"d", "f"}
    qa, row = _type(qtbot, view, "sub", QPointF(400, 400))
    assert row == "Subtract f - d — wired from f, d"
    _enter(qtbot, qa)
    (s,) = [n for n in model.nodes() if model.op(n) == "sub"]
    assert model.inputs(s) == ["f", "d"] and model.value(s) == -6.0
    # three selected into a one-input Tanh: the upper one goes in, the row says the rest are left out
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(scene.selected_ids()) == 3
    qa, row = _type(qtbot, view, "tanh", QPointF(400, 400))
    assert row.startswith("Tanh tanh(f) — wired from f") and "+2 left out" in row
    _enter(qtbot, qa)
    (t,) = [n for n in model.nodes() if model.op(n) == "tanh"]
    assert model.inputs(t) == ["f"]
    # nothing selected and no name typed: unwired, as ever
    click(view, QPointF(-300, -300))
    assert scene.selected_ids() == []
    qa, row = _type(qtbot, view, "relu", QPointF(-300, -300))
    assert row == "ReLU"
    _enter(qtbot, qa)
    (r,) = [n for n in model.nodes() if model.op(n) == "relu"]
    assert model.inputs(r) == [None]
    # a Value typed with cards selected: a Value, no wire
    click(view, QPointF(0, 150))
    qa, row = _type(qtbot, view, "2.5", QPointF(-300, 300))
    assert row == "Value 2.5"
    _enter(qtbot, qa)
    assert model.consumers("d") == [(s, 1)]


def test_in_the_window_ctrl_z_takes_the_power_and_its_wire_ctrl_y_brings_both(qtbot, window):
    """The trial's steps in the app: File › New, Tab x = 2, Tab x**3; Ctrl+Z and Ctrl+Y as keys."""
    w = window
    trigger(w, "new")
    view = w.view
    qa, _ = _type(qtbot, view, "x = 2", view.mapToScene(view.viewport().rect().center()))
    _enter(qtbot, qa)
    w.activateWindow()  # (offscreen, the closed popup stays the active window)
    qa, row = _type(qtbot, view, "x**3", view.mapToScene(view.viewport().rect().center()))
    assert row == "Power x**3 — wired from x"
    _enter(qtbot, qa)
    w.activateWindow()
    (x,) = [n for n in w.model.nodes() if w.model.op(n) == "leaf"]
    (p,) = [n for n in w.model.nodes() if w.model.op(n) == "pow"]
    assert w.model.inputs(p) == [x] and w.model.value(p) == 8.0
    assert scene_value_text(w, p) == "8.0000"  # the card shows it
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert p not in w.model and w.model.consumers(x) == []
    assert "Undid: Add Power wired from x" in w.status_text()  # (as its row said: "Power x**3")
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert w.model.inputs(p) == [x] and w.model.value(p) == 8.0
    assert scene_value_text(w, p) == "8.0000"


def scene_value_text(w, n) -> str:
    """The value the card of ``n`` shows."""
    return w.scene.node_item(n).value_text
