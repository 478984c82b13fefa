"""The graph document: validated edits, signals, incremental forward values,
incomplete nodes, backward from a chosen root, undoable removal."""

import math

import networkx as nx
import pytest

from core.graph import errors
from core.graph.backward import backward
from core.graph.model import GraphModel


def blog() -> GraphModel:
    """L = (a*b + c) * f, built by edits."""
    m = GraphModel()
    for nid, v in (("a", 2.0), ("b", -3.0), ("c", 10.0), ("f", -2.0)):
        m.add_node("leaf", nid, value=v)
    m.add_node("mul", "e")
    m.add_node("add", "d")
    m.add_node("mul", "L")
    for s, t, p in (("a", "e", 0), ("b", "e", 1), ("e", "d", 0), ("c", "d", 1), ("d", "L", 0), ("f", "L", 1)):
        m.connect(s, t, p)
    return m


class Recorder:
    """Every signal the model emits, in order."""

    NAMES = (
        "node_added",
        "node_removed",
        "edge_added",
        "edge_removed",
        "node_changed",
        "node_moved",
        "values_changed",
        "output_changed",
        "graph_changed",
    )

    def __init__(self, model: GraphModel):
        self.events = []
        for name in self.NAMES:
            getattr(model, name).connect(lambda *args, _n=name: self.events.append((_n, *args)))

    def of(self, name):
        return [e[1:] for e in self.events if e[0] == name]


# ------------------------------------------------------------------ reading
def test_reading_the_blog_graph():
    m = blog()
    assert len(m) == 7 and "e" in m and "zz" not in m
    assert m.value("L") == -8.0 and m.value("d") == 4.0
    assert m.inputs("e") == ["a", "b"] and m.inputs("a") == []
    assert sorted(m.consumers("e")) == [("d", 0)]
    assert sorted(m.edges()) == sorted(
        [("a", "e", 0), ("b", "e", 1), ("e", "d", 0), ("c", "d", 1), ("d", "L", 0), ("f", "L", 1)]
    )
    assert m.sinks() == ["L"]
    assert m.op("e") == "mul" and m.label("e") == "e"
    order = m.topological_order()
    for s, t, _ in m.edges():
        assert order.index(s) < order.index(t)
    node = m.node("a")
    node["value"] = 99.0  # a copy: the model is not changed
    assert m.value("a") == 2.0


def test_add_node_defaults_and_extra_keys():
    m = GraphModel()
    x = m.add_node("leaf")
    p = m.add_node("pow", label="square", x=10, y=-5, trainable=True, color="red")
    assert x == "leaf1" and m.value(x) == 0.0  # (not x1: the lecture's name, trial 49)
    assert m.node(p)["exponent"] == 2.0
    assert m.node(p)["trainable"] is True and m.node(p)["color"] == "red"
    assert m.position(p) == (10.0, -5.0) and m.label(p) == "square"
    assert m.new_id("pow") == "pow2"


