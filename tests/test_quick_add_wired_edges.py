"""Review 73 #3, Quick Add's wired rows at their edges, driven as a user does
(Tab, typing, Enter, Ctrl+Z): a card gone while the list is open, the undo
entry's words, a formula holding a number ("x+1" said "Nothing is called"),
and the wire from a folded group's card, level with its row."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_quick_add_typed import _tab_at

from core.graph.model import GraphModel
from gui.editing.commands import DeleteCommand
from gui.editing.palette import DETAIL_ROLE, OpDelegate


def _two_values() -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=-200, y=0)
    m.add_node("leaf", "b", label="b", value=-3.0, x=-200, y=120)
    return m


def test_a_card_gone_while_the_list_is_open_leaves_its_input_free_no_traceback(qtbot):
    model, stack, scene, view = make_canvas(qtbot, _two_values())
    qa = _tab_at(qtbot, view, QPointF(150, 300))
    qtbot.keyClicks(qa.edit, "a*b")
    assert qa.list.currentItem().text() == "Multiply a*b — wired from a, b"
    stack.push(DeleteCommand(model, ["b"]))  # (the graph changed under the open list)
    assert "b" not in model and qa.isVisible()
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)  # (a KeyError in the undo entry's words, before)
    (mul,) = [n for n in model.nodes() if model.op(n) == "mul"]
    assert model.inputs(mul) == ["a", None]
    assert stack.undoText() == "Add Multiply wired from a"
    stack.undo()
    assert mul not in model and model.consumers("a") == []
    # every card it named gone: the operation asked for, unwired (before: Enter added nothing)
    qa = _tab_at(qtbot, view, QPointF(150, 300))
    qtbot.keyClicks(qa.edit, "a**3")
    assert qa.list.currentItem().text() == "Power a**3 — wired from a"
    stack.push(DeleteCommand(model, ["a"]))
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (p,) = [n for n in model.nodes() if model.op(n) == "pow"]
    assert model.inputs(p) == [None] and model.node(p)["exponent"] == 3.0


def test_the_undo_entry_names_the_operation_as_its_row_did(qtbot):
    model, stack, scene, view = make_canvas(qtbot, _two_values())
    qa = _tab_at(qtbot, view, QPointF(150, 300))
    qtbot.keyClicks(qa.edit, "a/b")
    assert qa.list.currentItem().text() == "Divide a/b — wired from a, b"
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert stack.undoText() == "Add Divide wired from a, b"  # (was "Add div wired from a, b")
    qa = _tab_at(qtbot, view, QPointF(150, 400))
    qtbot.keyClicks(qa.edit, "b**2")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert stack.undoText() == "Add Power wired from b"


def test_a_formula_with_a_number_is_sent_to_the_fx_bar(qtbot):
    m = GraphModel()
    m.add_node("leaf", "x", label="x", value=2.0, x=-200, y=0)
    model, stack, scene, view = make_canvas(qtbot, m)
    qa = _tab_at(qtbot, view, QPointF(150, 300))
    said = {}
    for text in ("x+1", "2*x", "a*b + c", "y = x + 1"):
        qa.edit.clear()
        qtbot.keyClicks(qa.edit, text)
        assert qa.hint.isVisible() and not qa.list.isVisible(), text
        said[text] = qa.hint.text()
    assert said["x+1"] == "Quick Add wires cards, not numbers: type y = x+1 in the f(x) bar."
    assert said["2*x"] == "Quick Add wires cards, not numbers: type y = 2*x in the f(x) bar."
    assert said["a*b + c"] == "Quick Add adds one operation at a time: type y = a*b + c in the f(x) bar."
    assert said["y = x + 1"] == "y = …: Quick Add names a number (x1 = 2): type y = x + 1 in the f(x) bar."
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)  # nothing to add: the list stays, saying so
    assert qa.isVisible() and model.nodes() == ["x"]
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "zzz")  # (a word: what the list takes, as before)
    assert qa.hint.text().startswith("Nothing is called “zzz”.")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)


def test_a_card_wired_from_a_folded_group_is_level_with_its_row(qtbot):
    m = _two_values()
    m.add_node("mul", "h", label="h", x=0, y=60)
    m.connect("a", "h", 0)
    m.connect("b", "h", 1)
    g = m.groups.add({"a", "b", "h"}, "neuron")
    m.groups.set_collapsed(g, True)
    model, stack, scene, view = make_canvas(qtbot, m)
    QApplication.processEvents()
    card = scene.folding.card(scene.folding.card_of("h"))
    assert card is not None and card.isVisible() and not scene.node_item("h").isVisible()
    qa = _tab_at(qtbot, view, QPointF(250, 300))
    qtbot.keyClicks(qa.edit, "tanh(h)")
    assert qa.list.currentItem().text() == "Tanh tanh(h) — wired from h"
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (t,) = [n for n in model.nodes() if model.op(n) == "tanh"]
    out, into = scene.wire_ends("h", t, 0)
    assert out == card.output_pos("h")  # the wire leaves the folded card's row for h
    assert abs(into.y() - out.y()) < 0.5, (out, into)  # level (17 px lower, before)
    assert into.x() > card.sceneBoundingRect().right()  # right of the folded card


def test_a_long_wired_row_is_read_whole_before_enter(qtbot):
    """The popup is as wide as the list's own rows need (the delegate's measures)."""
    m = GraphModel()
    m.add_node("leaf", "alpha", label="alpha", value=2.0, x=-200, y=0)
    m.add_node("leaf", "beta_2", label="beta_2", value=3.0, x=-200, y=120)
    model, stack, scene, view = make_canvas(qtbot, m)
    qa = _tab_at(qtbot, view, QPointF(150, 300))
    qtbot.keyClicks(qa.edit, "alpha/beta_2")
    QApplication.processEvents()
    it = qa.list.currentItem()
    assert it.text() == "Divide alpha/beta_2 — wired from alpha, beta_2"
    room = qa.list.visualItemRect(it).width()
    assert OpDelegate.width_for("Divide", it.data(DETAIL_ROLE)) <= room
    assert qa.frameGeometry().right() <= view.viewport().mapToGlobal(view.viewport().rect().bottomRight()).x()
