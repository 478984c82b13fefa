"""Second order: gradients as graphs (``engine.grad_graph``, ``grad``,
``Value.backward(create_graph=True)``) and the Hessian by reverse over reverse
(core/graph/hessian.py, ``python main.py hessian``), checked against
hand-worked values, Backward's gradients, finite differences of the gradient
and PyTorch's double backward (float64, within 1e-9 relative)."""

from __future__ import annotations

import json
import math
import warnings

import pytest
from second_order_helpers import EXPONENTS, close, random_graph, to_model, torch_graph
from test_cli import EXAMPLES, assert_error, run, write

from core.autograd.engine import Value, grad, grad_graph
from core.autograd.floats import same_float
from core.graph.backward import backward
from core.graph.build import build_values
from core.graph.hessian import hessian

SEEDS = range(80)
BLOG_HESSIAN = [[0.0, -2.0, 0.0, -3.0], [-2.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 1.0], [-3.0, 2.0, 1.0, 0.0]]


def _ulps(a: float, b: float) -> float:
    if same_float(a, b):
        return 0
    return abs(a - b) / max(math.ulp(a), math.ulp(b))


# ------------------------------------------------ gradients as Values
def test_gradient_values_equal_backward_bit_for_bit():
    """The written-down backward pass is the backward pass: same arithmetic,
    same order (tanh's 1 - y*y is rounded twice in the graph, once in the
    numeric rule: within an ulp or two there)."""
    exact = total = 0
    for seed in SEEDS:
        nodes, root = random_graph(seed)
        m = to_model(nodes, root)
        numeric = backward(m, root).grads
        vals = build_values(m, m.past(root))
        g = grad_graph(vals[root])
        has_tanh = any(op == "tanh" for _, op, *_ in nodes)
        for n, v in vals.items():
            total += 1
            exact += same_float(g[v].data, numeric[n])
            assert _ulps(g[v].data, numeric[n]) <= (4 if has_tanh else 0), (seed, n)
    assert exact >= 0.9 * total


def test_backward_create_graph_makes_each_grad_a_value():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c, f = Value(10.0, label="c"), Value(-2.0, label="f")
    L = (a * b + c) * f
    steps = L.backward(create_graph=True)
    assert isinstance(a.grad, Value) and a.grad.data == 6.0 and b.grad.data == -4.0
    assert steps.upstreams[0] == 1.0 and [s.node for s in steps][-4:] != []
    ga, gb = a.grad, b.grad
    # d(a.grad)/d(b) = f = -2 and d(a.grad)/d(f) = b = -3: a.grad is b*f
    assert grad(ga, [a, b, c, f]) == [0.0, -2.0, 0.0, -3.0]
    assert grad(gb, [a, b, c, f]) == [-2.0, 0.0, 0.0, 2.0]
    # and again: d²(a.grad)/db df = 1
    (gab,) = grad(ga, [b], create_graph=True)
    assert grad(gab, [f]) == [1.0]


def test_grad_of_an_unused_input_is_a_constant_zero():
    x, y = Value(1.5), Value(2.0)
    (gy,) = grad(x * x, [y], create_graph=True)
    assert gy.data == 0.0 and gy.inputs == ()
    assert grad(x * x, [x, y]) == [3.0, 0.0]


@pytest.mark.parametrize("k", EXPONENTS)
def test_second_derivative_of_pow_by_hand(k):
    x = Value(1.7)
    (g,) = grad(x**k, [x], create_graph=True)
    (h,) = grad(g, [x])
    want = 0.0 if k == 0 else k * (k - 1) * 1.7 ** (k - 2)
    assert close(h, want, 1e-13, 1e-15), (k, h, want)


def test_second_derivatives_of_every_unary_op_by_hand():
    x0 = 0.6
    s = 1 / (1 + math.exp(-x0))
    t = math.tanh(x0)
    cases = {
        "exp": math.exp(x0),
        "log": -1 / x0**2,
        "tanh": -2 * t * (1 - t * t),
        "relu": 0.0,
        "sigmoid": s * (1 - s) * (1 - 2 * s),
        "neg": 0.0,
    }
    for op, want in cases.items():
        x = Value(x0)
        (g,) = grad(getattr(x, op)() if op != "neg" else -x, [x], create_graph=True)
        (h,) = grad(g, [x])
        assert close(h, want, 1e-14, 1e-16), (op, h, want)


