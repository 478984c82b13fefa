"""Trial 69 #2, in the window as the student drove it: the Tutorial says
what is wrong when a step's check fails for a near miss (a leaf typed as
``A = 2``, a pass run from d), takes the learner's own numbers (a = 3: "a
number you choose"), and its ✓ line says the numbers as they are now."""

from __future__ import annotations

from canvas_helpers import click, double_click
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from test_tutorial_gui import COL, open_tutorial, place_leaf, place_op, run_backward_to_the_end, settle, title
from test_tutorial_gui import type_into_editor as type_in
from window_helpers import answers, tmp_settings, window  # noqa: F401

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
RECASE = "The leaf is called A: names tell capitals apart, so name it a (double-click its name)."


def select(w, node: str) -> None:
    click(w.view, w.scene.node_item(node).sceneBoundingRect().center())
    settle()
    assert w.scene.selected_ids() == [node]


def test_near_misses_are_said_and_the_ticks_follow_the_numbers(qtbot, window):
    w = window
    w.resize(1400, 900)
    open_tutorial(qtbot, w)  # an empty window: step 1 is done at once
    panel = w.tutorial.panel
    w.view.resetTransform()
    w.view.centerOn(0, 0)

    a = place_leaf(qtbot, w, "A = 2", COL[0], -60)  # a capital A
    assert title(w) == "Place a leaf a = 2"
    assert panel.todo.isVisible() and panel.todo.text() == RECASE
    double_click(w.view, w.scene.node_item(a).mapToScene(QPointF(-40, -22)))  # its name
    type_in(qtbot, w, "a")
    assert title(w) == "Place a leaf b = −3"
    assert panel.praise.text() == "✓ a = 2 is a leaf: a number you choose."

    select(w, a)  # Properties › Value: 3
    value = w.findChild(QLineEdit, "properties_value")
    value.setFocus()
    value.selectAll()
    qtbot.keyClicks(value, "3")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    settle()
    assert w.model.value(a) == 3.0
    assert panel.praise.text() == (
        "✓ a = 3 is a leaf: a number you choose. (The lecture's is 2; the steps go on with yours.)"
    )
    b = place_leaf(qtbot, w, "b = -3", COL[0], 60)
    e = place_op(qtbot, w, "mul", "e", COL[1], 0, a, b)
    assert title(w) == "Add: d = e + c" and panel.praise.text() == "✓ e = a·b = −9."  # a = 3 counts
    c = place_leaf(qtbot, w, "c = 10", COL[1], -120)
    d = place_op(qtbot, w, "add", "d", COL[2], -40, e, c)
    assert panel.praise.text() == "✓ d = e + c = 1."
    f = place_leaf(qtbot, w, "f = -2", COL[2], 100)
    L = place_op(qtbot, w, "mul", "L", COL[3], 20, d, f)
    assert title(w) == "Run Backward from L"

    select(w, d)  # d made the output, as the student's earlier formula did
    qtbot.keyClick(w.view, Qt.Key.Key_O, CTRL_SHIFT)
    settle()
    assert w.model.output == d
    assert panel.todo.text().startswith("Backward starts at the output, which is d: make L the output first")
    run_backward_to_the_end(qtbot, w)  # Ctrl+B runs from d, stepped to its end
    assert title(w) == "Run Backward from L"  # not done: and now it says why
    assert panel.todo.isVisible() and panel.todo.text() == (
        "The pass ran from d, not from L: select L, then Graph › Set as Output (Ctrl+Shift+O), "
        "and press Backward again."
    )
    select(w, L)
    qtbot.keyClick(w.view, Qt.Key.Key_O, CTRL_SHIFT)
    settle()
    assert w.model.output == L
    run_backward_to_the_end(qtbot, w)
    assert title(w) == "Open a graph that uses a node twice"
    assert panel.praise.text() == "✓ Every gradient of L: a.grad = 6, b.grad = −6, c.grad = −2, f.grad = 1."
    QApplication.processEvents()
