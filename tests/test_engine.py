"""The Value engine: operators, gradients against independent references
(central finite differences, the ``micrograd`` package, the lecture's
hand-worked numbers), accumulation, fresh backward passes, the step record,
IEEE edge cases and deep graphs."""

import gc
import math

import pytest
from micrograd.engine import Value as MValue

from core.autograd.engine import Step, Steps, Value, topological_order

INF, NAN = math.inf, math.nan


def same(a: float, b: float) -> bool:
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def central_difference(f, xs: list, i: int, h: float = 1e-6) -> float:
    up, down = list(xs), list(xs)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)


def value_of(expr, xs) -> float:
    return expr(*[Value(x) for x in xs]).data


def grads_of(expr, xs) -> list:
    vs = [Value(x) for x in xs]
    expr(*vs).backward()
    return [v.grad for v in vs]


# --------------------------------------------------------------- operators
def test_python_operators_build_the_ops_in_port_order():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    cases = [
        (a + b, "add", 2.0 + -3.0, (a, b)),
        (a - b, "sub", 5.0, (a, b)),
        (a * b, "mul", -6.0, (a, b)),
        (a / b, "div", 2.0 / -3.0, (a, b)),
        (-a, "neg", -2.0, (a,)),
        (a**3, "pow", 8.0, (a,)),
        (a.exp(), "exp", math.exp(2.0), (a,)),
        (a.log(), "log", math.log(2.0), (a,)),
        (a.tanh(), "tanh", math.tanh(2.0), (a,)),
        (b.relu(), "relu", 0.0, (b,)),
        (a.sigmoid(), "sigmoid", 1 / (1 + math.exp(-2.0)), (a,)),
    ]
    for v, op, data, prev in cases:
        assert v._op == op
        assert v.data == data
        assert v._prev == prev
    assert (a**3)._k == 3.0


def test_numbers_on_either_side_become_leaves_in_the_right_port():
    a = Value(2.0)
    for v, op, data in [
        (a * 2, "mul", 4.0),
        (2 * a, "mul", 4.0),
        (a + 1, "add", 3.0),
        (1 + a, "add", 3.0),
        (a - 5, "sub", -3.0),
        (5 - a, "sub", 3.0),
        (a / 4, "div", 0.5),
        (4 / a, "div", 2.0),
    ]:
        assert (v._op, v.data) == (op, data)
        assert a in v._prev
        other = [p for p in v._prev if p is not a][0]
        assert other._op == "leaf" and type(other.data) is float
    assert (5 - a)._prev[1] is a and (4 / a)._prev[1] is a  # 5 - a is sub(5, a)


def test_value_exponent_is_refused():
    with pytest.raises(TypeError):
        Value(2.0) ** Value(3.0)


def test_apply_builds_any_op_by_name():
    a, b = Value(6.0), Value(3.0)
    v = Value.apply("div", (a, b), label="q")
    assert (v.data, v._op, v._prev, v.label) == (2.0, "div", (a, b), "q")
    p = Value.apply("pow", (a,), 0.5)
    assert p.data == math.sqrt(6.0) and p._k == 0.5
    assert Value(3).data == 3.0 and type(Value(3).data) is float


# ------------------------------------------- every op vs finite differences
SMOOTH = [
    ("add", lambda a, b: a + b, [1.3, -0.7]),
    ("sub", lambda a, b: a - b, [1.3, -0.7]),
    ("mul", lambda a, b: a * b, [1.3, -0.7]),
    ("div", lambda a, b: a / b, [1.3, -0.7]),
    ("neg", lambda a: -a, [1.3]),
    ("pow 3", lambda a: a**3, [1.3]),
    ("pow -2", lambda a: a**-2, [-1.3]),
    ("pow 0.5", lambda a: a**0.5, [1.3]),
    ("pow 2.7", lambda a: a**2.7, [1.3]),
    ("pow 0", lambda a: a**0, [1.3]),
    ("exp", lambda a: a.exp(), [0.9]),
    ("log", lambda a: a.log(), [1.7]),
    ("tanh", lambda a: a.tanh(), [-0.4]),
    ("relu +", lambda a: a.relu(), [0.8]),
    ("relu -", lambda a: a.relu(), [-0.8]),
    ("sigmoid", lambda a: a.sigmoid(), [0.3]),
    ("composite", lambda a, b: ((a * b).tanh() + (a / b).exp()) * (a**2).log(), [1.3, -0.7]),
]