# ------------------------------------------------------------ refused edits
@pytest.mark.parametrize(
    "edit, error, words",
    [
        (lambda m: m.add_node("frobnicate"), errors.UnknownOpError, ["frobnicate"]),
        (lambda m: m.add_node("leaf", "a"), errors.DuplicateIdError, ["'a'", "already exists"]),
        (lambda m: m.add_node("leaf", "", value=1.0), errors.InvalidValueError, ["id"]),
        (lambda m: m.add_node("leaf", "z", value=math.nan), errors.InvalidValueError, ["'z'", "finite"]),
        (lambda m: m.add_node("leaf", "z", value=math.inf), errors.InvalidValueError, ["finite"]),
        (lambda m: m.add_node("leaf", "z", value="3"), errors.InvalidValueError, ["number"]),
        (lambda m: m.add_node("pow", "p", exponent=math.inf), errors.InvalidValueError, ["exponent"]),
        (lambda m: m.set_value("a", math.nan), errors.InvalidValueError, ["'a'", "finite"]),
        (lambda m: m.set_value("e", 1.0), errors.InvalidValueError, ["'e'", "not a leaf"]),
        (lambda m: m.set_exponent("e", 2.0), errors.InvalidValueError, ["not a pow"]),
        (lambda m: m.set_value("nope", 1.0), errors.UnknownNodeError, ["'nope'"]),
        (lambda m: m.connect("nope", "e", 0), errors.UnknownNodeError, ["'nope'"]),
        (lambda m: m.connect("a", "nope", 0), errors.UnknownNodeError, ["'nope'"]),
        (lambda m: m.connect("a", "e", 2), errors.PortOutOfRangeError, ["port 2", "'e'", "0..1"]),
        (lambda m: m.connect("a", "e", -1), errors.PortOutOfRangeError, ["-1"]),
        (lambda m: m.connect("a", "e", True), errors.PortOutOfRangeError, ["True"]),
        (lambda m: m.connect("c", "e", 0), errors.PortOccupiedError, ["port 0", "'e'", "'a'"]),
        (lambda m: m.connect("c", "a", 0), errors.LeafInputError, ["'a'", "leaf"]),
        (lambda m: m.set_attr("a", "value", 3.0), errors.InvalidValueError, ["value"]),
        (lambda m: m.set_output("nope"), errors.UnknownNodeError, ["'nope'"]),
    ],
)
def test_bad_edits_raise_specific_errors_and_change_nothing(edit, error, words):
    m = blog()
    before = (sorted(m.nodes()), sorted(m.edges()), {n: m.node(n) for n in m.nodes()})
    with pytest.raises(error) as info:
        edit(m)
    assert isinstance(info.value, errors.GraphError)
    for w in words:
        assert w in str(info.value)
    assert (sorted(m.nodes()), sorted(m.edges()), {n: m.node(n) for n in m.nodes()}) == before


def test_cycles_are_refused_however_long():
    m = GraphModel()
    m.add_node("leaf", "x", value=1.0)
    for n in ("p", "q", "r"):
        m.add_node("add", n)
    m.connect("x", "p", 0)
    m.connect("p", "q", 0)
    m.connect("q", "r", 0)
    with pytest.raises(errors.CycleError) as info:
        m.connect("r", "p", 1)
    assert "'r'" in str(info.value) and "'p'" in str(info.value) and "cycle" in str(info.value)
    with pytest.raises(errors.CycleError):
        m.connect("p", "p", 1)  # a node into itself
    assert m.inputs("p") == ["x", None]
    assert m.can_connect("r", "p", 1) is not None
    assert m.can_connect("x", "p", 1) is None
    assert "already connected" in m.can_connect("x", "p", 0)
    assert m.can_connect("x", "p", 0, replace=True) is None


def test_wiring_against_the_creation_order_keeps_a_topological_order():
    # Nodes made consumer-first: every wire goes against the rank order.
    m = GraphModel()
    m.add_node("tanh", "t")
    m.add_node("mul", "m")
    m.add_node("add", "s")
    m.add_node("leaf", "a", value=0.5)
    m.add_node("leaf", "b", value=2.0)
    m.connect("m", "t", 0)
    m.connect("s", "m", 0)
    m.connect("a", "s", 0)
    m.connect("b", "s", 1)
    with pytest.raises(errors.CycleError):
        m.connect("t", "m", 1)  # t already depends on m
    m.connect("b", "m", 1)
    order = m.topological_order()
    for s, t, _ in m.edges():
        assert order.index(s) < order.index(t)
    assert m.value("t") == math.tanh((0.5 + 2.0) * 2.0)
    assert nx.is_directed_acyclic_graph(m.graph)


