"""Trial 50 #12 and #13: Quick Add (Tab, or a wire dropped on empty canvas)
knows the names a lecture uses. ``**2``, ``^``, ``x**3``, ``square`` add a
Power with that exponent; ``*``, ``-``, ``ln`` find their operation; ``0,7``
says to use a decimal point. Driven as a user: Tab or a drag, typing, Enter."""

from __future__ import annotations

from canvas_helpers import drag, in_port, make_canvas, out_port
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_quick_add_typed import _tab_at
from test_wire_to_empty import two_leaves, type_and_enter


def _powers(model) -> list[float]:
    return [model.node(n)["exponent"] for n in model.nodes() if model.op(n) == "pow"]


def test_tab_then_a_power_as_the_lecture_writes_it_adds_power_with_its_exponent(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    for typed, k in [("**2", 2.0), ("x**2", 2.0), ("square", 2.0), ("**3", 3.0), ("^", 2.0)]:
        qa = _tab_at(qtbot, view, QPointF(0, 0))
        qtbot.keyClicks(qa.edit, typed)
        assert qa.list.isVisible() and not qa.hint.isVisible(), (typed, qa.hint.text())
        assert qa.list.item(0).text() == f"Power x**{k:g}", typed
        assert qa.visible_ops().count("pow") == 1  # one Power row: the exponent typed
        qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
        QApplication.processEvents()
        assert _powers(model)[-1] == k, typed
        stack.undo()
        assert _powers(model) == []


def test_a_wire_dropped_on_empty_canvas_takes_a_typed_power(qtbot):
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drag(view, out_port(scene, "a"), QPointF(250, -150))
    type_and_enter(qtbot, "**3")
    (new,) = [n for n in m.nodes() if m.op(n) == "pow"]
    assert m.inputs(new) == ["a"] and m.node(new)["exponent"] == 3.0 and m.value(new) == 0.125
    assert stack.count() == 1
    drag(view, in_port(scene, "p", 1), QPointF(0, 300))  # into an input: the Power feeds it
    type_and_enter(qtbot, "**2")
    (feeds,) = [n for n in m.nodes() if m.op(n) == "pow" and n != new]
    assert m.inputs("p") == [None, feeds] and m.node(feeds)["exponent"] == 2.0


def test_the_lectures_symbols_find_their_operations(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    for typed, op in [("*", "mul"), ("-", "sub"), ("/", "div"), ("+", "add"), ("ln", "log"), ("e**", "exp")]:
        qa.edit.clear()
        qtbot.keyClicks(qa.edit, typed)
        assert op in qa.visible_ops(), (typed, qa.visible_ops(), qa.hint.text())
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "e**")
    assert qa.visible_ops()[0] == "exp"  # Euler's e: no Power of a leaf e
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)


def test_a_decimal_comma_is_told_to_be_a_point(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, "0,7")
    assert qa.hint.isVisible() and qa.hint.text() == "“0,7” is not a number: use a decimal point: 0.7."
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "x = 0,7")
    assert qa.hint.text() == "x = …: use a decimal point: x = 0.7."
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert model.nodes() == []
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