@pytest.mark.parametrize("name, expr, xs", SMOOTH, ids=[s[0] for s in SMOOTH])
def test_gradient_matches_central_differences(name, expr, xs):
    got = grads_of(expr, xs)
    for i in range(len(xs)):
        fd = central_difference(lambda *p: value_of(expr, p), xs, i)
        assert got[i] == pytest.approx(fd, rel=1e-6, abs=1e-8), (name, i)


# ---------------------------------------- the same expressions in micrograd
MICROGRAD = [
    ("a+b", lambda a, b, c: a + b),
    ("a*b", lambda a, b, c: a * b),
    ("a-b", lambda a, b, c: a - b),
    ("a/b", lambda a, b, c: a / b),
    ("-a", lambda a, b, c: -a),
    ("a**3", lambda a, b, c: a**3),
    ("b**-2", lambda a, b, c: b**-2),
    ("c**0.5", lambda a, b, c: c**0.5),
    ("relu", lambda a, b, c: (a * b).relu() + (a + c).relu()),
    ("numbers", lambda a, b, c: 2 * a + 3 - b / 4 + 1 / c - 5 * c),
    ("mlp-ish", lambda a, b, c: ((a * b + c).relu() * a + b * c).relu() ** 2 / (c - a)),
    ("shared", lambda a, b, c: (a * b) * (a + b) + a * a * a - c * (a - a)),
]


@pytest.mark.parametrize("name, expr", MICROGRAD, ids=[m[0] for m in MICROGRAD])
def test_values_and_gradients_match_micrograd(name, expr):
    xs = [1.5, -2.25, 0.75]
    ours = [Value(x) for x in xs]
    theirs = [MValue(x) for x in xs]
    o, t = expr(*ours), expr(*theirs)
    o.backward()
    t.backward()
    assert o.data == pytest.approx(t.data, rel=1e-12)
    for v, m in zip(ours, theirs):
        assert v.grad == pytest.approx(m.grad, rel=1e-12, abs=1e-15)


# ------------------------------------------------------ the lecture's numbers
def test_blog_L_example():
    a, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
    e = a * b
    d = e + c
    L = d * f
    L.backward()
    assert L.data == -8.0
    assert (a.grad, b.grad, c.grad, f.grad, e.grad, d.grad) == (6.0, -4.0, -2.0, 4.0, -2.0, -2.0)


def neuron(tanh_as_exp: bool):
    x1, x2 = Value(2.0), Value(0.0)
    w1, w2 = Value(-3.0), Value(1.0)
    b = Value(6.8813735870195432)
    n = x1 * w1 + x2 * w2 + b
    if tanh_as_exp:
        e = (2 * n).exp()
        o = (e - 1) / (e + 1)
    else:
        o = n.tanh()
    o.backward()
    return o, dict(x1=x1.grad, w1=w1.grad, x2=x2.grad, w2=w2.grad, b=b.grad)


@pytest.mark.parametrize("tanh_as_exp", [False, True])
def test_lecture_neuron(tanh_as_exp):
    o, g = neuron(tanh_as_exp)
    assert o.data == pytest.approx(math.sqrt(0.5), rel=1e-12)
    assert g["x1"] == pytest.approx(-1.5, rel=1e-12)
    assert g["w1"] == pytest.approx(1.0, rel=1e-12)
    assert g["x2"] == pytest.approx(0.5, rel=1e-12)
    assert g["w2"] == 0.0
    assert g["b"] == pytest.approx(0.5, rel=1e-12)