# ------------------------------------------------------------ the Hessian
def test_blog_hessian_is_the_contracts_example():
    from core.files import fileio

    r = hessian(fileio.load(EXAMPLES / "blog_L.mgraph"))
    assert (r.root, r.leaves, r.gradient) == ("L", ["a", "b", "c", "f"], [6.0, -4.0, -2.0, 4.0])
    assert r.hessian == BLOG_HESSIAN


def test_hessian_equals_finite_differences_of_the_gradient():
    h = 1e-6
    checked = 0
    for seed in SEEDS:
        nodes, root = random_graph(seed)
        m = to_model(nodes, root)
        r = hessian(m, root)
        assert r.gradient == [backward(m, root).grads[n] for n in r.leaves]
        for j, leaf in enumerate(r.leaves):
            x = m.value(leaf)
            m.set_value(leaf, x + h)
            up = backward(m, root).grads
            m.set_value(leaf, x - h)
            down = backward(m, root).grads
            m.set_value(leaf, x)
            for i, other in enumerate(r.leaves):
                fd = (up[other] - down[other]) / (2 * h)
                assert close(r.hessian[i][j], fd, 1e-5, 1e-5), (seed, other, leaf, r.hessian[i][j], fd)
                checked += abs(fd) > 1e-3
    assert checked > 120


def test_hessian_is_symmetric():
    for seed in SEEDS:
        nodes, root = random_graph(seed)
        H = hessian(to_model(nodes, root), root).hessian
        for i, row in enumerate(H):
            for j, v in enumerate(row):
                assert close(v, H[j][i], 1e-11, 1e-13), (seed, i, j)


def test_hessian_matches_pytorch_double_backward():
    torch = pytest.importorskip("torch")
    warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
    ops_seen, exps_seen, nonzero = set(), set(), 0
    for seed in range(200):
        nodes, root = random_graph(seed)
        r = hessian(to_model(nodes, root), root)
        t = torch_graph(torch, nodes)
        xs = [t[n] for n in r.leaves]
        gs = torch.autograd.grad(t[root], xs, create_graph=True, allow_unused=True)
        # an absolute floor far below the entries' scale, for sums that cancel
        # to ~0 (where an ulp of difference in a forward value is all there is)
        floor_g = 1e-14 * max(1.0, *(abs(x) for x in r.gradient))
        floor_h = 1e-12 * max(1.0, *(abs(x) for row in r.hessian for x in row))
        for i, g in enumerate(gs):
            theirs_g = 0.0 if g is None else g.item()
            assert close(r.gradient[i], theirs_g, 1e-12, floor_g), (seed, i, r.gradient[i], theirs_g)
            if g is None or not g.requires_grad:
                row = [0.0] * len(xs)
            else:
                row = [
                    0.0 if h is None else h.item()
                    for h in torch.autograd.grad(g, xs, retain_graph=True, allow_unused=True)
                ]
            for j, want in enumerate(row):
                assert close(r.hessian[i][j], want, 1e-9, floor_h), (
                    seed,
                    r.leaves[i],
                    r.leaves[j],
                    r.hessian[i][j],
                    want,
                )
                nonzero += want != 0.0
        ops_seen |= {op for _, op, *_ in nodes}
        exps_seen |= {x for _, op, _, x in nodes if op == "pow"}
    assert len(ops_seen) == 12 and exps_seen == set(EXPONENTS)
    assert nonzero > 300


