"""The forward pass reads each node through a plan kept between edits
(core/graph/kept_values.py): after any sequence of edits, single or bulk,
every value must be what a model built afresh from the same nodes and wires
computes (a plan entry left over from a node's old wiring or exponent, or
from a node of the same id deleted before, would show here)."""

from __future__ import annotations

import math
import random

import pytest

from core.autograd.floats import same_float
from core.graph.errors import GraphError
from core.graph.model import GraphModel

OPS = ["add", "mul", "sub", "neg", "tanh", "pow", "exp"]


def reference(m: GraphModel) -> GraphModel:
    """A model built afresh from ``m``'s nodes and wires."""
    fresh = GraphModel()
    for n in m.topological_order():
        a = m.node(n)
        fresh.add_node(a.pop("op"), n, **a)
    for s, t, p in m.edges():
        fresh.connect(s, t, p)
    return fresh


def assert_fresh(m: GraphModel) -> None:
    """Every value, and every reason for none, as a model built afresh has them."""
    twin = reference(m)
    ref, got = twin.values(), m.values()
    assert got.keys() == ref.keys()
    bad = [n for n in ref if not same_float(got[n], ref[n]) or m.reason(n) != twin.reason(n)]
    assert bad == [], [(n, got[n], ref[n], m.reason(n), twin.reason(n)) for n in bad[:5]]


def small_graph(rng: random.Random) -> GraphModel:
    m = GraphModel()
    ids = []
    for i in range(4):
        m.add_node("leaf", f"x{i}", value=rng.uniform(-1.5, 1.5))
        ids.append(f"x{i}")
    for i in range(30):
        op = rng.choice(OPS)
        kw = {"exponent": rng.choice([2.0, 3.0, -1.0])} if op == "pow" else {}
        m.add_node(op, f"n{i}", **kw)
        for p in range(len(m.inputs(f"n{i}"))):
            m.connect(rng.choice(ids[-8:]), f"n{i}", p)
        ids.append(f"n{i}")
    return m


def an_edit(m: GraphModel, rng: random.Random, undo: list) -> None:
    """One random edit of any kind the model has (and sometimes an undo)."""
    ops = [n for n in m.nodes() if m.op(n) != "leaf"]
    leaves = [n for n in m.nodes() if m.op(n) == "leaf"]
    kind = rng.choice(["value", "exponent", "rewire", "unwire", "remove", "bulk remove", "bulk add", "undo"])
    if kind == "value" and leaves:
        m.set_value(rng.choice(leaves), rng.uniform(-2, 2))
    elif kind == "exponent":
        pows = [n for n in ops if m.op(n) == "pow"]
        if pows:
            m.set_exponent(rng.choice(pows), rng.choice([0.5, 2.0, 3.0, -2.0]))
    elif kind in ("rewire", "unwire") and ops:
        t = rng.choice(ops)
        p = rng.randrange(len(m.inputs(t)))
        m.disconnect(t, p)
        if kind == "rewire":
            try:
                m.connect(rng.choice(m.nodes()), t, p)
            except GraphError:  # (a cycle: left empty)
                pass
    elif kind == "remove" and ops:
        undo.append(("one", m.remove_node(rng.choice(ops))))
    elif kind == "bulk remove" and len(m) > 6:
        undo.append(("many", m.remove_nodes(rng.sample(m.nodes(), 3))))
    elif kind == "bulk add":  # new nodes, some with ids deleted before
        nid = rng.choice([f"n{rng.randrange(30)}", f"new{rng.randrange(10**6)}"])
        if nid not in m:
            src = rng.choice(m.nodes())
            m.add_nodes([(nid, {"op": "tanh"})], [(src, nid, 0)])
    elif kind == "undo" and undo:
        how, snap = undo.pop()
        try:
            m.restore_node(snap) if how == "one" else m.restore_nodes(snap)
        except GraphError:  # (an id taken again, or a wire that no longer fits)
            pass


@pytest.mark.parametrize("seed", range(25))
def test_values_after_random_edits_equal_a_model_built_afresh(seed):
    rng = random.Random(seed)
    m = small_graph(rng)
    undo: list = []
    for _ in range(40):
        an_edit(m, rng, undo)
        assert_fresh(m)


def test_an_exponent_changed_is_read_again():
    m = GraphModel()
    m.add_node("leaf", "x", value=3.0)
    m.add_node("pow", "p", exponent=2.0)
    m.connect("x", "p", 0)
    m.set_value("x", 2.0)  # (planned: 2 ** 2)
    assert m.value("p") == 4.0
    m.set_exponent("p", 3.0)
    m.set_value("x", 3.0)
    assert m.value("p") == 27.0


def test_a_node_deleted_with_others_and_made_again_is_read_as_it_is_now():
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0)
    m.add_node("leaf", "b", value=5.0)
    m.add_node("mul", "n")
    m.add_node("neg", "k")
    m.connect("a", "n", 0)
    m.connect("b", "n", 1)
    m.connect("n", "k", 0)
    m.set_value("a", 3.0)  # (n planned as a * b)
    m.remove_nodes(["n", "b"])
    assert m.value("k") is None and "not connected" in m.reason("k")
    m.add_nodes([("n", {"op": "tanh"})], [("a", "n", 0), ("n", "k", 0)])
    m.set_value("a", 0.5)
    assert_fresh(m)
    assert m.value("k") == -math.tanh(0.5)