def test_both_neurons_agree():
    _, g1 = neuron(False)
    _, g2 = neuron(True)
    assert g1 == pytest.approx(g2, rel=1e-12)


# ------------------------------------------------------------- accumulation
def test_a_plus_a_accumulates():
    a = Value(3.0)
    b = a + a
    b.backward()
    assert b.data == 6.0 and a.grad == 2.0  # micrograd's famous bug would give 1


def test_a_times_a_a_minus_a():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0
    a = Value(3.0)
    (a - a).backward()
    assert a.grad == 0.0


def test_node_used_three_times():
    a = Value(2.0)
    f = a * a + a.exp() + a  # a feeds mul (twice), exp and the final add
    f.backward()
    assert a.grad == pytest.approx(2 * 2.0 + math.exp(2.0) + 1.0, rel=1e-15)


def test_shared_products():
    a, b = Value(-2.0), Value(3.0)
    d, e = a * b, a + b
    f = d * e
    f.backward()
    assert (f.data, d.grad, e.grad) == (-6.0, 1.0, -6.0)
    assert (a.grad, b.grad) == (-3.0, -8.0)  # b*e + d*1 ; a*e + d*1


def test_contributions_are_summed_in_pytorchs_order():
    # a feeds three products made in the order c1, c2, c3; PyTorch runs
    # consumers latest-made first, so a.grad = (-2**53 + 1) + 2**53 = 1.0.
    # Summed in the making order it would be (2**53 + 1) - 2**53 = 0.0.
    a = Value(1.0)
    c1 = a * 2.0**53
    c2 = a * 1.0
    c3 = a * -(2.0**53)
    ((c1 + c2) + c3).backward()
    assert a.grad == 1.0


def test_a_lone_negative_zero_contribution_keeps_its_sign():
    x = Value(2.0)
    (x * -0.0).backward()
    assert same(x.grad, -0.0)  # as PyTorch: tensor(-0.)
    x = Value(2.0)
    (x * 0.0).backward()
    assert same(x.grad, 0.0)


# ---------------------------------------------------------- fresh backward
def test_second_backward_gives_the_same_numbers():
    a, b = Value(2.0), Value(-3.0)
    L = (a * b + a) * b
    L.backward()
    first = (a.grad, b.grad, L.grad)
    L.backward()
    assert (a.grad, b.grad, L.grad) == first


def test_backward_zeroes_what_an_earlier_graph_left():
    a = Value(2.0)
    (a * 10).backward()
    assert a.grad == 10.0
    (a * 3).backward()
    assert a.grad == 3.0


def test_root_gradient_is_one():
    a = Value(5.0)
    a.backward()
    assert a.grad == 1.0


# --------------------------------------------------------------- the steps
def blog_graph():
    a, b, c, f = (Value(x, label=n) for x, n in ((2.0, "a"), (-3.0, "b"), (10.0, "c"), (-2.0, "f")))
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


def test_steps_record_the_chain_rule_in_order():
    L = blog_graph()
    steps = L.backward()
    assert isinstance(steps, Steps) and len(steps) == 7
    labels = [s.node.label for s in steps]
    assert labels[0] == "L" and sorted(labels) == ["L", "a", "b", "c", "d", "e", "f"]
    pos = {s.node.label: i for i, s in enumerate(steps)}
    for s in steps:
        for child in s.inputs:
            assert pos[child.label] > pos[s.node.label]  # after every consumer
        assert s.upstream == s.node.grad
        assert len(s.contributions) == len(s.inputs) == len(s.locals)
        for loc, c in zip(s.locals, s.contributions):
            assert c == loc * s.upstream
    by = {s.node.label: s for s in steps}
    assert by["L"].contributions == (-2.0 * 1.0, 4.0 * 1.0)  # f, d
    assert by["d"].contributions == (-2.0, -2.0)
    assert by["e"].locals == (-3.0, 2.0) and by["e"].contributions == (6.0, -4.0)
    assert by["a"].contributions == () and by["a"].inputs == ()


