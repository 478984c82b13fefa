"""Trial 60's two lecture graphs, as the teacher built them by hand (ids as
the canvas gave them, labels as typed): ``tanh(x*y) + x**3`` and
``f = (a*b)*(a+b)``."""

from __future__ import annotations

from core.graph.model import GraphModel


def lecture_h() -> GraphModel:
    """x=0.5, y=−1.5; add1 = tanh1 + pow1 (unlabelled operators: named by their ids)."""
    m = GraphModel()
    m.add_node("leaf", "leaf1", label="x", value=0.5, x=-355, y=-135)
    m.add_node("leaf", "leaf2", label="y", value=-1.5, x=-355, y=115)
    m.add_node("mul", "mul1", x=-55, y=-135)
    m.add_node("pow", "pow1", exponent=3.0, x=-55, y=115)
    m.add_node("tanh", "tanh1", x=195, y=-135)
    m.add_node("add", "add1", x=395, y=-15)
    for s, t, p in [("leaf1", "mul1", 0), ("leaf1", "pow1", 0), ("leaf2", "mul1", 1), ("mul1", "tanh1", 0)]:
        m.connect(s, t, p)
    m.connect("pow1", "add1", 1)
    m.connect("tanh1", "add1", 0)
    return m


def lecture_a(b: float = 3.0, d_op: str = "mul") -> GraphModel:
    """a=−2, b=3; d = a*b, e = a+b, f = d*e (``b`` and d's operator may be given)."""
    m = GraphModel()
    m.add_node("leaf", "leaf1", label="a", value=-2.0, x=-355, y=-135)
    m.add_node("leaf", "leaf2", label="b", value=b, x=-355, y=115)
    m.add_node(d_op, "mul1", label="d", x=-55, y=-185)
    m.add_node("add", "add1", label="e", x=-55, y=165)
    m.add_node("mul", "mul2", label="f", x=245, y=-15)
    for s, t, p in [("leaf1", "mul1", 0), ("leaf1", "add1", 0), ("leaf2", "mul1", 1), ("leaf2", "add1", 1)]:
        m.connect(s, t, p)
    m.connect("mul1", "mul2", 0)
    m.connect("add1", "mul2", 1)
    return m
