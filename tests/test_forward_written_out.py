"""The forward pass runs the rules of the ops most nodes are (add, sub, mul,
neg) as the op table offers them, functions of the floats themselves
(``operator.add``): no call of a rule and no tuple a node (issue 14: an
edit feeding 36,000 nodes made a call and a tuple for each), and no copy
of the arithmetic in the pass. Every value as the table's rule makes it
from the inputs' values, to the last bit (signed zeros, inf; any nan a
nan), and the calls counted."""

from __future__ import annotations

import dataclasses
import itertools
import math
import operator
import struct
import sys

from core.autograd import ops
from core.graph.model import GraphModel

#: finite leaves (a leaf's value is): the infs and nans come from the ops
SPECIAL = [0.0, -0.0, 1.5, -2.25, 1e308, -1e308, 5e-324]


def bits(x: float | None) -> bytes | str | None:
    if x is None:
        return None
    return "nan" if x != x else struct.pack("<d", x)


def special_graph() -> GraphModel:
    """Every pair of special values through add, sub and mul, each result
    negated; then every pair of the distinct values that made (inf, -inf,
    nan, -0.0 among them) through them again; and an empty port."""
    m = GraphModel()
    for i, v in enumerate(SPECIAL):
        m.add_node("leaf", f"x{i}", value=v)
    ids = [f"x{i}" for i in range(len(SPECIAL))]

    def layer(ids: list[str]) -> list[str]:
        made = []
        for op in ("add", "sub", "mul"):
            for a, b in itertools.product(ids, repeat=2):
                n = m.add_node(op)
                m.connect(a, n, 0)
                m.connect(b, n, 1)
                g = m.add_node("neg")
                m.connect(n, g, 0)
                made += [n, g]
        return made

    kinds = {bits(m.value(n)): n for n in layer(ids)}
    inf, minus_inf = kinds[bits(math.inf)], kinds[bits(-math.inf)]
    kinds.update((bits(m.value(n)), n) for n in layer([*list(kinds.values())[:12], inf, minus_inf]))
    special = ["nan", bits(math.inf), bits(-math.inf), bits(-0.0), bits(0.0), bits(5e-324)]
    layer([kinds[k] for k in special])  # (nan in, as well)
    m.add_node("mul", "empty")
    m.connect("x2", "empty", 0)
    return m


def assert_as_the_rules_make_them(m: GraphModel) -> int:
    """Each operator's value as its rule makes it from its inputs' values; how many."""
    checked = 0
    for n in m.topological_order():
        op = m.op(n)
        if op == "leaf":
            continue
        xs = tuple(m.value(s) if s is not None else None for s in m.inputs(n))
        want = None if None in xs else ops.OPS[op].forward(xs, m.node(n).get("exponent"))
        assert bits(m.value(n)) == bits(want), (n, op, xs, m.value(n), want)
        checked += 1
    return checked


def rule_calls(edit) -> int:
    """How many calls into the op table's module ``edit`` makes."""
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == ops.__file__:
            calls += 1

    sys.setprofile(profile)
    try:
        edit()
    finally:
        sys.setprofile(None)
    return calls


def test_values_of_add_sub_mul_neg_are_the_rules_to_the_last_bit():
    m = special_graph()
    assert assert_as_the_rules_make_them(m) > 600
    for v in (-0.0, 0.0, 1e-310, -1e308, 3.0):  # edits: each pass's values as the rules make them
        for leaf in ("x0", "x4", "x6"):
            m.set_value(leaf, v)
            assert_as_the_rules_make_them(m)
    assert m.value("empty") is None and m.reason("empty") == "input in₂ of 'empty' is not connected"


def test_an_edit_through_add_sub_mul_neg_calls_no_rule():
    m = GraphModel()
    m.add_node("leaf", "a", value=0.5)
    m.add_node("leaf", "b", value=-1.5)
    prev = "a"
    for i in range(200):
        n = m.add_node(("add", "mul", "sub", "neg")[i % 4], f"n{i}")
        m.connect(prev, n, 0)
        if i % 4 != 3:
            m.connect("b", n, 1)
        prev = n
    m.add_node("tanh", "t")
    m.connect(prev, "t", 0)
    assert rule_calls(lambda: m.set_value("a", 0.25)) == 1  # t's tanh only, not 200 others
    assert rule_calls(lambda: m.set_value("b", -0.75)) == 1
    assert assert_as_the_rules_make_them(m) == 201


def test_the_pass_runs_the_rule_of_floats_the_table_holds(monkeypatch):
    """The pass has no copy of a rule: an op whose rule the table makes of
    another function of floats computes that (sub as add, max for mul), with
    no call into the table's module either."""
    m = GraphModel()
    m.add_node("leaf", "a", value=2.5)
    m.add_node("leaf", "b", value=-1.0)
    for op in ("sub", "mul"):
        m.add_node(op, op)
        m.connect("a", op, 0)
        m.connect("b", op, 1)
    m.add_node("neg", "n")
    m.connect("sub", "n", 0)
    for op, f in (("sub", operator.add), ("mul", max)):
        monkeypatch.setitem(ops.OPS, op, dataclasses.replace(ops.OPS[op], forward=ops.rule_of_floats(f)))
    assert rule_calls(lambda: m.set_value("a", 3.5)) == 0
    assert (m.value("sub"), m.value("mul"), m.value("n")) == (2.5, 3.5, -2.5)
    assert assert_as_the_rules_make_them(m) == 3
