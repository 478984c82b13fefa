"""The replay's numbers and captions, without Qt: every position against a
stepwise re-run of the engine, and the lecture's hand-worked values."""

from __future__ import annotations

import math

import pytest
from animation_helpers import EXAMPLE_NAMES, engine_states, load, same
from hypothesis import given, settings
from hypothesis import strategies as st

from core.explain.format import fmt
from core.explain.received import sum_text, term
from core.explain.replay import Replay
from core.explain.step_text import explain
from core.graph.backward import backward
from core.graph.model import GraphModel


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_position_matches_a_stepwise_engine_run(name):
    m = load(name)
    res = backward(m)
    rp = Replay(res, m.label)
    states = engine_states(m, res.root)
    assert len(states) == rp.last + 1
    for pos, state in enumerate(states):
        for n, g in state.items():
            assert same(rp.grad(n, pos), g), (name, pos, n)
    # the finished position is the core's (and so the headless command's) result
    for n in m.nodes():
        want = res.grads[n] if n in rp.rank else None
        assert same(rp.grad(n, rp.last), want)


def test_lecture_values():
    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    g = {m.label(n): rp.grad(n, rp.last) for n in m.nodes()}
    assert (g["a"], g["b"], g["c"], g["f"], g["L"]) == (6.0, -4.0, -2.0, 4.0, 1.0)
    m = load("neuron_tanh")
    rp = Replay(backward(m), m.label)
    g = {n: rp.grad(n, rp.last) for n in m.nodes()}
    assert g["x1"] == pytest.approx(-1.5) and g["w1"] == pytest.approx(1.0)
    assert g["x2"] == pytest.approx(0.5) and g["w2"] == 0.0


def test_lecture_values_against_micrograd_package():
    from micrograd.engine import Value as MV

    a, b, c, f = MV(2.0), MV(-3.0), MV(10.0), MV(-2.0)
    L = (a * b + c) * f
    L.backward()
    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    for node, ref in zip("abcf", (a, b, c, f)):
        assert rp.grad(node, rp.last) == ref.grad


def test_start_position_shows_only_the_root():
    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    assert rp.grad("L", 0) == 1.0
    assert all(rp.grad(n, 0) is None for n in m.nodes() if n != "L")
    assert rp.highlight("L", 0) == "input"
    assert rp.note("L", 0) == "L.grad = ∂L/∂L = 1"
    assert "L.grad is complete: step 1 passes it back." in explain(load("blog_L"), rp, "L", 0).text()
    assert rp.current(0) is None and rp.flows(0) == []


def test_flows_and_highlights_follow_the_current_step():
    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    pos = rp.rank["d"] + 1  # d passes -2 to e and c
    assert rp.current(pos).node == "d"
    assert rp.highlight("d", pos) == "current"
    assert rp.highlight("e", pos) == rp.highlight("c", pos) == "input"
    assert rp.highlight("L", pos) == "done"
    assert rp.highlight("a", pos) is None
    flows = {(s, t, p): txt for s, t, p, txt in rp.flows(pos)}
    assert flows == {("e", "d", 0): "e.grad += d.grad × 1 = −2", ("c", "d", 1): "c.grad += d.grad × 1 = −2"}
    assert rp.note("e", pos) == "e.grad = −2"
    assert rp.grad("a", pos) is None and rp.grad("e", pos) == -2.0


def test_accumulation_is_shown_as_a_sum():
    m = load("accumulate_shared")  # f = (a*b) * (a+b), a = -2, b = 3
    rp = Replay(backward(m), m.label)
    assert [s.node for s in rp.steps][:3] == ["f", "e", "d"]
    # after e: a got its first contribution; after d: the second one is added
    assert rp.note("a", 2) == "a.grad = −6"
    assert rp.note("a", 3) == "a.grad = −6 + 3 = −3"
    assert rp.note("b", 3) == "b.grad = −6 + (−2) = −8"
    assert rp.note("a", rp.last) == "a.grad = −6 + 3 = −3"  # kept when finished
    assert rp.grad("a", 2) == -6.0 and rp.grad("a", 3) == -3.0

    m = load("accumulate_a_plus_a")  # b = a + a, a = 3
    rp = Replay(backward(m), m.label)
    assert rp.note("a", 1) == "a.grad = 1 + 1 = 2"
    assert [txt for *_, txt in rp.flows(1)] == [
        "a.grad += b.grad × 1 = 1 (input 1)",
        "a.grad += b.grad × 1 = 1 (input 2)",
    ]
    assert len(rp.flows(1)) == 2  # both wires light up