# ------------------------------------------------------------------ signals
def test_edits_emit_signals():
    m = GraphModel()
    rec = Recorder(m)
    m.add_node("leaf", "a", value=2.0)
    m.add_node("neg", "n")
    m.connect("a", "n", 0)
    m.set_value("a", 3.0)
    m.set_label("n", "minus a")
    m.set_attr("a", "trainable", True)
    m.set_position("a", 5, 6)
    m.set_output("n")
    assert m.disconnect("n", 0) == "a"
    assert m.disconnect("n", 0) is None
    assert rec.of("node_added") == [("a",), ("n",)]
    assert rec.of("edge_added") == [("a", "n", 0)]
    assert rec.of("edge_removed") == [("a", "n", 0)]
    assert rec.of("node_changed") == [("a", "value"), ("n", "label"), ("a", "trainable")]
    assert rec.of("node_moved") == [("a", 5.0, 6.0)]
    assert rec.of("output_changed") == [("n",)]
    assert rec.of("values_changed") == [({"a"},), ({"n"},), ({"n"},), ({"a", "n"},), ({"n"},)]
    assert len(rec.of("graph_changed")) >= 7
    assert m.output == "n" and m.label("n") == "minus a"


def test_remove_and_restore_node_round_trip():
    m = blog()
    m.set_output("L")
    m.set_attr("e", "note", "hi")
    before = (sorted(m.edges()), {n: m.node(n) for n in m.nodes()}, m.value("L"))
    rec = Recorder(m)
    snap = m.remove_node("e")
    assert "e" not in m and m.inputs("d") == [None, "c"]
    assert m.value("L") is None and "not connected" in m.reason("L")
    assert rec.of("node_removed") == [("e",)]
    assert sorted(rec.of("edge_removed")) == [("a", "e", 0), ("b", "e", 1), ("e", "d", 0)]
    m.restore_node(snap)
    assert (sorted(m.edges()), {n: m.node(n) for n in m.nodes()}, m.value("L")) == before
    snap = m.remove_node("L")
    assert m.output is None
    m.restore_node(snap)
    assert m.output == "L"


# ------------------------------------------------------ incremental forward
def test_only_descendants_are_recomputed(op_runs):
    m = blog()
    calls = op_runs
    calls.clear()  # (building it ran every op once)
    rec = Recorder(m)
    m.set_value("c", 11.0)  # c -> d -> L; a, b, e, f untouched
    assert sorted(calls) == ["add", "mul"]
    assert rec.of("values_changed") == [({"c", "d", "L"},)]
    assert m.value("L") == -10.0
    calls.clear()
    m.set_value("f", -2.0)  # same value: nothing changed, nothing it feeds evaluated again
    assert calls == []
    assert rec.of("values_changed") == [({"c", "d", "L"},)]


def test_incremental_values_on_a_long_chain(op_runs):
    m = GraphModel()
    m.add_node("leaf", "x0", value=1.0)
    prev = "x0"
    for i in range(1, 300):
        m.add_node("neg", f"n{i}")
        m.connect(prev, f"n{i}", 0)
        prev = f"n{i}"
    calls = op_runs
    calls.clear()  # (building it ran each op)
    m.disconnect("n200", 0)
    assert len(calls) == 0  # everything below n200 lost its value; nothing to evaluate
    assert m.value("n199") == -1.0 and m.value("n250") is None
    m.connect("n199", "n200", 0)
    assert len(calls) == 100  # n200..n299 only
    assert m.value("n299") == -1.0


# ---------------------------------------------------------- incomplete nodes
def test_incomplete_nodes_have_no_value_and_a_reason():
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    m.add_node("div", "q", label="ratio")
    m.add_node("exp", "e")
    m.connect("a", "q", 0)
    m.connect("q", "e", 0)
    assert m.value("q") is None and m.value("e") is None
    assert m.reason("q") == "input in₂ of 'ratio' is not connected"  # (the port as its card names it)
    assert m.reason("e") == m.reason("q")  # inherited from upstream
    assert m.reason("a") is None
    with pytest.raises(errors.IncompleteGraphError) as info:
        m.check_complete()
    assert "'q'" in str(info.value) and "port 1" in str(info.value)
    with pytest.raises(errors.IncompleteGraphError):
        backward(m, "e")
    m.check_complete(["a"])  # the leaf alone is complete
    assert backward(m, "a").grads == {"a": 1.0, "q": 0.0, "e": 0.0}
    m.connect("a", "q", 1)
    assert m.value("e") == math.e and m.reason("e") is None


