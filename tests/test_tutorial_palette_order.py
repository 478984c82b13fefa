"""The Tutorial points the Palette at what the step asks for first: Value
for the leaf c = 10, then + Add (a trial, 71 #12: step 5 lit Add while its
words asked first for a leaf c = 10). Driven as a learner: drops, typing, drags."""

from __future__ import annotations

from canvas_helpers import double_click, drag, in_port, out_port
from PySide6.QtCore import QPointF
from test_tutorial_gui import (
    COL,
    click,
    drop,
    open_tutorial,
    place_leaf,
    place_op,
    settle,
    title,
    type_into_editor,
)
from window_helpers import answers, tmp_settings, window  # noqa: F401


def test_steps_with_a_leaf_first_point_at_value_then_at_their_operation(qtbot, window):
    w = window
    w.resize(1280, 1000)
    settle()
    open_tutorial(qtbot, w)
    panel, pal = w.tutorial.panel, w.palette_panel
    if title(w) == "Start on an empty canvas":
        click(qtbot, panel.action_button)  # "New empty graph"
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    a = place_leaf(qtbot, w, "a = 2", COL[0], -60)
    b = place_leaf(qtbot, w, "b = -3", COL[0], 60)
    e = drop(w, "mul", COL[1], 0)
    drag(w.view, out_port(w.scene, a), in_port(w.scene, e, 0))
    drag(w.view, out_port(w.scene, b), in_port(w.scene, e, 1))
    settle()
    double_click(w.view, w.scene.node_item(e).mapToScene(QPointF(-40, -22)))
    type_into_editor(qtbot, w, "e")
    assert title(w) == "Add: d = e + c"
    assert pal.list.currentItem() is pal.item_for("leaf")  # first the leaf c = 10
    c = place_leaf(qtbot, w, "c = 10", COL[1], -120)
    assert title(w) == "Add: d = e + c"
    assert pal.list.currentItem() is pal.item_for("add")  # then + Add
    place_op(qtbot, w, "add", "d", COL[2], -40, e, c)
    assert title(w) == "Multiply: L = d·f"
    assert pal.list.currentItem() is pal.item_for("leaf")  # first the leaf f = -2
    place_leaf(qtbot, w, "f = -2", COL[2], 100)
    assert pal.list.currentItem() is pal.item_for("mul")  # then ×