def test_nodes_outside_the_past_get_no_gradient_and_are_dimmed():
    m = load("blog_L")
    m.add_node("leaf", "z", value=5.0)
    m.add_node("mul", "zz")
    m.connect("z", "zz", 0)
    m.connect("a", "zz", 1)
    rp = Replay(backward(m, "L"), m.label)
    assert rp.grad("z", rp.last) is None and rp.highlight("z", 2) == "dim"
    text = explain(m, rp, "z", 2).text()
    assert "does not depend on z" in text


def test_nonfinite_gradient_says_where_it_came_from():
    m = GraphModel()
    m.add_node("leaf", "x", value=0.0)
    m.add_node("log", "y")
    m.connect("x", "y", 0)
    m.add_node("leaf", "k", value=2.0)
    m.add_node("mul", "z")
    m.connect("y", "z", 0)
    m.connect("k", "z", 1)
    rp = Replay(backward(m, "z"), m.label)
    g = rp.grad("x", rp.last)
    assert g == math.inf
    why = rp.nonfinite_origin("x", rp.last)
    assert "'y'" in why and "local derivative inf" in why


def test_sum_text():
    assert sum_text([6.0, -2.0], 4.0) == "6 + (−2) = 4"
    assert sum_text([-6.0, 3.0], -3.0) == "−6 + 3 = −3"
    assert sum_text([2.5], 2.5) == "2.5"
    # in a banner or a note, a long sum is cut short where it says how many parts it has
    nine = [float(k) for k in range(1, 10)]
    assert sum_text(nine, 45.0, 6) == "1 + 2 + … + 9 (9 parts) = 45"
    assert sum_text(nine[:6], 21.0, 6) == "1 + 2 + 3 + 4 + 5 + 6 = 21"


def test_chain_rule_text_fills_in_the_numbers():
    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    t = explain(m, rp, "e", rp.last).text()
    assert "e = a × b = 2 × (−3) = −6" in t
    assert "∂e/∂a = b = −3" in t
    assert "from d: d.grad × ∂d/∂e = −2 × 1 = −2" in t
    assert "a.grad += e.grad × ∂e/∂a = −2 × (−3) = 6" in t
    # before e's step: it waits
    t = explain(m, rp, "e", rp.rank["d"]).text()
    assert "waits until e.grad is complete" in t and "still to come: 1 contribution (from d)" in t


def test_changed_between_covers_every_difference():
    m = load("neuron_exp")
    rp = Replay(backward(m), m.label)
    nodes = m.nodes()

    def look(n, p):
        return (rp.grad(n, p), rp.highlight(n, p), rp.note(n, p))

    for a in range(rp.last + 1):
        for b in range(rp.last + 1):
            ch = rp.changed_between(a, b)
            if ch is None:
                continue
            for n in nodes:
                if n not in ch:
                    assert look(n, a) == look(n, b), (a, b, n)


# ------------------------------------------------------------ random graphs
OPS2 = ["add", "sub", "mul", "div"]
OPS1 = ["neg", "exp", "tanh", "relu", "sigmoid", "log", "pow"]


@st.composite
def graphs(draw):
    m = GraphModel()
    n_leaves = draw(st.integers(1, 3))
    ids = []
    for i in range(n_leaves):
        ids.append(m.add_node("leaf", f"x{i}", value=draw(st.floats(-3, 3, allow_nan=False))))
    for i in range(draw(st.integers(1, 7))):
        if draw(st.booleans()):
            op = draw(st.sampled_from(OPS2))
            a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
            n = m.add_node(op, f"n{i}")
            m.connect(a, n, 0)
            m.connect(b, n, 1)
        else:
            op = draw(st.sampled_from(OPS1))
            n = m.add_node(
                op, f"n{i}", exponent=draw(st.sampled_from([2.0, -1.0, 0.5, 0.0])) if op == "pow" else None
            )
            m.connect(draw(st.sampled_from(ids)), n, 0)
        ids.append(n)
    return m, ids[-1]


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_random_graphs_replay_exactly(g):
    m, root = g
    res = backward(m, root)
    rp = Replay(res, m.label)
    states = engine_states(m, root)
    for pos, state in enumerate(states):
        for n, want in state.items():
            assert same(rp.grad(n, pos), want)
    for n in res.order:
        assert same(rp.grad(n, rp.last), res.grads[n])


def test_expression_labels_are_parenthesised_and_repeats_named():
    m = load("neuron_tanh")
    rp = Replay(backward(m), m.label)
    k = rp.rank["n"]
    texts = {t for *_, t in rp.flows(k + 1)}
    assert "(x1*w1 + x2*w2).grad += n.grad × 1 = 0.5" in texts
    m = load("accumulate_a_plus_a")
    rp = Replay(backward(m), m.label)
    t = explain(m, rp, "b", rp.last).text()
    assert "a.grad += b.grad × ∂b/∂a (input 1) = 1 × 1 = 1" in t
    assert "a.grad += b.grad × ∂b/∂a (input 2) = 1 × 1 = 1" in t