def test_a_file_opened_with_its_values_has_its_plan_made_and_edits_right(tmp_path):
    """The app opens a file with every value worked out by its check (no
    evaluation): the plan is made there, in one pass, so the first edit
    reads it (an edit feeding 36,000 nodes made 36,000 entries on the way);
    the values after edits are a fresh model's."""
    from core.files import fileio, opening

    m = small_graph(random.Random(7))
    path = tmp_path / "g.mgraph"
    fileio.save(m, str(path))
    got, _stamp = opening.load_file(path)
    assert len(got._plan) == len(got)  # every node planned at the opening
    leaf = next(n for n in got.nodes() if got.op(n) == "leaf")
    assert got.downstream([leaf]) - {leaf}
    got.set_value(leaf, -0.75)
    assert_fresh(got)
    for n in [n for n in got.nodes() if got.op(n) == "pow"]:
        got.set_exponent(n, 3.0)
        assert_fresh(got)


def test_a_node_removed_and_made_again_unwired_is_read_as_it_is_now():
    """remove_node, then add_node of the same id with another op and no
    wire (a review: the random edits always wired an id made again, which
    clears its entry anyway): it has no value, not the old a * b."""
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0)
    m.add_node("leaf", "b", value=5.0)
    m.add_node("mul", "n")
    m.connect("a", "n", 0)
    m.connect("b", "n", 1)
    m.set_value("a", 3.0)  # (n planned as a * b)
    m.remove_node("n")
    m.add_node("tanh", "n")
    assert m.value("n") is None and "not connected" in m.reason("n")
    m.connect("a", "n", 0)
    assert m.value("n") == math.tanh(3.0)
    assert_fresh(m)
    # a leaf (no input wire to clear its entry on the way) made again as an operation, and back
    m.remove_node("b")
    m.add_node("neg", "b")
    assert m.value("b") is None and "not connected" in m.reason("b")
    m.remove_node("b")
    m.add_node("leaf", "b", value=4.0)
    m.disconnect("n", 0)
    m.connect("b", "n", 0)
    assert m.value("n") == math.tanh(4.0)
    assert_fresh(m)


def test_values_after_deleting_every_node_and_its_undo_equal_a_model_built_afresh():
    m = small_graph(random.Random(11))
    leaf = next(n for n in m.nodes() if m.op(n) == "leaf")
    m.set_value(leaf, 0.5)
    snap = m.remove_all()
    assert len(m) == 0
    m.restore_nodes(snap)
    m.set_value(leaf, -1.25)
    assert_fresh(m)
    for n in [n for n in m.nodes() if m.op(n) == "pow"]:
        m.set_exponent(n, 2.0)
    assert_fresh(m)


@pytest.mark.parametrize(
    "rewire", ["connect", "add_nodes", "disconnect", "remove_nodes", "batch", "bulk in a batch"]
)
def test_a_value_edited_again_after_its_wiring_changed_reaches_what_it_feeds_now(rewire):
    """The order of the nodes an edit re-evaluates is kept for the same edit
    again (typing, Train's steps); a change of wiring in between must show."""
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    m.add_node("leaf", "b", value=2.0)
    m.add_node("mul", "c")
    m.connect("a", "c", 0)
    m.connect("b", "c", 1)
    m.add_node("neg", "d")
    m.connect("b", "d", 0)
    m.set_value("a", 3.0)  # (c, from a: the order kept)
    if rewire == "connect":
        m.disconnect("d", 0)
        m.connect("a", "d", 0)
    elif rewire == "add_nodes":
        m.add_nodes([("e", {"op": "tanh"})], [("a", "e", 0)])
    elif rewire == "disconnect":
        m.disconnect("c", 0)
        m.connect("b", "c", 0)
    elif rewire == "remove_nodes":
        m.remove_nodes(["c"])
    elif rewire == "batch":
        with m.batch():
            m.remove_node("c")
    else:  # (a sink taken out in a batch: nothing left to re-evaluate, the kept order must go)
        with m.batch():
            m.remove_nodes(["c"])
    m.set_value("a", 0.5)
    assert_fresh(m)
    with m.batch():  # (a batch's starts as one)
        m.set_value("a", 0.25)
    assert_fresh(m)


def test_a_few_leaves_edited_in_turn_walk_downstream_once_each(monkeypatch):
    """The benchmark's "two leaves in turn" walked afresh at each edit (the
    kept order was the last edit's only): now each of a few recent starts
    keeps its order, the values as a model built afresh."""
    from core.graph import kept_values

    m = GraphModel()
    for leaf in "abcde":
        m.add_node("leaf", leaf, value=1.0)
    prev = "a"
    for i, leaf in enumerate("bcde"):  # a chain a*b*c*d*e, each step fed by one more leaf
        m.add_node("mul", f"m{i}")
        m.connect(prev, f"m{i}", 0)
        m.connect(leaf, f"m{i}", 1)
        prev = f"m{i}"
    walks = []
    real = kept_values.reachable_within
    counted = lambda adj, k, lim: (walks.append(set(k)) if adj is m._g._succ else None) or real(adj, k, lim)
    monkeypatch.setattr(kept_values, "reachable_within", counted)
    for step in range(12):
        leaf = "abcd"[step % 4]  # four leaves in turn: kept
        m.set_value(leaf, 1.0 + step)
        assert_fresh(m)
    assert len(walks) == 4
    m.set_value("e", 2.0)  # a fifth: the one used longest ago goes
    m.set_value("a", 3.0)
    assert len(walks) == 6 and walks[-1] == {"a"}
    assert_fresh(m)
