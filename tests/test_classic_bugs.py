"""The classic bugs reproduce their wrong numbers; the correct run is untouched."""

from pathlib import Path

import pytest
from micrograd.engine import Value as MgValue

from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import InvalidValueError
from core.graph.model import GraphModel
from core.learn.classic_bugs import BUGS, replay

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "examples").glob("*.mgraph"))


def reuse_graph():
    """c = a + b, d = a * b, e = c + d, f = c * d, y = e + f at a = 2, b = 3."""
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0)
    m.add_node("leaf", "b", value=3.0)
    for n, op, x, y in [
        ("c", "add", "a", "b"),
        ("d", "mul", "a", "b"),
        ("e", "add", "c", "d"),
        ("f", "mul", "c", "d"),
        ("y", "add", "e", "f"),
    ]:
        m.add_node(op, n)
        m.connect(x, n, 0)
        m.connect(y, n, 1)
    return m


def b_plus_b():
    m = GraphModel()
    m.add_node("leaf", "b", value=3.0)
    m.add_node("add", "s")
    m.connect("b", "s", 0)
    m.connect("b", "s", 1)
    return m


def snapshot(m):
    r = backward(m)
    return ({n: m.node(n) for n in m.nodes()}, m.edges(), r.order, r.grads)


def test_assign_bug_b_plus_b():
    r = replay(b_plus_b(), "assign")
    assert r.correct["b"] == 2.0 and r.buggy["b"] == 1.0 and r.differs == ["b"]


def test_assign_bug_blog_post_graph_has_no_reuse_so_no_difference():
    r = replay(fileio.load(EXAMPLES[2]), "assign")
    assert r.differs == [] and r.buggy == r.correct


def micrograd_twice(m: GraphModel) -> dict:
    """The model built of the micrograd package's Values (add, mul), its
    root's backward() called twice with no zeroing: each node's gradient."""
    vals = {}
    for n in m.topological_order():
        op, ins = m.op(n), [vals[i] for i in m.inputs(n)]
        vals[n] = MgValue(m.value(n)) if op == "leaf" else ins[0] + ins[1] if op == "add" else ins[0] * ins[1]
    root = vals[m.resolve_root()]
    root.backward()
    root.backward()
    return {n: v.grad for n, v in vals.items()}


@pytest.mark.parametrize("stem", ["accumulate_a_plus_a", "accumulate_shared", "blog_L"])
def test_twice_gives_what_micrograd_gives_calling_backward_twice(stem):
    m = fileio.load(next(p for p in EXAMPLES if p.stem == stem))
    r = replay(m, "twice")
    assert r.buggy == micrograd_twice(m)  # bit for bit
    assert r.differs == [n for n in r.correct if r.buggy[n] != r.correct[n]]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_twice_keeps_the_root_and_doubles_one_step_from_it(path):
    m = fileio.load(path)
    r = replay(m, "twice")
    root = m.resolve_root()
    assert r.buggy[root] == r.correct[root] == 1.0 and root not in r.differs
    for n in {i for i in m.inputs(root)} - {root}:  # only the root feeds them: exactly double
        if all(c == root for c, _ in m.consumers(n)):
            assert r.buggy[n] == 2 * r.correct[n]


def test_depth_first_order_is_wrong_on_reuse():
    m = reuse_graph()
    r = replay(m, "dfs")
    assert (r.correct["a"], r.correct["b"]) == (25.0, 19.0)
    # independent reference for the right answer
    a, b = MgValue(2.0), MgValue(3.0)
    c, d = a + b, a * b
    y = (c + d) + (c * d)
    y.backward()
    assert (a.grad, b.grad) == (25.0, 19.0)
    # the walk passes c (1 so far) and d (1) on before f adds 6 and 5
    assert (r.buggy["a"], r.buggy["b"]) == (4.0, 3.0)
    assert r.buggy["c"] == 7.0 and r.buggy["d"] == 6.0  # they end right, too late
    assert r.differs == [n for n in r.correct if n in ("a", "b")]


def test_depth_first_order_is_fine_without_reuse():
    assert replay(fileio.load(EXAMPLES[2]), "dfs").differs == []


@pytest.mark.parametrize("key", list(BUGS))
def test_replay_leaves_the_correct_run_unchanged(key):
    for m in (reuse_graph(), b_plus_b(), fileio.load(EXAMPLES[2])):
        before = snapshot(m)
        replay(m, key)
        assert snapshot(m) == before
    assert BUGS[key].explanation.count(".") >= 2 and BUGS[key].title


def test_unknown_bug():
    with pytest.raises(InvalidValueError, match="unknown classic bug"):
        replay(b_plus_b(), "nope")


def test_demo_graphs_trigger_their_bug():
    from core.learn import templates

    for key, node, right, wrong in (
        ("assign", "a", 2.0, 1.0),
        ("dfs", "a", 25.0, 4.0),
        ("twice", "b", 19.0, 76.0),  # micrograd: y.backward() twice gives b.grad = 76
    ):
        m = GraphModel()
        t = templates.placed(templates.bug_demo(key), m)
        templates.insert(m, t)
        r = replay(m, key, t.output)
        assert (r.correct[node], r.buggy[node]) == (right, wrong)


def test_the_twice_explanation_holds_in_micrograd():
    text = BUGS["twice"].explanation
    assert "f.grad = 8 where 4 is right" in text and "a.grad = 24 where 6 is right" in text
    a, b, c, f = MgValue(2.0), MgValue(-3.0), MgValue(10.0), MgValue(-2.0)
    L = (a * b + c) * f
    L.backward()
    L.backward()
    assert (L.grad, f.grad, a.grad) == (1.0, 8.0, 24.0)
    r = replay(fileio.load(next(p for p in EXAMPLES if p.stem == "blog_L")), "twice")
    assert (r.buggy["L"], r.buggy["f"], r.buggy["a"]) == (1.0, 8.0, 24.0)