def every_op_graph() -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x", value=-6.0)
    m.add_node("leaf", "y", value=2.0)
    for op in ["add", "sub", "mul", "div"]:
        m.add_node(op, op)
        m.connect("x", op, 0)
        m.connect("y", op, 1)
    for op in ["neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"]:
        m.add_node(op, op, exponent=3.0 if op == "pow" else None)
        m.connect("y" if op == "log" else "x", op, 0)
    return m


def test_every_op_is_explained_with_its_numbers():
    m = every_op_graph()
    want = {
        "div": ["div = x / y = (−6) / 2 = −3", "∂div/∂y = −x / y² = −(−6) / 2² = 1.5"],
        "pow": ["pow = x**3 = (−6)**3 = −216", "∂pow/∂x = 3 × x**(3 - 1) = 3 × (−6)**(3 - 1) = 108"],
        "exp": ["exp = exp(x) = exp(−6) = 0.002479"],
        "log": ["∂log/∂y = 1 / y = 1 / 2 = 0.5"],
        "tanh": ["∂tanh/∂x = 1 − tanh²(x) = 1 − (−0.999988)² = 2.458e−5"],
        "relu": ["∂relu/∂x = 1 if x > 0 else 0 = 1 if −6 > 0 else 0 = 0"],
        "sigmoid": ["σ(x) × (1 − σ(x))"],
        "neg": ["neg = −x = −(−6) = 6", "∂neg/∂x = −1"],
        "sub": ["∂sub/∂y = −1"],
    }
    for root in [n for n in m.nodes() if n not in ("x", "y")]:
        rp = Replay(backward(m, root), m.label)
        for pos in range(rp.last + 1):
            for n in m.nodes():
                explain(m, rp, n, pos).text()  # never raises
        text = explain(m, rp, root, rp.last).text()
        for line in want.get(root, []):
            assert line in text, (root, line)
        # the chain rule line uses the exact contribution the engine added
        step = rp.steps[0]
        assert f"= {fmt(step.contributions[0])}" in text


def test_explain_without_a_pass_and_on_an_incomplete_node():
    m = every_op_graph()
    m.add_node("mul", "half")
    m.connect("x", "half", 0)
    t = explain(m, None, "half", 0).text()
    assert "half = x × ?" in t and "not connected" in t and "Run Backward" in t


def test_narration_says_what_the_step_does_with_its_numbers():
    from core.explain.step_text import narrate

    m = load("accumulate_shared")
    rp = Replay(backward(m), m.label)
    assert narrate(rp, 0).startswith("Start: f.grad = ∂f/∂f = 1.")
    t = narrate(rp, rp.rank["d"] + 1)
    assert t.startswith("Step 3 of 5: d.grad = 1 is complete")
    assert "a.grad += 1 × 3 = 3 (now −6 + 3 = −3)" in t
    assert "b.grad += 1 × (−2) = −2 (now −6 + (−2) = −8)" in t
    end = narrate(rp, rp.last)
    assert "Finished" in end and "used more than once" in end
    m = load("accumulate_a_plus_a")
    rp = Replay(backward(m), m.label)
    assert narrate(rp, 1).endswith(
        "a.grad += 1 × 1 = 1 via input 1;  a.grad += 1 × 1 = 1 via input 2 (so a.grad = 1 + 1 = 2)."
    )
    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    k = rp.rank["f"] + 1
    assert narrate(rp, k) == f"Step {k} of 7: f is a leaf, so it passes nothing on: f.grad = 4 is final."


def test_nonfinite_reasons_name_the_cause():
    m = GraphModel()
    m.add_node("leaf", "x", value=0.0)
    m.add_node("log", "y")
    m.connect("x", "y", 0)
    rp = Replay(backward(m, "y"), m.label, m.nonfinite_reason)
    assert rp.nonfinite_origin("x", rp.last) == (
        "inf came from 'y': local derivative inf × y.grad 1 (log of zero at 'y')"
    )
    # a finite local derivative times a finite gradient can still overflow
    m = GraphModel()
    m.add_node("leaf", "big", value=1e200)
    m.add_node("leaf", "k", value=1e200)
    m.add_node("mul", "p")
    m.add_node("mul", "q")
    m.connect("big", "p", 0)
    m.connect("k", "p", 1)
    m.connect("p", "q", 0)
    m.connect("k", "q", 1)
    rp = Replay(backward(m, "q"), m.label, m.nonfinite_reason)
    why = rp.nonfinite_origin("big", rp.last)
    assert why is not None and why.endswith("overflowed (larger than the largest number, ~1.8e308)")