def test_nonfinite_reason_traces_to_the_cause():
    m = GraphModel()
    m.add_node("leaf", "a", value=-1.0)
    m.add_node("log", "l", label="ln a")
    m.add_node("mul", "y")
    m.connect("a", "l", 0)
    m.connect("l", "y", 0)
    m.connect("a", "y", 1)
    assert math.isnan(m.value("y"))
    assert m.nonfinite_reason("y") == "log of a negative number at 'ln a'"
    assert m.nonfinite_reason("a") is None
    m.set_value("a", 0.0)
    assert m.nonfinite_reason("l") == "log of zero at 'ln a'"


# ----------------------------------------------------------------- backward
def test_backward_default_root_and_results():
    m = blog()
    res = backward(m)
    assert res.root == "L"
    assert res.grads == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0, "e": -2.0, "d": -2.0, "L": 1.0}
    assert res.values["L"] == -8.0
    assert res.order[0] == "L" and sorted(res.order) == sorted(m.nodes())
    assert [s.node for s in res.steps] == res.order
    step = {s.node: s for s in res.steps}["e"]
    assert (step.upstream, step.inputs, step.locals, step.contributions) == (
        -2.0,
        ("a", "b"),
        (-3.0, 2.0),
        (6.0, -4.0),
    )
    assert backward(m).grads == res.grads  # fresh every time


def test_backward_from_a_chosen_root_gives_zero_outside_its_past():
    m = blog()
    res = backward(m, "d")
    assert res.root == "d"
    assert sorted(res.order) == ["a", "b", "c", "d", "e"]
    assert res.grads["L"] == 0.0 and res.grads["f"] == 0.0
    assert (res.grads["a"], res.grads["b"], res.grads["c"]) == (-3.0, 2.0, 1.0)


def test_root_rules():
    m = blog()
    m.add_node("leaf", "lonely", value=1.0)  # now two sinks: L and lonely
    with pytest.raises(errors.RootError) as info:
        backward(m)
    assert "L" in str(info.value) and "lonely" in str(info.value)
    m.set_output("L")
    assert backward(m).root == "L"  # output wins
    assert backward(m, "lonely").root == "lonely"  # an explicit root wins over output
    with pytest.raises(errors.RootError) as info:
        backward(m, "ghost")
    assert "ghost" in str(info.value)
    with pytest.raises(errors.RootError) as info:
        backward(GraphModel())
    assert "empty" in str(info.value)


def test_accumulation_in_the_model():
    m = GraphModel()
    m.add_node("leaf", "a", value=3.0)
    m.add_node("add", "b")
    m.connect("a", "b", 0)
    m.connect("a", "b", 1)
    res = backward(m)
    assert res.grads["a"] == 2.0
    assert res.steps[0].inputs == ("a", "a") and res.steps[0].contributions == (1.0, 1.0)


# -------------------------------------------------------------------- scale
def test_100k_node_chain_in_the_model():
    n = 100_000
    nodes = [("x0", {"op": "leaf", "value": 0.5})]
    nodes += [(f"n{i}", {"op": "tanh" if i % 2 else "neg"}) for i in range(1, n)]
    edges = [(f"n{i - 1}" if i > 1 else "x0", f"n{i}", 0) for i in range(1, n)]
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    res = backward(m)
    assert res.root == f"n{n - 1}" and len(res.order) == n
    assert res.order[-1] == "x0"
    # Reference: the chain rule by hand along the chain.
    v, g = 0.5, 1.0
    grads = []
    for i in range(1, n):
        if i % 2:
            v = math.tanh(v)
            grads.append(1 - v * v)
        else:
            v = -v
            grads.append(-1.0)
    for d in reversed(grads):
        g *= d
    assert m.value(f"n{n - 1}") == v
    assert res.grads["x0"] == pytest.approx(g, rel=1e-9)
    m.set_value("x0", 0.25)  # incremental recompute of the whole chain
    assert m.value("n1") == math.tanh(0.25)


