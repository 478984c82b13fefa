"""Gaps a mutation audit of the engine and the graph's passes found
(/work/notes/mutation49.md): each test here fails on a hand-made mutant
that every other engine test let through. Numbers are worked by hand (the
working in a comment) or taken from PyTorch when it is installed."""

from __future__ import annotations

import math
import random

import pytest
from second_order_helpers import to_model

from core.autograd.engine import Value
from core.autograd.ops import OPS, evaluate
from core.graph.backward import backward
from core.graph.forward_mode import forward_mode

INF = math.inf


@pytest.mark.parametrize(
    "a, local", [(2.0, 1.0), (-2.0, 0.0), (0.0, 0.0), (-0.0, 0.0), (INF, 1.0), (-INF, 0.0)]
)
def test_relus_local_derivative_is_zero_at_zero_as_its_gradient(a, local):
    # The spec: relu's local derivative is 0 where a <= 0, else 1 (PyTorch:
    # 0 at a = 0). The Chain Rule panel and forward mode show this number,
    # so at a = 0 "local x upstream" must be 0 x 3 = 0, the contribution.
    y = evaluate("relu", (a,))
    assert OPS["relu"].local((a,), y, None) == (local,)
    assert OPS["relu"].grad((a,), y, None, 3.0) == (local * 3.0,)


def test_relus_local_derivative_at_zero_is_pytorchs():
    torch = pytest.importorskip("torch")
    t = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    torch.relu(t).backward()
    assert OPS["relu"].local((0.0,), 0.0, None) == (t.grad.item(),) == (0.0,)


def test_forward_mode_shows_relus_zero_local_at_zero():
    # r = relu(x) at x = 0: dr/dx = 0 (PyTorch's), so the step's local is 0.
    m = to_model([("x", "leaf", (), 0.0), ("r", "relu", ("x",), None)])
    (step,) = forward_mode(m, "x").steps
    assert step.locals == (0.0,) and step.tangent == 0.0


@pytest.mark.parametrize("k", [True, False])
def test_a_boolean_exponent_is_refused_as_any_non_number(k):
    # True is an int to Python, but ``a ** True`` is a typing slip, not a
    # power: the engine says so rather than computing a ** 1.
    with pytest.raises(TypeError, match="only int/float exponents"):
        Value(2.0) ** k


def test_first_nonfinite_names_the_first_inf_a_node_received():
    # x = 0, c = 3; m = log(x) (made first), n = x * c, L = m + n.
    # Backward runs L, n, m (latest made first), then the leaves:
    #   step 0 (L, g = 1): m += 1, n += 1
    #   step 1 (n, g = 1): x += 1 * c = 3 (port 0), c += 1 * x = 0 (port 1)
    #   step 2 (m, g = 1): x += 1 / 0 = inf (port 0)
    # So x's first inf/nan came from step 2, port 0, with upstream 1; c got none.
    m = to_model(
        [
            ("x", "leaf", (), 0.0),
            ("c", "leaf", (), 3.0),
            ("m", "log", ("x",), None),
            ("n", "mul", ("x", "c"), None),
            ("L", "add", ("m", "n"), None),
        ],
        root="L",
    )
    res = backward(m)
    assert res.order[:3] == ["L", "n", "m"]
    steps = res.steps
    assert steps.amounts("x") == [3.0, INF]
    assert steps.first_nonfinite("x") == (2, 0, INF, 1.0)
    assert steps.first_nonfinite("c") is None  # received 0.0 only
    assert steps.first_nonfinite("m") is None and steps.first_nonfinite("L") is None


def test_summed_nodes_are_those_that_received_more_than_one_contribution():
    # L = a*b + a with a used twice: only a's gradient is a sum (b * 1 + 1);
    # b, the product and L each received one contribution or none.
    m = to_model(
        [
            ("a", "leaf", (), 2.0),
            ("b", "leaf", (), -3.0),
            ("p", "mul", ("a", "b"), None),
            ("L", "add", ("p", "a"), None),
        ],
        root="L",
    )
    res = backward(m)
    assert res.steps.summed_nodes() == ["a"]
    assert res.steps.received_count("b") == 1 and res.steps.received_count("L") == 0
    assert res.grads["a"] == -3.0 + 1.0  # dL/da = b + 1


def test_forward_mode_toward_an_output_that_does_not_depend_on_the_leaf():
    # y = u * u does not depend on x: toward y, forward mode from x carries
    # nothing, and its order is x alone (the spec: "ID and every node that
    # depends on it", here within y's past).
    m = to_model(
        [
            ("x", "leaf", (), 1.5),
            ("u", "leaf", (), 2.0),
            ("z", "exp", ("x",), None),
            ("y", "mul", ("u", "u"), None),
        ]
    )
    r = forward_mode(m, "x", within=m.past("y"))
    assert r.order == ["x"] and r.steps == []
    assert r.tangents["x"] == 1.0 and r.tangents["y"] == 0.0 and r.tangents["z"] == 0.0
    # toward z it does carry: dz/dx = exp(1.5)
    r = forward_mode(m, "x", within=m.past("z"))
    assert r.order == ["x", "z"] and r.tangents["z"] == math.exp(1.5)


