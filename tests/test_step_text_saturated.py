"""Trial 45 (lower, #10): a tanh of −8 said "∂/∂L = 1 − (−1)² = 4.501e−7",
which reads as wrong arithmetic: the output is −0.99999977, written with
the digits that tell it from −1."""

from __future__ import annotations

import math

from core.explain.step_text import local_lines, value_line
from core.graph.model import GraphModel


def test_a_saturated_tanh_is_written_with_the_digits_that_tell_it_from_one():
    m = GraphModel()
    m.add_node("leaf", "L", value=-8.0)
    m.add_node("tanh", "t")
    m.connect("L", "t", 0)
    (line,) = local_lines(m, "t")
    assert "(−1)²" not in line and "(−0.9999998)²" in line, line
    m.set_value("L", 0.5)  # not saturated: six digits, as before
    (line,) = local_lines(m, "t")
    assert f"{math.tanh(0.5):.6f}"[:7] in line, line


def test_a_saturated_sigmoid_near_zero_is_not_written_as_zero():
    m = GraphModel()
    m.add_node("leaf", "x", value=-20.0)
    m.add_node("sigmoid", "s")
    m.connect("x", "s", 0)
    (line,) = local_lines(m, "s")
    assert "2.06e−9" in line or "2.061e−9" in line or "0.000000002" in line, line


def test_the_value_line_of_a_saturated_tanh_does_not_round_it_to_one():
    """A trial's screenshot: the Chain Rule read "tanh1 = tanh(−6) = −1" above
    "1 − (−0.999988)² = 2.458e−5", for a card showing −0.99999."""
    m = GraphModel()
    m.add_node("leaf", "x", value=-6.0)
    m.add_node("tanh", "t")
    m.connect("x", "t", 0)
    line = value_line(m, "t")
    assert line == f"t = tanh(x) = tanh(−6) = −{-math.tanh(-6.0):.6f}", line
    m.set_value("x", -8.0)
    assert value_line(m, "t").endswith("= −0.9999998"), value_line(m, "t")
    m.set_value("x", 0.5)  # not saturated: as before
    assert value_line(m, "t") == "t = tanh(x) = tanh(0.5) = 0.4621", value_line(m, "t")


def test_only_a_saturated_tanh_or_sigmoid_gets_the_finer_digits():
    """Review 73 #2: other operations wrote their inputs rounded and the result
    fine, "1 / 1 = 0.9999999", which reads as wrong arithmetic."""
    m = GraphModel()
    m.add_node("leaf", "a", value=0.99999999)
    m.add_node("leaf", "b", value=1.00000001)
    m.add_node("div", "q")
    m.connect("a", "q", 0)
    m.connect("b", "q", 1)
    assert value_line(m, "q").endswith(" = 1"), value_line(m, "q")
