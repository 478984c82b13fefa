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


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_twice_doubles_every_gradient(path):
    r = replay(fileio.load(path), "twice")
    assert r.buggy == {n: 2 * g for n, g in r.correct.items()}
    assert r.differs == [n for n in r.correct if r.correct[n] != 0]


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
        ("assign", "b", 2.0, 1.0),
        ("dfs", "a", 25.0, 4.0),
        ("twice", "b", 19.0, 38.0),
    ):
        m = GraphModel()
        t = templates.placed(templates.bug_demo(key), m)
        templates.insert(m, t)
        r = replay(m, key, t.output)
        assert (r.correct[node], r.buggy[node]) == (right, wrong)


def test_the_twice_explanation_about_micrograd_holds():
    # "micrograd itself even passes the stale gradients of interior nodes
    # along, so nodes deeper than one step get more than double"
    assert "more than double" in BUGS["twice"].explanation
    a, b, c, f = MgValue(2.0), MgValue(-3.0), MgValue(10.0), MgValue(-2.0)
    L = (a * b + c) * f
    L.backward()
    L.backward()
    assert f.grad == 2 * 4.0  # one step from the root: exactly double
    assert a.grad == 24.0 and a.grad > 2 * 6.0  # deeper: more than double
    r = replay(fileio.load(EXAMPLES[2]), "twice")
    assert (r.buggy["f"], r.buggy["a"]) == (8.0, 12.0)  # the app shows the clean doubling
