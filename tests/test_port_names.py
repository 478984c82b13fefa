"""An op card names its input ports only where their order matters: the
lecture's d = e + c and L = d·f drew "a" and "b" at their inputs, read by a
teacher's class as the leaves a and b (fed by d and f there)."""

from __future__ import annotations

import pytest
from canvas_helpers import make_canvas
from PySide6.QtWidgets import QApplication

from core.graph.model import GraphModel


@pytest.mark.parametrize(
    "op, named",
    [
        ("add", []),
        ("mul", []),
        ("sub", ["in₁", "in₂"]),
        ("div", ["in₁", "in₂"]),
        ("pow", ["in"]),
        ("tanh", []),
    ],
)
def test_only_ports_whose_order_matters_are_named(qtbot, op, named):
    m = GraphModel()
    a = m.add_node("leaf", value=2.0, label="a")
    b = m.add_node("leaf", value=3.0, label="b")
    n = m.add_node(op, label="n")
    m.connect(a, n, 0)
    if op not in ("pow", "tanh"):
        m.connect(b, n, 1)
    m.set_position(a, 0.0, 0.0)
    m.set_position(b, 0.0, 200.0)
    m.set_position(n, 300.0, 100.0)
    _, _stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(1.0)
    QApplication.processEvents()
    assert [t.text for t in scene.node_item(n).texts_at(1.0) if t.kind == "port"] == named