# ------------------------------------------------ local derivatives (shown)
def _sample(op: str, rnd) -> tuple:
    """Inputs where ``op`` is smooth, away from its kinks and poles."""
    if op == "log":
        return (rnd.uniform(0.2, 5.0),)
    if op in ("relu",):
        return (rnd.choice((-1.0, 1.0)) * rnd.uniform(0.1, 3.0),)
    if op == "pow":
        return (rnd.uniform(0.3, 3.0),)
    if OPS[op].arity == 2:
        return (rnd.uniform(-3.0, 3.0), rnd.choice((-1.0, 1.0)) * rnd.uniform(0.3, 3.0))
    return (rnd.uniform(-3.0, 3.0),)


BUILTIN = ["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"]


@pytest.mark.parametrize("op", BUILTIN)
def test_each_local_derivative_is_the_slope_and_the_gradient_at_upstream_one(op):
    # What the Chain Rule panel shows as "local" must be d(out)/d(input):
    # checked against central differences of the forward rule, and bit for
    # bit against the gradient rule run with upstream 1 (local x 1 is what
    # the pass adds: tanh's fused 1 - y*y included).
    rnd = random.Random(op)
    h = 1e-6
    for _ in range(40):
        xs = _sample(op, rnd)
        k = rnd.choice((2.0, 3.0, -1.0, 0.5, 1.7)) if op == "pow" else None
        y = evaluate(op, xs, k)
        local = OPS[op].local(xs, y, k)
        assert local == OPS[op].grad(xs, y, k, 1.0), (op, xs, k)
        for p in range(len(xs)):
            up, down = list(xs), list(xs)
            up[p] += h
            down[p] -= h
            slope = (evaluate(op, tuple(up), k) - evaluate(op, tuple(down), k)) / (2 * h)
            assert local[p] == pytest.approx(slope, rel=1e-6, abs=1e-7), (op, xs, k, p)


def test_a_values_local_derivatives_read_its_own_value():
    # exp(1)' = exp(1) = e; sigmoid(0)' = 0.5 * (1 - 0.5) = 0.25; a step of the
    # pass reports the same locals as the node.
    a = Value(1.0)
    e = a.exp()
    assert e.local_derivatives() == (math.e,)
    s = Value(0.0).sigmoid()
    assert s.local_derivatives() == (0.25,)
    L = e * s
    steps = {st.node: st for st in L.backward()}
    assert steps[e].locals == (math.e,) and steps[s].locals == (0.25,)
    assert steps[L].locals == (0.5, math.e)  # d(e*s)/de = s = 0.5, d/ds = e


def test_recompute_after_a_leaf_changed_uses_the_nodes_exponent():
    # p = a**3 at a = 3 is 27; with a set to 2 it is 2**3 = 8. r = a**0.5
    # at a = 4 is 2.
    a = Value(3.0)
    p = a**3
    r = a**0.5
    assert p.data == 27.0
    a.data = 4.0
    p.recompute()
    r.recompute()
    assert (p.data, r.data) == (64.0, 2.0)


@pytest.mark.parametrize(
    "make, op",
    [(lambda a: 1 + a, "add"), (lambda a: 2 * a, "mul"), (lambda a: 5 - a, "sub"), (lambda a: 4 / a, "div")],
    ids=["1 + a", "2 * a", "5 - a", "4 / a"],
)
def test_a_number_on_the_left_is_the_first_input(make, op):
    # ``1 + a`` as written: the constant 1 is port 0 and a port 1 (the card
    # draws them in that order), as ``a + 1`` has a in port 0.
    a = Value(2.0)
    v = make(a)
    assert v.op == op and v.inputs[1] is a and v.inputs[0].op == "leaf" and v.inputs[0] is not a


def test_a_pass_is_read_from_its_end_and_names_its_leaves():
    # L = (a*b + c) * f: three operators (L, d, e), then the four leaves.
    m = to_model(
        [
            ("a", "leaf", (), 2.0),
            ("b", "leaf", (), -3.0),
            ("c", "leaf", (), 10.0),
            ("f", "leaf", (), -2.0),
            ("e", "mul", ("a", "b"), None),
            ("d", "add", ("e", "c"), None),
            ("L", "mul", ("d", "f"), None),
        ],
        root="L",
    )
    steps = backward(m).steps
    n = len(steps)
    assert n == 7 and [steps.node(i) for i in range(3)] == ["L", "d", "e"]
    leaves = steps.leaf_nodes()
    assert sorted(leaves) == ["a", "b", "c", "f"] and leaves == [steps.node(i) for i in range(3, 7)]
    last = steps[-1]
    assert last == steps[n - 1] and last.node == leaves[-1]
    assert last.inputs == () and last.contributions == () and steps.is_leaf(n - 1)
    first = steps[-n]
    assert first.node == "L" and first.contributions == (-2.0, 4.0)  # (f, d) = (-2, 4)
