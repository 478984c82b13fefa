"""A formula added beside a small graph never draws its wire through another
card (t69 #1): ``y = x**0.5`` then ``z = x + 1`` in the f(x) bar put z
level with x right of y, so x's wire to z entered y's input port, ran under
y and left at its output port: the picture read z = y + 1. No row in reach
cleared it (the wire leaves x level, straight into y beside it); a small
graph is then laid out anew with what is added, as Auto Layout would, its
first card kept where it is, one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_formula_bar_canvas_names import formula_with_table, typing
from test_formula_bar_wires_own_way import tangles
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.code.codeadd import AddPlan, apply_plan, revert_plan
from core.graph.model import GraphModel


def test_z_beside_y_reads_z_equals_x_plus_1(qtbot, window):
    w = window
    w.resize(1600, 1000)
    formula_with_table(qtbot, w, "y = x**0.5", typing(qtbot, "1"))
    m = w.model
    at = {m.label(n): m.position(n) for n in m.nodes()}
    formula_with_table(qtbot, w, "z = x + 1", lambda dlg: dlg.accept())  # (x from the canvas)
    QApplication.processEvents()
    assert sorted(m.label(n) for n in m.nodes()) == ["1", "x", "y", "z"]
    assert tangles(w) == []
    x = [n for n in m.nodes() if m.label(n) == "x"][0]
    assert m.position(x) == at["x"]  # (its first card where it was)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert {
        m.label(n): m.position(n) for n in m.nodes()
    } == at  # one undo: z and 1 gone, x and y as they were


def test_the_plan_s_moves_are_undone_with_it():
    m = GraphModel()
    m.add_node("leaf", "x", value=1.0, label="x")
    m.add_node("neg", "y", label="y")
    m.connect("x", "y", 0)
    m.set_position("x", 0.0, 0.0)
    m.set_position("y", 240.0, 0.0)
    plan = AddPlan(
        [("z", {"op": "neg", "label": "z", "x": 240.0, "y": 110.0})],
        [("x", "z", 0)],
        None,
        None,
        [],
        moves={"y": ((240.0, 0.0), (240.0, -110.0))},
    )
    apply_plan(m, plan)
    assert m.position("y") == (240.0, -110.0) and "z" in m
    revert_plan(m, plan)
    assert m.position("y") == (240.0, 0.0) and "z" not in m
    apply_plan(m, plan)  # (redo)
    assert m.position("y") == (240.0, -110.0)
