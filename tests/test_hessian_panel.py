"""The Hessian panel's names for the leaves: the table's and the summary's
are one naming (a label several leaves share is followed by the id, in the
table and in the words about the leaves left out of it alike)."""

from __future__ import annotations

from core.graph.hessian import hessian, leaf_ids
from core.graph.model import GraphModel
from gui.backward.hessian_panel import HessianPanel


def test_a_label_shared_with_a_leaf_left_out_is_told_apart_in_the_summary_too(qtbot):
    m = GraphModel()
    for n in ("a", "b", "c"):
        m.add_node("leaf", n, value=2.0, label="x")  # three leaves called x
    m.add_node("mul", "L")
    m.connect("a", "L", 0)
    m.connect("b", "L", 1)
    m.add_node("tanh", "M")  # c feeds another root only
    m.connect("c", "M", 0)
    m.set_output("L")
    panel = HessianPanel()
    qtbot.addWidget(panel)
    panel.show_result(hessian(m, "L", ["a", "b"]), m.label, every_leaf=leaf_ids(m))
    t = panel.table
    assert [t.verticalHeaderItem(i).text() for i in range(t.rowCount())] == ["x (id a)", "x (id b)"]
    text = panel.summary.text()
    # c is not "x", which the table's x (id a) and x (id b) are too
    assert "x (id c) does not affect it" in text, text


def test_a_file_of_many_other_leaves_is_summed_up_not_listed_and_quickly(qtbot):
    """Since the size limit counts the root's leaves, a file's thousands of
    other leaves reach the panel: it listed every name (20,000 leaves: a
    summary of 149,000 characters, 25,000 px tall)."""
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0)
    m.add_node("leaf", "b", value=3.0)
    m.add_node("mul", "L")
    m.connect("a", "L", 0)
    m.connect("b", "L", 1)
    for i in range(8000):
        m.add_node("leaf", f"z{i}", value=0.5)
    panel = HessianPanel()
    qtbot.addWidget(panel)
    panel.show_result(hessian(m, "L", ["a", "b"]), m.label, every_leaf=leaf_ids(m))
    text = panel.summary.text()
    assert "z0, z1, z2, z3, z4 and 7,995 other leaves do not affect it" in text, text
    assert len(text) < 800
