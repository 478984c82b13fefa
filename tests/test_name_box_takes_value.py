"""Trial 71 #1, in the window as the learner drove it with the mouse: the
Tutorial's hint "double-click its name and type a = 2" made the label
"a = 2" (the value stayed 0) and the hint repeated itself. The name box
now takes ``name = value`` as the new Value's box does (an operator's
refuses a value part, saying why), the hint waits while a box is open, and
after an Undo it names the leaf the learner placed for a, never "name it b"."""

from __future__ import annotations

from canvas_helpers import double_click
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLineEdit
from test_tutorial_gui import COL, drop, open_tutorial, place_leaf, settle, title
from test_tutorial_gui import type_into_editor as type_in
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.window.main_window import MainWindow


def name_spot(w: MainWindow, node: str) -> QPointF:
    return w.scene.node_item(node).mapToScene(QPointF(-40, -22))  # its name, top left of the card


def box(w: MainWindow) -> QLineEdit | None:
    return w.scene.interaction.inline_editor


def test_the_tutorials_rename_hint_works_as_it_says(qtbot, window):
    w = window
    w.resize(1400, 900)
    open_tutorial(qtbot, w)  # an empty window: step 1 is done at once
    panel = w.tutorial.panel
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    assert title(w) == "Place a leaf a = 2"

    leaf = drop(w, "leaf", COL[0], -60)  # the new Value's box opens at once
    assert box(w) is not None and box(w).hasFocus()
    assert not panel.todo.isVisible(), panel.todo.text()  # typing there would do: no other advice
    qtbot.keyClick(box(w), Qt.Key.Key_Escape)  # the learner lets it be
    settle()
    assert box(w) is None and w.model.label(leaf) == leaf
    hint = f"The new leaf is called {leaf}: name it a (double-click its name and type a = 2)."
    assert panel.todo.isVisible() and panel.todo.text() == hint

    double_click(w.view, name_spot(w, leaf))  # as the hint says
    assert box(w) is not None and box(w).objectName() == "inline_label_editor"
    assert not panel.todo.isVisible()
    type_in(qtbot, w, "a = 2")
    assert w.model.label(leaf) == "a" and w.model.value(leaf) == 2.0
    assert title(w) == "Place a leaf b = −3"
    assert w.undo_stack.undoText() == "Set a = 2"  # one undo step

    w.undo_stack.undo()  # (Edit › Undo): the leaf is leaf1 = 0 again; the step stays at b
    settle()
    assert w.model.label(leaf) == leaf and w.model.value(leaf) == 0.0
    assert title(w) == "Place a leaf b = −3"
    said = panel.todo.text()
    assert "name it b" not in said, said  # (it told the learner to rename their a into b)
    assert said == (
        f"There is no leaf a any more: to make {leaf} the a again, double-click its name and type a = 2."
    )
    double_click(w.view, name_spot(w, leaf))
    type_in(qtbot, w, "a = 2")
    b = drop(w, "leaf", COL[0], 60)
    qtbot.keyClick(box(w), Qt.Key.Key_Escape)
    settle()
    said = panel.todo.text()
    assert said == f"The new leaf is called {b}: name it b (double-click its name and type b = -3)."
    double_click(w.view, name_spot(w, b))
    type_in(qtbot, w, "b = -3")
    assert (w.model.label(b), w.model.value(b)) == ("b", -3.0)
    assert title(w) == "Multiply: e = a·b"


def test_an_operators_name_box_refuses_a_value_part_and_says_why(qtbot, window):
    w = window
    w.resize(1400, 900)
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    a = place_leaf(qtbot, w, "a = 2", COL[0], -60)
    mul = drop(w, "mul", COL[1], 0)
    label = w.model.label(mul)
    double_click(w.view, name_spot(w, mul))
    type_in(qtbot, w, "e = 5")
    ed = box(w)
    assert ed is not None and ed.isVisible() and "fff1f1" in ed.styleSheet()  # kept open, marked
    assert w.model.label(mul) == label
    assert w.status_text() == (
        f"Only a name here: {label} is a × (Multiply) node, its value comes from its inputs "
        "(type e) · a Value's box takes name = number"
    )
    type_in(qtbot, w, "e")
    assert box(w) is None and w.model.label(mul) == "e"
    double_click(w.view, name_spot(w, mul))
    type_in(qtbot, w, "= 3")  # a value alone: refused too, e's name as it is (never "E")
    assert w.status_text().startswith("Only a name here: e is a × (Multiply) node")
    qtbot.keyClick(box(w), Qt.Key.Key_Escape)

    # a leaf's name box: a formula is not a number, said with where formulas go; a plain name is a name
    double_click(w.view, name_spot(w, a))
    type_in(qtbot, w, "L = a*b + c")
    assert box(w) is not None and w.model.label(a) == "a" and w.model.value(a) == 2.0
    assert w.status_text() == (
        "Not changed: 'a*b + c' is not a number · this box takes a name, or name = number (a = 2) · "
        "to build a formula, type it in the f(x) bar"
    )
    type_in(qtbot, w, "= 7")  # the value alone
    assert (w.model.label(a), w.model.value(a)) == ("a", 7.0)
    double_click(w.view, name_spot(w, a))
    type_in(qtbot, w, "x1")
    assert (w.model.label(a), w.model.value(a)) == ("x1", 7.0)
