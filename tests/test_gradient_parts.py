"""The op table is the one place of the gradient rules: add, sub, mul and
neg declare what they pass each input (``ops.passes``: ``g``, ``-g``, ``g``
times the other input) beside their rule, and the graph's backward pass runs
those parts, naming none of the four ops; any other rule it calls. So a rule
swapped in the table is the one the pass follows, as the engine does."""

from __future__ import annotations

import itertools
import struct

import pytest

from core.autograd import ops
from core.graph.backward import backward
from tests.test_pass_records import engine_pass, layered_dag

SPECIAL = [0.0, -0.0, 1.5, -2.25, 1e308, -1e308, 5e-324, float("inf"), float("-inf"), float("nan")]


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def by_parts(parts: tuple[str, ...], xs: tuple, g: float) -> tuple:
    """What ``parts`` pass each input, as the backward pass reads them."""
    other = xs[::-1]
    return tuple(
        g if p == ops.UPSTREAM else -g if p == ops.NEGATED else g * other[i] for i, p in enumerate(parts)
    )


@pytest.mark.parametrize("name", ["add", "sub", "mul", "neg"])
def test_each_rule_declared_by_parts_computes_its_parts_to_the_last_bit(name):
    rule = ops.GRAD_RULES[name]
    parts = ops.passes_of(rule)
    assert parts is not None and len(parts) == ops.arity(name)
    for *xs, g in itertools.product(SPECIAL, repeat=ops.arity(name) + 1):
        y = ops.evaluate(name, tuple(xs))
        got, want = rule(tuple(xs), y, None, g), by_parts(parts, tuple(xs), g)
        assert list(map(bits, got)) == list(map(bits, want)), (name, xs, g)


def test_the_other_rules_are_not_declared_and_parts_are_checked():
    assert [n for n, r in ops.GRAD_RULES.items() if ops.passes_of(r)] == ["add", "sub", "mul", "neg"]
    for wrong in ((ops.TIMES_OTHER,), (), ("g * 2",), (ops.UPSTREAM,) * 3):
        with pytest.raises(ValueError):
            ops.passes(*wrong)


def test_backward_follows_a_gradient_rule_swapped_in_the_table(monkeypatch):
    """sub's rule swapped for one passing ``g`` to both inputs (declared:
    run as parts), mul's for a rule of no parts (called), neg's for one
    passing ``g`` on: the graph's pass gives what the table now says, as
    the engine's ``Value.backward`` does."""
    m = layered_dag(600)
    root = m.output
    before = backward(m, root).grads
    monkeypatch.setitem(
        ops.GRAD_RULES, "sub", ops.passes(ops.UPSTREAM, ops.UPSTREAM)(lambda x, y, k, g: (g, g))
    )
    monkeypatch.setitem(ops.GRAD_RULES, "mul", lambda x, y, k, g: (g * 0.5, g * x[0]))
    monkeypatch.setitem(ops.GRAD_RULES, "neg", ops.passes(ops.UPSTREAM)(lambda x, y, k, g: (g,)))
    res = backward(m, root)
    _order, grads, ref = engine_pass(m, root)
    assert {n: bits(res.grads[n]) for n in grads} == {n: bits(g) for n, g in grads.items()}
    assert [[bits(c) for c in s.contributions] for s in res.steps] == [
        [bits(c) for c in s.contributions] for s in ref
    ]
    assert any(bits(res.grads[n]) != bits(before[n]) for n in grads)  # (the swap changed the pass)


def test_a_rule_declared_with_fewer_parts_than_inputs_is_called(monkeypatch):
    """Review 62 #5: add's rule declared with one part (its body passing ``g`` to both inputs)
    was run as that one part, and b's gradient dropped (−0.0 where the engine gives 1.0): a
    declaration that does not match the op's inputs is not used, the rule is called."""
    m = layered_dag(300)
    root = m.output
    monkeypatch.setitem(ops.GRAD_RULES, "add", ops.passes(ops.UPSTREAM)(lambda x, y, k, g: (g, g)))
    res = backward(m, root)
    _order, grads, _ref = engine_pass(m, root)
    assert {n: bits(res.grads[n]) for n in grads} == {n: bits(g) for n, g in grads.items()}