# ------------------------------------------------------------------- layout
def test_layered_positions_put_inputs_left_of_consumers():
    from core.graph.layout import layered_positions

    m = blog()
    m.add_node("leaf", "lonely", value=1.0)
    pos = layered_positions(m)
    assert set(pos) == set(m.nodes())
    for s, t, _ in m.edges():
        assert pos[s][0] < pos[t][0]
    assert pos["L"][0] == max(x for x, _ in pos.values())
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot
    part = layered_positions(m, ["a", "b", "e"])
    assert set(part) == {"a", "b", "e"} and part["a"][0] < part["e"][0]
    assert layered_positions(GraphModel()) == {}


def test_from_records_refuses_a_cycle_and_build_values_an_empty_port():
    from core.graph.build import build_values

    with pytest.raises(errors.CycleError) as info:
        GraphModel.from_records(
            {}, [("a", {"op": "neg"}), ("b", {"op": "neg"})], [("a", "b", 0), ("b", "a", 0)]
        )
    assert "'a'" in str(info.value) and "'b'" in str(info.value)
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    m.add_node("mul", "m")
    m.connect("a", "m", 0)
    with pytest.raises(errors.IncompleteGraphError) as info:
        build_values(m)
    assert "'m'" in str(info.value)
    vals = build_values(m, ["a"])
    assert vals["a"].data == 1.0 and vals["a"].label == "a"


def test_restore_is_all_or_nothing_when_the_graph_changed():
    m = blog()
    snap = m.remove_node("e")
    m.connect("a", "d", 0)  # e's old output port is taken meanwhile
    before = (sorted(m.nodes()), sorted(m.edges()))
    with pytest.raises(errors.PortOccupiedError):
        m.restore_node(snap)
    assert (sorted(m.nodes()), sorted(m.edges())) == before


def test_change_op_keeps_the_node_and_the_wires_its_new_ports_take():
    """Change Operation (t75 #8) through the model: id, label, place, group,
    output and the fitting wires kept; a Value neither changes nor is made."""
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0)
    m.add_node("leaf", "b", value=3.0)
    m.add_node("sub", "d", label="d", x=5.0, y=6.0)
    m.connect("a", "d", 0)
    m.connect("b", "d", 1)
    m.set_output("d")
    gid = m.groups.add(["a", "d"], "part")
    snap = m.change_op("d", "pow")
    assert m.node("d") == {"op": "pow", "label": "d", "exponent": 2.0, "x": 5.0, "y": 6.0}
    assert m.inputs("d") == ["a"] and m.value("d") == 4.0 and m.output == "d"
    assert m.groups.group_of("d") == gid and m.consumers("b") == []
    assert snap.in_edges == [("a", 0), ("b", 1)]
    m.put_back(snap)
    assert m.op("d") == "sub" and m.inputs("d") == ["a", "b"] and m.value("d") == -1.0
    assert "exponent" not in m.node("d") and m.groups.group_of("d") == gid and m.output == "d"
    with pytest.raises(errors.InvalidValueError, match="is a Value"):
        m.change_op("a", "add")
    with pytest.raises(errors.InvalidValueError, match="cannot become a Value"):
        m.change_op("d", "leaf")
    with pytest.raises(errors.UnknownOpError):
        m.change_op("d", "nope")
    assert m.op("d") == "sub" and m.inputs("d") == ["a", "b"]
