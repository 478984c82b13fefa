"""Property-based tests: random DAGs with shared sub-expressions.

A graph is a small program: leaves, then nodes whose inputs are drawn from
every earlier node (so sub-expressions are shared and used several times).
Only ops and domains where the function is smooth are drawn (no relu kink,
log and division only of something kept positive), so central finite
differences are a fair independent reference.
"""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from micrograd.engine import Value as MValue

from core.autograd.engine import Value

# name -> (arity, build(V-values...) -> V-value); all smooth on the reals.
SMOOTH_OPS = {
    "add": (2, lambda a, b: a + b),
    "sub": (2, lambda a, b: a - b),
    "mul": (2, lambda a, b: a * b),
    "div": (2, lambda a, b: a / (b * b + 1.0)),  # denominator >= 1
    "neg": (1, lambda a: -a),
    "square": (1, lambda a: a**2),
    "cube": (1, lambda a: a**3),
    "sqrt": (1, lambda a: (a * a + 1.0) ** 0.5),
    "pow": (1, lambda a: (a * a + 0.5) ** -1.5),
    "exp": (1, lambda a: (a.tanh() * 2.0).exp()),  # argument in (-2, 2)
    "log": (1, lambda a: (a * a + 0.25).log()),
    "tanh": (1, lambda a: a.tanh()),
    "sigmoid": (1, lambda a: a.sigmoid()),
}
MICROGRAD_OPS = ("add", "sub", "mul", "neg", "square", "cube")  # micrograd has these


@st.composite
def programs(draw, ops=tuple(SMOOTH_OPS)):
    n_leaves = draw(st.integers(1, 4))
    leaves = draw(st.lists(st.floats(-1.5, 1.5, allow_nan=False), min_size=n_leaves, max_size=n_leaves))
    steps = []
    for i in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(ops))
        arity = SMOOTH_OPS[op][0]
        avail = n_leaves + i
        # Lean towards recent nodes (deeper graphs) but reuse anything.
        ins = tuple(draw(st.one_of(st.just(avail - 1), st.integers(0, avail - 1))) for _ in range(arity))
        steps.append((op, ins))
    return leaves, steps


def run(V, leaves, steps):
    nodes = [V(x) for x in leaves]
    for op, ins in steps:
        nodes.append(SMOOTH_OPS[op][1](*(nodes[i] for i in ins)))
    return nodes


def output(leaves, steps) -> float:
    return run(Value, leaves, steps)[-1].data


@settings(max_examples=150, deadline=None)
@given(programs())
def test_gradients_agree_with_central_differences(prog):
    leaves, steps = prog
    nodes = run(Value, leaves, steps)
    root = nodes[-1]
    assume(all(abs(v.data) < 1e3 for v in nodes))
    root.backward()
    h = 1e-6
    for i in range(len(leaves)):
        up, down = list(leaves), list(leaves)
        up[i] += h
        down[i] -= h
        fd = (output(up, steps) - output(down, steps)) / (2 * h)
        assert nodes[i].grad == pytest.approx(fd, rel=1e-5, abs=1e-6), (i, prog)


