"""What the model's forward pass reports as changed, against a reference
that compares every node's value and reason before and after an edit with
``same_float`` (nan is nan, -0.0 is not 0.0, None only None).

The pass tells a change with ``==`` first and asks ``same_float`` only when
that cannot tell; these graphs are made of the values where the two differ:
signed zeros, infinities, nan, and nodes without a value."""

from __future__ import annotations

import math
import random

import pytest

from core.autograd.floats import same_float
from core.graph.model import GraphModel

AWKWARD = [0.0, -0.0, 1.0, -1.0, 2.0, 1e308, -1e308, 0.5, -3.0]
OPS2 = ["add", "sub", "mul", "div"]
OPS1 = ["neg", "log", "exp", "relu", "tanh"]


def awkward_graph(rng: random.Random) -> GraphModel:
    """Leaves of signed zeros and huge numbers, ops that make inf, nan and
    -0.0 of them, and some ports left empty (nodes without a value)."""
    m = GraphModel()
    ids = []
    for i in range(rng.randint(2, 5)):
        m.add_node("leaf", f"x{i}", value=rng.choice(AWKWARD))
        ids.append(f"x{i}")
    for i in range(rng.randint(3, 25)):
        op = rng.choice(OPS2 + OPS1)
        m.add_node(op, f"n{i}")
        for p in range(2 if op in OPS2 else 1):
            if rng.random() < 0.92:
                m.connect(rng.choice(ids), f"n{i}", p)
        ids.append(f"n{i}")
    return m


def flag(v: float | None) -> str | None:
    return "incomplete" if v is None else None if math.isfinite(v) else "nonfinite"


def snapshot(m: GraphModel) -> dict:
    return {n: (m.value(n), m.reason(n)) for n in m.nodes()}


def differ(before: dict, after: dict) -> set:
    return {
        n
        for n, (v, why) in after.items()
        if n in before and (not same_float(before[n][0], v) or before[n][1] != why)
    }


@pytest.mark.parametrize("seed", range(60))
def test_the_changes_told_are_exactly_the_values_and_reasons_that_changed(seed):
    rng = random.Random(seed)
    m = awkward_graph(rng)
    told: list = []
    m.values_changed.connect(told.append)
    leaves = [n for n in m.nodes() if m.op(n) == "leaf"]
    for _ in range(12):
        before = snapshot(m)
        told.clear()
        edit = rng.random()
        if edit < 0.6:
            m.set_value(rng.choice(leaves), rng.choice(AWKWARD))
        else:  # a wire taken out or put (back) in: reasons come and go
            target = rng.choice([n for n in m.nodes() if m.op(n) != "leaf"])
            port = rng.randrange(len(m.inputs(target)))
            if m.inputs(target)[port] is None:
                m.connect(rng.choice(leaves), target, port)
            else:
                m.disconnect(target, port)
        after = snapshot(m)
        expected = differ(before, after)
        assert (told[0] if told else set()) == expected
        if told:  # of those, the ones whose flag turned (no value, inf/nan, or a finite number)
            assert told[0].turned == {n for n in expected if flag(before[n][0]) != flag(after[n][0])}


def test_a_leaf_set_from_0_to_minus_0_is_a_change_and_nan_to_nan_is_not():
    m = GraphModel()
    m.add_node("leaf", "a", value=0.0)
    m.add_node("leaf", "b", value=1e308)
    m.add_node("neg", "z")  # -a: -0.0 for 0.0
    m.add_node("mul", "big")  # b*b = inf
    m.add_node("sub", "nan")  # inf - inf
    m.connect("a", "z", 0)
    m.connect("b", "big", 0)
    m.connect("b", "big", 1)
    m.connect("big", "nan", 0)
    m.connect("big", "nan", 1)
    told: list = []
    m.values_changed.connect(lambda ids: told.append(set(ids)))
    m.set_value("a", -0.0)
    assert told == [{"a", "z"}]
    told.clear()
    m.set_value("b", 1.5e308)  # a new b; big is inf still, nan is nan still
    assert told == [{"b"}]