def test_hessian_at_kinks_and_poles_matches_pytorch():
    torch = pytest.importorskip("torch")
    cases = [
        ([("a", "leaf", (), 0.0), ("r", "relu", ("a",), None), ("s", "mul", ("r", "r"), None)], "s"),
        ([("a", "leaf", (), 0.0), ("p", "pow", ("a",), 0.0)], "p"),
        ([("a", "leaf", (), 0.0), ("p", "pow", ("a",), 0.5)], "p"),
        ([("a", "leaf", (), 0.0), ("b", "leaf", (), 0.0), ("d", "div", ("a", "b"), None)], "d"),
        ([("a", "leaf", (), -1.0), ("l", "log", ("a",), None)], "l"),
        ([("a", "leaf", (), 800.0), ("e", "exp", ("a",), None), ("t", "tanh", ("e",), None)], "t"),
    ]
    for nodes, root in cases:
        r = hessian(to_model(nodes, root), root)
        t = torch_graph(torch, nodes)
        xs = [t[n] for n in r.leaves]
        gs = torch.autograd.grad(t[root], xs, create_graph=True, allow_unused=True)
        for i, g in enumerate(gs):
            assert close(r.gradient[i], g.item(), 1e-12), (nodes, i)
            row = [0.0] * len(xs)
            if g.requires_grad:
                row = [
                    0.0 if h is None else h.item()
                    for h in torch.autograd.grad(g, xs, allow_unused=True, retain_graph=True)
                ]
            assert all(close(a, b, 1e-9) for a, b in zip(r.hessian[i], row)), (nodes, r.hessian[i], row)


# ------------------------------------------------------------ the command
def hessian_json(*args) -> dict:
    r = run("hessian", *args, "--json")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not strict JSON"))


def test_cli_json_exactly_as_the_contract():
    doc = hessian_json(EXAMPLES / "blog_L.mgraph")
    assert doc == {
        "root": "L",
        "leaves": ["a", "b", "c", "f"],
        "gradient": [6.0, -4.0, -2.0, 4.0],
        "hessian": BLOG_HESSIAN,
    }
    assert list(doc) == ["root", "leaves", "gradient", "hessian"]


def test_cli_root_and_leaves_in_file_order(tmp_path):
    # the file lists y before x; z is a leaf the root does not depend on
    path = write(
        tmp_path,
        [
            ("y", "leaf", {"value": 3.0}),
            ("z", "leaf", {"value": 1.0}),
            ("x", "leaf", {"value": 2.0}),
            ("m", "mul", {}),
            ("s", "pow", {"exponent": 3.0}),
            ("o", "add", {}),
        ],
        [("x", "m", 0), ("y", "m", 1), ("m", "s", 0), ("s", "o", 0), ("z", "o", 1)],
    )
    doc = hessian_json(path, "--root", "s")  # s = (x*y)**3
    assert doc["root"] == "s" and doc["leaves"] == ["y", "z", "x"]
    # ds/dx = 3x²y³ = 324, ds/dy = 3x³y² = 216;
    # d²s/dx² = 6xy³ = 324, d²s/dy² = 6x³y = 144, d²s/dxdy = 9x²y² = 324
    assert doc["gradient"] == [216.0, 0.0, 324.0]
    assert doc["hessian"] == [[144.0, 0.0, 324.0], [0.0, 0.0, 0.0], [324.0, 0.0, 324.0]]
    assert hessian_json(path)["gradient"] == [216.0, 1.0, 324.0]  # the single sink, o


def test_cli_nonfinite_numbers_are_strings(tmp_path):
    path = write(tmp_path, [("a", "leaf", {"value": 0.0}), ("l", "log", {})], [("a", "l", 0)])
    doc = hessian_json(path)
    assert doc["gradient"] == ["inf"] and doc["hessian"] == [["-inf"]]


def test_cli_table():
    r = run("hessian", EXAMPLES / "blog_L.mgraph")
    assert r.returncode == 0 and r.stderr == ""
    rows = [line.split() for line in r.stdout.splitlines()[3:]]
    assert rows[0] == ["a", "6.0", "0.0", "-2.0", "0.0", "-3.0"]


def test_cli_errors(tmp_path):
    assert_error(run("hessian", EXAMPLES / "blog_L.mgraph", "--root", "zz"), "'zz'", code=1)
    two = write(
        tmp_path,
        [("a", "leaf", {"value": 1.0}), ("n", "neg", {}), ("t", "tanh", {})],
        [("a", "n", 0), ("a", "t", 0)],
    )
    assert_error(run("hessian", two, "--json"), "several sinks", "n", "t", code=1)
    path = write(
        tmp_path, [("a", "leaf", {"value": 1.0}), ("m", "mul", {})], [("a", "m", 0)], name="inc.mgraph"
    )
    assert_error(run("hessian", path), "'m'", "port 1", code=1)
    assert_error(run("hessian"), code=2)
    assert_error(run("hessian", tmp_path / "none.mgraph"), "none.mgraph", code=1)