def test_steps_behave_as_a_read_only_list():
    L = blog_graph()
    steps = L.backward()
    as_list = list(steps)
    assert all(isinstance(s, Step) for s in as_list)
    assert steps[0] == as_list[0] and steps[-1] == as_list[-1]
    assert steps[1:3] == as_list[1:3]
    assert steps == as_list
    assert [s.node for s in steps] == steps.nodes
    assert list(reversed(steps)) == as_list[::-1]
    assert steps.index(as_list[2]) == 2
    assert "7 steps" in repr(steps)


def test_step_contributions_add_up_to_each_gradient():
    a, b = Value(-2.0), Value(3.0)
    f = (a * b) * (a + b) + a * a
    steps = f.backward()
    received = {}
    for s in steps:
        for child, c in zip(s.inputs, s.contributions):
            received[id(child)] = received.get(id(child), -0.0) + c
    for s in steps:
        if s.node is not f:
            assert received[id(s.node)] == s.node.grad


def test_operators_run_latest_made_first_then_the_leaves():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d.tanh()
    f = e * c  # made last
    nodes = f.backward().nodes
    assert nodes[:4] == [f, e, d, c]
    assert set(map(id, nodes[4:])) == {id(a), id(b)}


def test_topological_order_matches_backward_and_leaves_grads_alone():
    L = blog_graph()
    steps = L.backward()
    grads = [s.node.grad for s in steps]
    assert topological_order(L) == steps.nodes
    assert [s.node.grad for s in steps] == grads


# ------------------------------------------------------------ IEEE in graphs
def test_nonfinite_values_flow_without_exceptions():
    a, z = Value(1.0), Value(0.0)
    q = a / z
    assert q.data == INF
    r = z / z
    assert same(r.data, NAN)
    assert Value(1000.0).exp().data == INF
    assert Value(0.0).log().data == -INF
    assert same(Value(-1.0).log().data, NAN)
    assert same((Value(-8.0) ** (1 / 3)).data, NAN)
    assert (Value(0.0) ** -1).data == INF
    big = Value(10.0) ** 400
    assert big.data == INF
    (q + r + big).backward()
    assert a.grad == INF and same(z.grad, NAN)


def test_relu_passes_gradient_through_nan_and_blocks_at_zero():
    a = Value(NAN)
    r = a.relu()
    (r * 2).backward()
    assert same(r.data, NAN) and a.grad == 2.0
    z = Value(0.0)
    (z.relu() * 2).backward()
    assert same(z.grad, 0.0)
    m = Value(-0.0)
    assert same(m.relu().data, -0.0)


def test_pow_zero_gradient_is_zero_even_at_zero():
    a = Value(0.0)
    (a**0).backward()
    assert same(a.grad, 0.0)


# ------------------------------------------------------------------ scale
def test_100k_node_chain():
    x0 = Value(0.5)
    v = x0
    for i in range(50_000):  # each op also lifts its constant: 100,001 nodes
        v = v * 1.0 if i % 2 else v + 0.25
    steps = v.backward()
    assert len(steps) == 100_001
    assert v.data == 0.5 + 0.25 * 25_000
    assert x0.grad == 1.0
    assert steps[0].node is v and any(s.node is x0 for s in steps[-2:])  # leaves come last
    assert len(topological_order(v)) == 100_001


def test_graphs_have_no_reference_cycles():
    # micrograd's closures make every node a cycle the collector must find;
    # ours are freed by reference counting alone.
    def build(V):
        a = V(1.5)
        v = a
        for _ in range(200):
            v = (v * a + 1).relu()
        v.backward()

    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        build(Value)
        ours = gc.collect()
        build(MValue)
        theirs = gc.collect()
    finally:
        if was:
            gc.enable()
    assert ours == 0
    assert theirs > 600  # the check can see cycles when there are some