def test_nonfinite_cause_is_short():
    m = GraphModel()
    m.add_node("leaf", "x", value=0.0)
    m.add_node("log", "y")
    m.connect("x", "y", 0)
    m.add_node("leaf", "k", value=2.0)
    m.add_node("mul", "z")
    m.connect("y", "z", 0)
    m.connect("k", "z", 1)
    rp = Replay(backward(m, "z"), m.label, m.nonfinite_reason)
    assert rp.nonfinite_cause("x", rp.last) == "log of zero at 'y'"
    assert rp.nonfinite_cause("k", rp.last) == "log of zero at 'y'"  # via z's value
    assert rp.nonfinite_cause("z", rp.last) is None  # its own gradient is 1


def test_texts_name_the_real_inputs_never_the_op_table_ports():
    """Port names a/b clash with the lecture's variables: every text says
    ∂L/∂d with the real input labels, never the op table's ∂/∂a."""
    from core.explain.step_text import explain, narrate

    m = load("blog_L")  # L = d * f
    rp = Replay(backward(m), m.label)
    text = explain(m, rp, "L", 1).text()
    assert "∂L/∂d = f = −2" in text and "∂L/∂f = d = 4" in text
    assert "L = d × f = 4 × (−2) = −8" in text
    for name in ("blog_L", "neuron_tanh", "neuron_exp", "accumulate_a_plus_a", "accumulate_shared"):
        m = load(name)
        rp = Replay(backward(m), m.label)
        for pos in range(rp.last + 1):
            texts = [narrate(rp, pos)] + [txt for *_, txt in rp.flows(pos)]
            texts += [explain(m, rp, n, pos).text() for n in m.nodes()]
            for t in texts:
                assert "∂/∂" not in t and "(Multiply)" not in t, (name, pos, t)


def test_the_finished_position_still_shows_the_last_step():
    from core.explain.step_text import narrate

    m = load("blog_L")
    rp = Replay(backward(m), m.label)
    assert rp.steps[-1].node == "b"
    assert rp.highlight("b", rp.last) == "current"
    assert rp.highlight("a", rp.last) == rp.highlight("L", rp.last) == "done"
    assert rp.note("b", rp.last) == "b.grad = −4  (final: a leaf passes nothing on)"
    assert rp.flows(rp.last) == []
    end = narrate(rp, rp.last)
    assert end.startswith("Step 7 of 7: b is a leaf: b.grad = −4 is final.") and "Finished" in end


@pytest.mark.parametrize("name", ["accumulate_a_plus_a", "accumulate_shared"])
def test_a_leaf_used_twice_keeps_its_sum_on_its_own_step_and_at_the_end(name):
    """A trial: accumulate_a_plus_a said "a.grad = 1 + 1 = 2" while a's
    consumer sent its two parts, then "a.grad = 2 (final…)" on a's own step
    and on the finished picture: the += sum, the example's point, was gone."""
    m = load(name)
    res = backward(m)
    rp = Replay(res, m.label)
    leaves = [s for s in rp.steps if not s.inputs and len(rp.steps.amounts(s.node)) >= 2]
    assert leaves
    for k, s in enumerate(rp.steps, 1):
        if s in leaves:
            parts = rp.steps.amounts(s.node)
            note = rp.note(s.node, k)
            want = " + ".join(term(t, i == 0) for i, t in enumerate(parts)) + f" = {fmt(res.grads[s.node])}"
            assert note == f"{rp.label(s.node)}.grad = {want}  (final)", note
            assert sum(parts) == pytest.approx(res.grads[s.node]) and len(parts) >= 2
    last = rp.steps[-1]
    assert rp.note(last.node, rp.last) == rp.note(last.node, len(rp.steps))


def test_a_nan_gradient_from_zero_times_inf_names_both():
    """q = log(a*b), a = 0: p = a*b is 0, p.grad = 1/0 = inf, and b.grad =
    a (0) × inf = nan: made at p, from the inf's cause (trial 69 remainder:
    the inf's cause alone read as if b.grad were inf)."""
    m = GraphModel()
    m.add_node("leaf", "a", value=0.0)
    m.add_node("leaf", "b", value=1.0)
    m.add_node("mul", "p")
    m.connect("a", "p", 0)
    m.connect("b", "p", 1)
    m.add_node("log", "q")
    m.connect("p", "q", 0)
    rp = Replay(backward(m, "q"), m.label, m.nonfinite_reason)
    assert rp.nonfinite_cause("b", rp.last) == "0 × inf at 'p': log of zero at 'q'"
    assert rp.nonfinite_origin("b", rp.last) == (
        "nan came from 'p': local derivative 0 × p.grad inf (log of zero at 'q')"
    )
    assert rp.nonfinite_cause("a", rp.last) == "log of zero at 'q'"  # b (1) × inf: inf, not made here