@settings(max_examples=100, deadline=None)
@given(programs(MICROGRAD_OPS))
def test_gradients_agree_with_micrograd(prog):
    leaves, steps = prog
    ours = run(Value, leaves, steps)
    assume(all(abs(v.data) < 1e6 for v in ours))  # first: micrograd's ** raises on overflow
    theirs = run(MValue, leaves, steps)
    ours[-1].backward()
    theirs[-1].backward()
    assert ours[-1].data == pytest.approx(theirs[-1].data, rel=1e-9, abs=1e-12)
    for i in range(len(leaves)):
        assert ours[i].grad == pytest.approx(theirs[i].grad, rel=1e-9, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(programs())
def test_steps_account_for_every_gradient_and_a_rerun_is_identical(prog):
    leaves, steps = prog
    nodes = run(Value, leaves, steps)
    root = nodes[-1]
    record = root.backward()
    first = [v.grad for v in nodes]
    pos = {id(s.node): i for i, s in enumerate(record)}
    received: dict = {}
    for s in record:
        for child, c in zip(s.inputs, s.contributions):
            assert pos[id(child)] > pos[id(s.node)]  # each node after its consumers
            received[id(child)] = received.get(id(child), -0.0) + c
    for v in nodes:
        if id(v) not in pos:
            continue  # not in the root's past
        expected = 1.0 if v is root else received[id(v)]
        assert v.grad == expected or (math.isnan(v.grad) and math.isnan(expected))
    root.backward()
    assert [v.grad for v in nodes] == pytest.approx(first, nan_ok=True, rel=0, abs=0)


# ----------------------------------------------- the model under random edits
from core.graph import errors
from core.graph.model import GraphModel

EDIT_OPS = ("leaf", "add", "mul", "sub", "neg", "tanh", "exp", "div", "pow")


def reference_values(m: GraphModel) -> dict:
    """Every node's value evaluated from scratch in networkx's order."""
    import networkx as nx

    from core.autograd import ops

    vals: dict = {}
    for n in nx.topological_sort(m.graph):
        a = m.node(n)
        if a["op"] == "leaf":
            vals[n] = a["value"]
            continue
        srcs = m.inputs(n)
        if any(s is None or vals[s] is None for s in srcs):
            vals[n] = None
        else:
            vals[n] = ops.evaluate(a["op"], tuple(vals[s] for s in srcs), a.get("exponent"))
    return vals


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (a != a and b != b)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["add", "connect", "disconnect", "remove", "undo", "value"]),
            st.integers(0, 30),
            st.integers(0, 30),
            st.integers(0, 2),
            st.floats(-3, 3, allow_nan=False),
        ),
        max_size=60,
    )
)
def test_random_edits_keep_the_model_consistent(edits):
    import networkx as nx

    m = GraphModel()
    removed = []
    for kind, i, j, port, x in edits:
        ids = m.nodes()
        try:
            if kind == "add" or not ids:
                op = EDIT_OPS[i % len(EDIT_OPS)]
                m.add_node(op, value=x if op == "leaf" else None)
            elif kind == "connect":
                src, dst = ids[i % len(ids)], ids[j % len(ids)]
                reason = m.can_connect(src, dst, port)
                would_cycle = src == dst or nx.has_path(m.graph, dst, src)
                if (
                    would_cycle
                    and m.op(dst) != "leaf"
                    and port < len(m.inputs(dst))
                    and m.inputs(dst)[port] is None
                ):
                    assert reason is not None and "cycle" in reason
                m.connect(src, dst, port)
                assert not would_cycle
            elif kind == "disconnect":
                m.disconnect(ids[i % len(ids)], port)
            elif kind == "remove":
                removed.append(m.remove_node(ids[i % len(ids)]))
            elif kind == "undo" and removed:
                m.restore_node(removed.pop())
            elif kind == "value":
                m.set_value(ids[i % len(ids)], x)
        except errors.GraphError:
            pass
        assert nx.is_directed_acyclic_graph(m.graph)
        order = m.topological_order()
        pos = {n: k for k, n in enumerate(order)}
        for s, t, p in m.edges():
            assert pos[s] < pos[t]
            assert m.inputs(t)[p] == s
        assert sum(s is not None for n in m.nodes() for s in m.inputs(n)) == len(m.edges())
        ref = reference_values(m)
        for n in m.nodes():
            assert same_value(m.value(n), ref[n]), (n, m.value(n), ref[n])
            assert (m.value(n) is None) == (m.reason(n) is not None)


# ------------------------------------- PyTorch itself, when it is installed
# Arithmetic whose float64 result IEEE-754 fixes, so PyTorch's CPU kernels and
# ours must agree to the bit. (exp, log, tanh and a ** 0.5 go through the
# math library PyTorch was built with, e.g. MKL, and may differ by an ulp.)
ARITH_OPS = {
    "add": (2, lambda a, b: a + b),
    "sub": (2, lambda a, b: a - b),
    "mul": (2, lambda a, b: a * b),
    "div": (2, lambda a, b: a / b),
    "neg": (1, lambda a: -a),
    "sq": (1, lambda a: a**2),
    "cube": (1, lambda a: a**3),
    "inv": (1, lambda a: a**-1),
    "rsqrt": (1, lambda a: a**-0.5),  # 1/sqrt: exact; PyTorch's own sqrt (MKL) is not
    "pow": (1, lambda a: a**1.7),
    "relu": (1, lambda a: a.relu()),
    "const": (1, lambda a: 0.1 * a + 3),
}


def bits_equal(a: float, b: float) -> bool:
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_random_arithmetic_dags_match_pytorch_bit_for_bit(data):
    # Shared nodes feed up to many consumers, so this also checks that
    # gradients are summed in PyTorch's order (latest-made consumer first).
    torch = pytest.importorskip("torch")
    leaves = data.draw(
        st.lists(st.sampled_from([-2.5, -1.0, -0.0, 0.0, 0.3, 1.0, 1.7, 13.0]), min_size=1, max_size=4)
    )
    steps = []
    for i in range(data.draw(st.integers(1, 14))):
        op = data.draw(st.sampled_from(sorted(ARITH_OPS)))
        n = len(leaves) + i
        steps.append((op, tuple(data.draw(st.integers(0, n - 1)) for _ in range(ARITH_OPS[op][0]))))

    def build(make):
        nodes = [make(x) for x in leaves]
        for op, ins in steps:
            nodes.append(ARITH_OPS[op][1](*(nodes[i] for i in ins)))
        return nodes

    ours = build(Value)
    theirs = build(lambda x: torch.tensor(x, dtype=torch.float64, requires_grad=True))
    ours[-1].backward()
    theirs[-1].backward()
    assert bits_equal(ours[-1].data, theirs[-1].item())
    for o, t in zip(ours[: len(leaves)], theirs[: len(leaves)]):
        tg = 0.0 if t.grad is None else t.grad.item()
        assert bits_equal(o.grad, tg) or (t.grad is None and o.grad == 0.0), (o.grad, tg)