def test_backward_restores_the_garbage_collector_state():
    v = Value(2.0) * 3
    assert gc.isenabled()
    v.backward()
    assert gc.isenabled()
    gc.disable()
    try:
        v.backward()
        assert not gc.isenabled()
    finally:
        gc.enable()


# ------------------------------- PyTorch itself, when it is installed (CI)
def torch_run(expr, xs):
    torch = pytest.importorskip("torch")
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    y = expr(*ts)
    y.backward()
    return y.item(), [t.grad.item() for t in ts]


def ours_run(expr, xs):
    vs = [Value(x) for x in xs]
    y = expr(*vs)
    y.backward()
    return y.data, [v.grad for v in vs]


EXACT = [  # arithmetic only: PyTorch's results are fixed by IEEE-754 here
    ("1/0", lambda a, b: a / b, [1.0, 0.0]),
    ("0/0", lambda a, b: a / b, [0.0, 0.0]),
    ("1/13", lambda a, b: a / b, [1.0, 13.0]),
    ("(-8)^(1/3)", lambda a: a ** (1 / 3), [-8.0]),
    ("0^-1", lambda a: a**-1, [0.0]),
    ("-0^-1", lambda a: a**-1, [-0.0]),
    ("0.3^3", lambda a: a**3, [0.3]),
    ("3^-0.5", lambda a: a**-0.5, [3.0]),
    ("-0^0.5", lambda a: a**0.5, [-0.0]),
    ("0^0", lambda a: a**0, [0.0]),
    ("1.7^2.5", lambda a: a**2.5, [1.7]),
    ("10^400", lambda a: a**400, [10.0]),
    ("relu(-0)", lambda a: a.relu() * 3, [-0.0]),
    ("relu(0)", lambda a: a.relu() * 3, [0.0]),
    ("relu(nan)", lambda a: a.relu() * 3, [math.nan]),
    ("x*-0", lambda a: a * -0.0, [2.0]),
    ("three uses", lambda a: (a * 2.0**53 + a * 1.0) + a * -(2.0**53), [1.0]),
    ("mix", lambda a, b: (a * b - a / b + 2 - b) * (a**2 - -b) / (1 - a), [1.25, -0.3]),
]


@pytest.mark.parametrize("name, expr, xs", EXACT, ids=[e[0] for e in EXACT])
def test_bit_for_bit_like_pytorch(name, expr, xs):
    t_val, t_grads = torch_run(expr, xs)
    o_val, o_grads = ours_run(expr, xs)
    assert same(o_val, t_val), (o_val, t_val)
    for o, t in zip(o_grads, t_grads):
        assert same(o, t), (o_grads, t_grads)


TRANSCENDENTAL = [  # the last bit of exp/log/tanh/sqrt depends on the math library
    ("sqrt(0.5)", lambda a: a**0.5, [0.5]),
    ("exp(1000)", lambda a: a.exp(), [1000.0]),
    ("log(0)", lambda a: a.log(), [0.0]),
    ("log(-1)", lambda a: a.log(), [-1.0]),
    ("tanh", lambda a: a.tanh(), [0.8813735870195432]),
    ("tanh grad", lambda a: (a * 0.5).tanh() * 3, [-0.3]),
    ("sigmoid", lambda a: a.sigmoid(), [-0.7]),
    ("neuron", lambda x, w, b: (x * w + b).tanh(), [2.0, -3.0, 6.8813735870195432]),
    ("exp form", lambda n: ((2 * n).exp() - 1) / ((2 * n).exp() + 1), [0.8813735870195432]),
]


@pytest.mark.parametrize("name, expr, xs", TRANSCENDENTAL, ids=[e[0] for e in TRANSCENDENTAL])
def test_close_to_pytorch(name, expr, xs):
    t_val, t_grads = torch_run(expr, xs)
    o_val, o_grads = ours_run(expr, xs)
    assert o_val == pytest.approx(t_val, rel=1e-14, nan_ok=True)
    assert o_grads == pytest.approx(t_grads, rel=1e-14, nan_ok=True)
